"""Which consulate a case goes to: the one of the person's nationality that serves where they
are.

A consulate represents one country (`Consulate.country`) and serves places given as ISO 3166
codes (`Consulate.places`): a whole country ("US") or a subdivision ("US-TX"; a code also
covers the subdivisions under it, so "ES-MD" covers the province "ES-M"). Where the person is
comes from `Person.country_destination` and, when they said it, `Person.region_destination`.

* nationality and place known: the consulate of that nationality whose places cover the
  person's subdivision, else one that covers their country; with only the country known and
  no consulate serving all of it, the one consulate serving part of it, if there is only one;
* nationality known, place unknown: that country's consulate only if it has exactly one;
* otherwise (no nationality, or no consulate of it for that place): the consulate that takes
  unrouted cases, else None, the admins' fallback queue.

When either is unknown and knowing it could change the route, the bot asks (`missing`, used
by `case_questions`), once per case.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Final

import pycountry
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Consulate, Person

ORIGIN: Final = "origin"
PLACE: Final = "place"


@cache
def _parent(code: str) -> str | None:
    """The ISO 3166-2 code a subdivision belongs to ("ES-M" is in "ES-MD"), else None."""
    found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    parent = getattr(found, "parent_code", None) if found is not None else None
    return str(parent) if parent else None


def _enclosing(region: str) -> list[str]:
    """The subdivision and every subdivision it lies in, nearest first."""
    chain, seen = [region], {region}
    while (parent := _parent(chain[-1])) is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
    return chain


def _country_of(code: str) -> str:
    return code.split("-", 1)[0]


def _first(consulates: Sequence[Consulate]) -> int | None:
    return min((c.id for c in consulates), default=None)


def nationality_consulate(session: Session, person: Person) -> int | None:
    """The consulate of the person's nationality for where they are, or None (see above)."""
    origin = (person.country_origin or "").upper()
    if not origin:
        return None
    own = list(session.scalars(select(Consulate).where(Consulate.country == origin)))
    country = (person.country_destination or "").upper()
    region = (person.region_destination or "").upper()
    if region and not country:
        country = _country_of(region)
    if not country:
        return own[0].id if len(own) == 1 else None
    if region and _country_of(region) == country:
        for code in _enclosing(region):
            found = _first([c for c in own if code in _codes(c)])
            if found is not None:
                return found
    whole = _first([c for c in own if country in _codes(c)])
    if whole is not None or region:
        return whole
    partly = [c for c in own if any(_country_of(code) == country for code in _codes(c))]
    return partly[0].id if len(partly) == 1 else None


def route(session: Session, person: Person) -> int | None:
    """The consulate a case of this person goes to; None leaves it in the fallback queue."""
    found = nationality_consulate(session, person)
    if found is not None:
        return found
    return session.scalar(
        select(Consulate.id).where(Consulate.takes_unrouted.is_(True)).order_by(Consulate.id)
    )


def missing(session: Session, person: Person) -> list[str]:
    """What the bot should ask to route this person's case, in order: their nationality when
    unknown, then where they are when unknown, or when only the country is known and their
    nationality's consulates there serve parts of it."""
    asks = []
    if not person.country_origin:
        asks.append(ORIGIN)
    if not person.country_destination or (
        person.country_origin
        and not person.region_destination
        and nationality_consulate(session, person) is None
        and _serves_parts_of(session, person)
    ):
        asks.append(PLACE)
    return asks


def _serves_parts_of(session: Session, person: Person) -> bool:
    country = (person.country_destination or "").upper()
    origin = (person.country_origin or "").upper()
    own = session.scalars(select(Consulate).where(Consulate.country == origin))
    return any(code.startswith(f"{country}-") for c in own for code in _codes(c))


def _codes(consulate: Consulate) -> list[str]:
    return [str(code).upper() for code in consulate.places or []]


def parse_places(text: str) -> list[str]:
    """ISO 3166 codes from an admin's list ("US-TX, US-OK"); a ValueError names a wrong one."""
    codes = []
    for token in text.replace(";", ",").replace(" ", ",").split(","):
        code = token.strip().upper()
        if not code:
            continue
        known = (
            pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
            if "-" in code
            else pycountry.countries.get(alpha_2=code)
        )
        if known is None:
            raise ValueError(code)
        codes.append(code)
    return list(dict.fromkeys(codes))
