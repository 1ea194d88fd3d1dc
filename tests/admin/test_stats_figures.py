"""The supervisors' figures on known data, on SQLite and PostgreSQL: medians, the 90th
percentile, the share within target, the buckets, the fixed categories and the scope."""

from __future__ import annotations

import itertools
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from admin import clock, stats
from core.crypto import PhoneVault
from core.models import (
    Author,
    Case,
    CaseOutcome,
    CaseStatus,
    Channel,
    Consulate,
    Conversation,
    Direction,
    Message,
    Officer,
    OfficerRole,
    Person,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
NOVEMBER = stats.Period(date(2026, 11, 1), date(2026, 11, 30))
_phones = itertools.count(1)


def _consulate(session: Session, country: str = "GT", target: int = 30) -> Consulate:
    consulate = Consulate(
        name=f"Consulado {secrets.token_hex(3)}",
        country=country,
        first_response_target_minutes=target,
    )
    session.add(consulate)
    session.flush()
    return consulate


def _supervisor(consulate: Consulate, role: OfficerRole = OfficerRole.SUPERVISOR) -> Officer:
    """Scope reads only the role and the consulate: the officer need not be stored."""
    return Officer(consulate_id=consulate.id, role=role)


def _case(
    session: Session,
    vault: PhoneVault,
    consulate: Consulate | None,
    opened: datetime,
    answered_after: float | None = None,
    *,
    origin: str | None = "GT",
    channel: Channel = Channel.SMS,
    priority: int = 10,
    reason: str = "human_agent",
    outcome: CaseOutcome | None = None,
    readings: tuple[dict[str, Any], ...] = (),
) -> Case:
    phone = f"+1555019{next(_phones):04d}{secrets.randbelow(10)}"
    person = Person(
        address_hash=vault.lookup_hash(phone + secrets.token_hex(4)),
        address_encrypted=vault.encrypt(phone),
        country_origin=origin,
        country_destination="US",
        language="es",
    )
    conversation = Conversation(person=person, channel=channel)
    session.add(conversation)
    session.flush()
    for i, reading in enumerate(readings):
        session.add(
            Message(
                conversation_id=conversation.id,
                direction=Direction.INBOUND,
                author=Author.PERSON,
                body="texto de la persona",
                created_at=opened - timedelta(seconds=len(readings) - i),
                **reading,
            )
        )
    case = Case(
        conversation_id=conversation.id,
        consulate_id=consulate.id if consulate else None,
        reason=reason,
        priority=priority,
        opened_at=opened,
        outcome=outcome,
    )
    if answered_after is not None:
        case.first_response_at = opened + timedelta(minutes=answered_after)
    if outcome is not None:
        case.status, case.closed_at = CaseStatus.CLOSED, opened + timedelta(hours=3)
    session.add(case)
    session.flush()
    return case


def test_median_and_90th_percentile_of_known_first_responses(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session)
    for minutes in (5, 10, 15, 20, 25, 30, 35, 40, 45, 120):
        _case(session, vault, consulate, NOW - timedelta(days=2), minutes)
    facts = stats.case_facts(session, _supervisor(consulate), NOVEMBER, now=NOW)
    response = stats.response_figures(facts)
    assert response.answered == 10
    assert response.median_minutes == 27.5
    assert response.p90_minutes == 45  # nearest rank: the 9th of 10


def test_share_within_target_counts_unanswered_cases_past_their_target_as_late(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session, target=30)
    for minutes in (10, 30, 31):
        _case(session, vault, consulate, NOW - timedelta(days=1), minutes)
    _case(session, vault, consulate, NOW - timedelta(hours=2))  # unanswered, past its target
    _case(session, vault, consulate, NOW - timedelta(minutes=5))  # unanswered, still in time
    facts = stats.case_facts(session, _supervisor(consulate), NOVEMBER, now=NOW)
    response = stats.response_figures(facts)
    assert response.measured == 4
    assert response.within_target == pytest.approx(2 / 4)


def test_buckets_compare_each_case_with_its_own_consulates_target(
    session: Session, vault: PhoneVault
) -> None:
    quick = _consulate(session, target=10)
    slow = _consulate(session, target=60)
    admin = _supervisor(quick, OfficerRole.ADMIN)
    _case(session, vault, quick, NOW - timedelta(days=1), 5)  # half of 10
    _case(session, vault, quick, NOW - timedelta(days=1), 8)  # within 10
    _case(session, vault, quick, NOW - timedelta(days=1), 20)  # twice 10
    _case(session, vault, quick, NOW - timedelta(days=1), 25)  # later
    _case(session, vault, slow, NOW - timedelta(days=1), 25)  # half of 60
    _case(session, vault, slow, NOW - timedelta(days=1))  # no reply
    facts = [
        *stats.case_facts(session, admin, NOVEMBER, quick.id, now=NOW),
        *stats.case_facts(session, admin, NOVEMBER, slow.id, now=NOW),
    ]
    buckets = dict(stats.response_figures(facts).buckets)
    assert buckets == {
        "within_half": 2,
        "within_target": 1,
        "within_double": 1,
        "later": 1,
        "unanswered": 1,
    }
    assert sum(buckets.values()) == len(facts)


def test_categories_are_the_fixed_vocabulary(session: Session, vault: PhoneVault) -> None:
    consulate = _consulate(session)
    _case(
        session,
        vault,
        consulate,
        NOW - timedelta(days=1),
        readings=({"topic": "wages"}, {"topic": "human_agent"}, {"topic": "thanks"}),
        outcome=CaseOutcome.INFORMED,
    )
    _case(session, vault, consulate, NOW - timedelta(days=1), origin="hn", priority=100)
    _case(session, vault, consulate, NOW - timedelta(days=1), origin=None, reason="urgent")
    _case(session, vault, consulate, NOW - timedelta(days=1), channel=Channel.WHATSAPP)
    figures = stats.figures(stats.case_facts(session, _supervisor(consulate), NOVEMBER, now=NOW))
    assert figures.total == 4
    assert dict(figures.by_topic) == {"wages": 1, "human_agent": 2, "unknown": 1}
    assert dict(figures.by_nationality) == {"GT": 2, "HN": 1, "unknown": 1}
    assert dict(figures.by_priority) == {"normal": 3, "urgent": 1}
    assert dict(figures.by_channel) == {"sms": 3, "whatsapp": 1}
    assert dict(figures.by_outcome) == {"open": 3, "informed": 1}


def test_red_flags_are_the_signal_names_of_urgent_messages_only(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session)
    urgent = {
        "topic": "documents_retained",
        "urgent": True,
        "urgency_evidence": {"signals": ["documents_held"], "then": {"signals": ["confined"]}},
    }
    calm = {"topic": "wages", "urgent": False, "urgency_evidence": {"signals": ["deceived"]}}
    _case(session, vault, consulate, NOW - timedelta(days=1), readings=(urgent, calm))
    (facts,) = stats.case_facts(session, _supervisor(consulate), NOVEMBER, now=NOW)
    assert facts.red_flags == ("confined", "documents_held")
    assert facts.topic == "wages"


def test_a_supervisor_counts_only_their_consulate_whatever_they_ask_for(
    session: Session, vault: PhoneVault
) -> None:
    mine = _consulate(session)
    theirs = _consulate(session)
    _case(session, vault, mine, NOW - timedelta(days=1), 5)
    other = _case(session, vault, theirs, NOW - timedelta(days=1), 5)
    facts = stats.case_facts(session, _supervisor(mine), NOVEMBER, theirs.id, now=NOW)
    assert len(facts) == 1
    assert other.id not in {f.case_id for f in facts}


def test_the_period_includes_both_days_and_nothing_outside(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session)
    inside = [
        _case(session, vault, consulate, datetime(2026, 11, 1, 0, 0, tzinfo=UTC)),
        _case(session, vault, consulate, datetime(2026, 11, 30, 23, 59, tzinfo=UTC)),
    ]
    _case(session, vault, consulate, datetime(2026, 10, 31, 23, 59, tzinfo=UTC))
    _case(session, vault, consulate, datetime(2026, 12, 1, 0, 0, tzinfo=UTC))
    facts = stats.case_facts(session, _supervisor(consulate), NOVEMBER, now=NOW)
    assert [f.case_id for f in facts] == [c.id for c in inside]


def test_a_malformed_period_falls_back_to_the_last_30_days() -> None:
    today = date(2026, 12, 2)
    assert stats.Period.parse("yesterday", None, today) == stats.Period(
        date(2026, 11, 3), date(2026, 12, 2)
    )
    assert stats.Period.parse("2026-11-30", "2026-11-01", today) == NOVEMBER


def test_the_clock_turns_amber_past_half_the_target_and_red_past_it(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session, target=30)
    case = _case(session, vault, consulate, NOW - timedelta(minutes=10))
    target = timedelta(minutes=30)
    assert clock.clock_of(session, case, target, NOW).level == clock.Level.OK
    assert clock.clock_of(session, case, target, NOW + timedelta(minutes=10)).level == "warn"
    assert clock.clock_of(session, case, target, NOW + timedelta(minutes=25)).level == "late"


def test_the_clock_stands_still_while_the_case_waits_on_the_person_and_restarts(
    session: Session, vault: PhoneVault
) -> None:
    consulate = _consulate(session)
    case = _case(session, vault, consulate, NOW - timedelta(minutes=40))
    target = timedelta(minutes=30)

    def write(author: Author, minutes_ago: int) -> None:
        inbound = author == Author.PERSON
        session.add(
            Message(
                conversation_id=case.conversation_id,
                direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
                author=author,
                body="…",
                created_at=NOW - timedelta(minutes=minutes_ago),
            )
        )
        session.flush()

    write(Author.OFFICER, 35)
    clock.record_reply(case, NOW - timedelta(minutes=35))
    paused = clock.clock_of(session, case, target, NOW)
    assert paused.level == clock.Level.PAUSED
    assert paused.first_response == timedelta(minutes=5)
    write(Author.PERSON, 20)
    write(Author.BOT, 19)  # the bot's words do not answer for an officer
    write(Author.PERSON, 2)
    running = clock.clock_of(session, case, target, NOW)
    assert running.waited == timedelta(minutes=20)  # since the first unanswered message
    assert running.level == clock.Level.WARN


def test_a_recorded_first_reply_pauses_the_clock_even_without_its_message(
    session: Session, vault: PhoneVault
) -> None:
    """A reply recorded by another road (the API) counts as one: the case waits on the person."""
    case = _case(session, vault, _consulate(session), NOW - timedelta(minutes=40), 12)
    state = clock.clock_of(session, case, timedelta(minutes=30), NOW)
    assert state.level == clock.Level.PAUSED
    assert state.first_response == timedelta(minutes=12)
