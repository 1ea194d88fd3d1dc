"""Which consulate a case goes to: the person's nationality and where they are, the subdivision
before the country, asking when it cannot tell, and the fallback when nothing fits."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from conversations import ownership, routing
from conversations.ownership import Priority
from core.models import (
    AuditEvent,
    Channel,
    Consulate,
    Conversation,
    Officer,
    OwnershipChange,
    Person,
)
from tests.harness import new_phone

# Nationalities no other test gives a consulate to: the test database is shared.
BO, PE = "CR", "PA"  # Costa Rica, Panama


def _consulate(session: Session, country: str, *places: str, unrouted: bool = False) -> int:
    consulate = Consulate(
        name=f"Consulado {country} {' '.join(places) or 'sin lugares'} {new_phone()}",
        country=country,
        places=list(places),
        takes_unrouted=unrouted,
    )
    session.add(consulate)
    session.flush()
    return consulate.id


def _person(
    session: Session, origin: str | None, country: str | None = None, region: str | None = None
) -> Person:
    person = Person(
        address_hash=new_phone(),
        address_encrypted=b"x",
        country_origin=origin,
        country_destination=country,
        region_destination=region,
    )
    session.add(person)
    session.flush()
    return person


@pytest.fixture
def unrouted(session: Session) -> int:
    """The one consulate that takes unrouted cases in this (rolled back) test."""
    session.execute(update(Consulate).values(takes_unrouted=False))
    return _consulate(session, "MX", unrouted=True)


def test_a_subdivision_match_beats_a_country_match(session: Session, unrouted: int) -> None:
    whole = _consulate(session, BO, "US")
    texas = _consulate(session, BO, "US-TX", "US-OK")
    assert routing.route(session, _person(session, BO, "US", "US-TX")) == texas
    assert routing.route(session, _person(session, BO, "US", "US-CA")) == whole


def test_a_country_match_when_only_the_country_is_known(session: Session, unrouted: int) -> None:
    whole = _consulate(session, BO, "US")
    _consulate(session, BO, "US-TX")
    assert routing.route(session, _person(session, BO, "US")) == whole


def test_a_place_inside_a_served_subdivision_is_covered(session: Session, unrouted: int) -> None:
    madrid = _consulate(session, BO, "ES-MD")  # the community; the person said the province
    assert routing.route(session, _person(session, BO, "ES", "ES-M")) == madrid


def test_another_nationalitys_consulate_never_takes_the_case(
    session: Session, unrouted: int
) -> None:
    _consulate(session, PE, "US-TX")
    assert routing.route(session, _person(session, BO, "US", "US-TX")) == unrouted


def test_no_consulate_serving_the_place_goes_to_the_unrouted_one(
    session: Session, unrouted: int
) -> None:
    _consulate(session, BO, "US-TX")
    assert routing.route(session, _person(session, BO, "ES", "ES-M")) == unrouted
    assert routing.route(session, _person(session, None, "US", "US-TX")) == unrouted


def test_with_no_unrouted_consulate_the_case_waits_in_the_fallback_queue(
    session: Session,
) -> None:
    session.execute(update(Consulate).values(takes_unrouted=False))
    _consulate(session, BO, "US-TX")
    assert routing.route(session, _person(session, BO, "ES")) is None
    assert routing.route(session, _person(session, None)) is None


def test_nationality_alone_routes_only_to_a_countrys_single_consulate(
    session: Session, unrouted: int
) -> None:
    only = _consulate(session, BO, "US-TX")
    assert routing.route(session, _person(session, BO)) == only
    _consulate(session, BO, "US-CA")
    assert routing.route(session, _person(session, BO)) == unrouted
    assert routing.missing(session, _person(session, BO)) == [routing.PLACE]


def test_the_country_alone_routes_to_the_one_consulate_serving_part_of_it(
    session: Session, unrouted: int
) -> None:
    texas = _consulate(session, BO, "US-TX")
    _consulate(session, BO, "ES")
    assert routing.route(session, _person(session, BO, "US")) == texas
    _consulate(session, BO, "US-CA")
    person = _person(session, BO, "US")
    assert routing.route(session, person) == unrouted
    assert routing.missing(session, person) == [routing.PLACE]  # the state would tell


def test_what_to_ask_is_what_is_unknown(session: Session, unrouted: int) -> None:
    _consulate(session, BO, "US")
    assert routing.missing(session, _person(session, None)) == [routing.ORIGIN, routing.PLACE]
    assert routing.missing(session, _person(session, None, "US")) == [routing.ORIGIN]
    assert routing.missing(session, _person(session, BO, "US")) == []  # routed: no state needed
    assert routing.missing(session, _person(session, BO, "US", "US-TX")) == []


def test_reroute_moves_an_unclaimed_case_and_audits_it(session: Session, unrouted: int) -> None:
    texas = _consulate(session, BO, "US-TX")
    person = _person(session, None)
    conversation = Conversation(person=person, channel=Channel.SMS)
    session.add(conversation)
    session.flush()
    case = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    session.flush()
    assert case.consulate_id == unrouted
    person.country_origin, person.country_destination, person.region_destination = (
        BO,
        "US",
        "US-TX",
    )
    moved = ownership.reroute(session, conversation, "place")
    session.flush()
    assert moved is case
    assert case.consulate_id == texas
    change = session.scalars(
        select(OwnershipChange).where(OwnershipChange.conversation_id == conversation.id)
    ).all()[-1]
    assert (change.actor, change.reason) == ("person", "rerouted: place")
    event = session.scalar(select(AuditEvent).where(AuditEvent.case_id == case.id))
    assert event is not None
    assert (event.action, event.detail) == (
        "rerouted",
        {"from_consulate": unrouted, "to_consulate": texas, "why": "place"},
    )


def test_a_claimed_case_is_not_rerouted(session: Session, unrouted: int) -> None:
    _consulate(session, BO, "US-TX")
    person = _person(session, None)
    conversation = Conversation(person=person, channel=Channel.SMS)
    session.add(conversation)
    session.flush()
    case = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    session.flush()
    officer = Officer(
        consulate_id=unrouted, email=f"{new_phone()}@x.org", display_name="O", password_hash="x"
    )
    session.add(officer)
    session.flush()
    ownership.assign(session, conversation, officer.id, "taken")
    person.country_origin, person.country_destination, person.region_destination = (
        BO,
        "US",
        "US-TX",
    )
    assert ownership.reroute(session, conversation, "place") is None
    assert case.consulate_id == unrouted


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("US-TX, US-OK", ["US-TX", "US-OK"]),
        ("us-tx us", ["US-TX", "US"]),
        ("ES-MD; ES", ["ES-MD", "ES"]),
        ("", []),
    ],
)
def test_an_admins_list_of_places_is_read_as_iso_codes(text: str, codes: list[str]) -> None:
    assert routing.parse_places(text) == codes


def test_a_wrong_place_code_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="US-XX"):
        routing.parse_places("US-TX, US-XX")
