"""Supervisors' figures: what the cases of a period were about and how fast people got a human.

Every category is a fixed vocabulary, so that figures add up across consulates: taxonomy topic
ids, ISO 3166 country codes, and the values of the channel, priority and outcome enums. Each
case is first reduced to `CaseFacts`, which hold no personal data (no phone, no name, no
message text, no notes); the page's figures and the CSV export are both made from them.
Cases are counted in the period they were opened, always within the officer's scope.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from admin import case_readings
from admin.auth import in_scope
from admin.clock import aware, targets
from conversations.ownership import Priority
from core.models import (
    Case,
    Consulate,
    Conversation,
    Officer,
    OfficerRole,
    Person,
    utcnow,
)

DEFAULT_DAYS: Final = 30
UNKNOWN: Final = case_readings.UNKNOWN  # a category the case has no value for yet
OPEN: Final = "open"  # the outcome of a case not closed yet


class Bucket:
    """First-response times against each case's own consulate target."""

    HALF = "within_half"
    TARGET = "within_target"
    DOUBLE = "within_double"
    LATER = "later"
    UNANSWERED = "unanswered"
    ALL: Final = (HALF, TARGET, DOUBLE, LATER, UNANSWERED)


@dataclass(frozen=True)
class Period:
    """Days, both included, in UTC."""

    start: date
    end: date

    @classmethod
    def last_days(cls, today: date, days: int = DEFAULT_DAYS) -> Period:
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def parse(cls, start: str | None, end: str | None, today: date) -> Period:
        """The period asked for; a missing or malformed day falls back to the last 30 days."""
        default = cls.last_days(today)
        try:
            first = date.fromisoformat(start) if start else default.start
            last = date.fromisoformat(end) if end else default.end
        except ValueError:
            return default
        return cls(first, last) if first <= last else cls(last, first)

    def bounds(self) -> tuple[datetime, datetime]:
        begin = datetime.combine(self.start, time.min, UTC)
        return begin, datetime.combine(self.end + timedelta(days=1), time.min, UTC)


@dataclass(frozen=True)
class CaseFacts:
    """One case as the statistics and the export see it: categories and durations only."""

    case_id: int
    consulate_id: int | None
    consulate: str
    opened_at: datetime
    closed_at: datetime | None
    priority: str  # "urgent" | "normal"
    topic: str  # a taxonomy id or UNKNOWN
    nationality: str  # ISO 3166-1 alpha-2 or UNKNOWN
    destination: str
    channel: str
    language: str
    outcome: str  # a CaseOutcome value, or OPEN
    first_response_minutes: float | None
    target_minutes: float
    unanswered_past_target: bool  # no human reply, and waited (or closed) past the target
    red_flags: tuple[str, ...]  # danger-signal names of the person's urgent messages


@dataclass(frozen=True)
class ResponseFigures:
    answered: int
    median_minutes: float | None
    p90_minutes: float | None
    within_target: float | None  # share of the cases measured, 0..1
    measured: int  # answered, plus unanswered past their target
    buckets: list[tuple[str, int]]


@dataclass(frozen=True)
class Figures:
    total: int
    by_topic: list[tuple[str, int]]
    by_priority: list[tuple[str, int]]
    by_nationality: list[tuple[str, int]]
    by_channel: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    response: ResponseFigures


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest rank: the smallest value with at least `share` of the values at or below it
    (always a time some case really took)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def scope(officer: Officer, consulate_id: int | None) -> ColumnElement[bool]:
    """The officer's scope; an admin may narrow it to one consulate (others cannot widen it)."""
    if officer.role == OfficerRole.ADMIN and consulate_id is not None:
        return Case.consulate_id == consulate_id
    return in_scope(officer)


def case_facts(
    session: Session,
    officer: Officer,
    period: Period,
    consulate_id: int | None = None,
    now: datetime | None = None,
) -> list[CaseFacts]:
    now = now or utcnow()
    begin, end = period.bounds()
    rows = session.execute(
        select(Case, Conversation.channel, Person, Consulate.name)
        .join(Conversation, Case.conversation_id == Conversation.id)
        .join(Person, Conversation.person_id == Person.id)
        .outerjoin(Consulate, Case.consulate_id == Consulate.id)
        .where(scope(officer, consulate_id), Case.opened_at >= begin, Case.opened_at < end)
        .order_by(Case.opened_at, Case.id)
    ).all()
    cases = [case for case, *_ in rows]
    readings = case_readings.readings_of(session, cases)
    target_of = targets(session, (c.consulate_id for c in cases))
    facts = []
    for case, channel, person, consulate_name in rows:
        target = target_of.get(case.consulate_id, target_of[None])
        own = readings.get(case.id, [])
        facts.append(
            CaseFacts(
                case_id=case.id,
                consulate_id=case.consulate_id,
                consulate=consulate_name or "",
                opened_at=aware(case.opened_at),
                closed_at=aware(case.closed_at) if case.closed_at else None,
                priority="urgent" if case.priority >= Priority.URGENT else "normal",
                topic=case_readings.topic_of(case, own),
                nationality=_country(person.country_origin),
                destination=_country(person.country_destination),
                channel=channel.value,
                language=person.language or UNKNOWN,
                outcome=case.outcome.value if case.outcome else OPEN,
                first_response_minutes=_first_response(case),
                target_minutes=target.total_seconds() / 60,
                unanswered_past_target=_unanswered_past(case, target, now),
                red_flags=case_readings.red_flags_of(own),
            )
        )
    return facts


def figures(facts: Sequence[CaseFacts]) -> Figures:
    return Figures(
        total=len(facts),
        by_topic=_counted(f.topic for f in facts),
        by_priority=_counted(f.priority for f in facts),
        by_nationality=_counted(f.nationality for f in facts),
        by_channel=_counted(f.channel for f in facts),
        by_outcome=_counted(f.outcome for f in facts),
        response=response_figures(facts),
    )


def response_figures(facts: Sequence[CaseFacts]) -> ResponseFigures:
    times = [f.first_response_minutes for f in facts if f.first_response_minutes is not None]
    buckets = Counter(_bucket(f) for f in facts)
    measured = len(times) + sum(1 for f in facts if f.unanswered_past_target)
    within = sum(
        1
        for f in facts
        if f.first_response_minutes is not None and f.first_response_minutes <= f.target_minutes
    )
    return ResponseFigures(
        answered=len(times),
        median_minutes=statistics.median(times) if times else None,
        p90_minutes=percentile(times, 0.9),
        within_target=within / measured if measured else None,
        measured=measured,
        buckets=[(name, buckets[name]) for name in Bucket.ALL],
    )


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    """Most frequent first; ties by name, so the order is stable."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))


def _bucket(f: CaseFacts) -> str:
    minutes = f.first_response_minutes
    if minutes is None:
        return Bucket.UNANSWERED
    if minutes * 2 <= f.target_minutes:
        return Bucket.HALF
    if minutes <= f.target_minutes:
        return Bucket.TARGET
    if minutes <= f.target_minutes * 2:
        return Bucket.DOUBLE
    return Bucket.LATER


def _country(code: str | None) -> str:
    return code.upper() if code else UNKNOWN


def _first_response(case: Case) -> float | None:
    if case.first_response_at is None:
        return None
    delta = aware(case.first_response_at) - aware(case.opened_at)
    return round(max(delta, timedelta(0)).total_seconds() / 60, 1)


def _unanswered_past(case: Case, target: timedelta, now: datetime) -> bool:
    if case.first_response_at is not None:
        return False
    until = aware(case.closed_at) if case.closed_at else aware(now)
    return until - aware(case.opened_at) > target
