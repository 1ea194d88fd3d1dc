"""Airports said as where a person is: "llegué a LAX", "en el aeropuerto de barajas", "at YVR
airport now", "trabajo en el jfk limpiando aviones". Each found airport comes with its country.

The airports are airportsdata's (the `airportsdata` package, MIT, a maintained table of the
world's airports: IATA code, name, city, country), those of the countries Enlace serves as
destinations. An airport's code is three letters, and many are words ("las", "sea", "san",
"mas"), so an airport counts only where the answer speaks of flying or arriving:

* a city or an airport's own name just beside "aeropuerto" or "airport" ("santiago airport",
  "el aeropuerto de barajas");
* a code in capitals, in a text not written all in capitals, or one with no vowel ("jfk",
  which no word of either language is), when the answer says "aeropuerto", "airport" or has a
  word of flying ("aviones", "vuelo", "terminal", "landed") or says "llegué a", "arrived at"
  ("the airport and", "aeropuerto de las 5" are no codes);
* an airport's own name of five letters or more ("barajas", "pearson", "ohare") that is no
  place name the gazetteer knows, when a short answer has a word of flying.

A city after "llegué a" is the gazetteer's to read ("llegue a ontario" is the province, not
Ontario, California's airport; "al llegar al campo" names no airport).

A key that airports of two countries have ("richmond": Vancouver's airport and Virginia's) says
nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import Final

import airportsdata

from conversations.gazetteer import Tables, words
from conversations.place_aliases import DESTINATIONS

AIRPORT_WORDS: Final = frozenset({"aeropuerto", "airport", "aeropuertos", "airports"})
# Words of flying: an airport's code or name anywhere in such an answer is where the person is.
FLYING_WORDS: Final = frozenset(
    {
        *("avion", "aviones", "vuelo", "vuelos", "terminal", "aterrice", "aterrizo", "aerolinea"),
        *("aterrizamos", "aterrizar", "aterrizando", "volamos", "vole"),
        *("plane", "planes", "flight", "flights", "landed", "airline", "gate"),
    }
)
# Words of arriving before a place: "llegue a LAX", "recien llegue a ezeiza", "arrived at".
ARRIVING_VERBS: Final = frozenset(
    {"llegue", "llegamos", "llego", "llegar", "arrived", "landed", "aterrice", "aterrizamos"}
)
ARRIVING_TO: Final = frozenset({"a", "al", "en", "at", "in", "to"})
# Words of airports' names that say nothing of which airport.
GENERIC: Final = frozenset(
    {
        *("international", "internacional", "airport", "aeropuerto", "regional", "municipal"),
        *("county", "field", "airfield", "airpark", "intl", "memorial", "executive", "air"),
        *("base", "airstrip", "heliport", "station", "de", "del", "la", "el", "y", "the", "of"),
        *("and", "aerodrome", "aerodromo", "metropolitan", "world", "national", "city"),
    }
)
NAME_MIN_LETTERS: Final = 5
CODE_LETTERS: Final = 3
LONGEST_KEY: Final = 4  # words
_VOWELS: Final = frozenset("aeiouy")


@cache
def _keys() -> dict[str, frozenset[str]]:
    """Each airport's code, city and own name (as `words` writes them) to the countries of the
    airports that have it."""
    found: dict[str, set[str]] = defaultdict(set)
    for code, airport in airportsdata.load("IATA").items():
        country = airport["country"]
        if country not in DESTINATIONS or not code:
            continue
        found[code.lower()].add(country)
        city = words(airport["city"])
        if len(city) >= CODE_LETTERS:
            found[city].add(country)
        own = [word for word in words(airport["name"]).split() if word not in GENERIC]
        own = [word for word in own if word not in city.split()]
        for key in {" ".join(own), own[-1]} if own else ():
            if len(key) >= CODE_LETTERS:
                found[key].add(country)
    flying = AIRPORT_WORDS | FLYING_WORDS  # "Flight Park": the word says no airport
    return {key: frozenset(found[key]) for key in found.keys() - flying}


def load_airports() -> None:
    """Read the airports now (about a tenth of a second) rather than on the first answer."""
    _keys()


def airports(text: str, found: Tables, *, short: bool = True) -> list[tuple[str, str]]:
    """Every airport of an answer to "where are you?", with its country: the longest key
    first, keys never overlapping ("la plata" is no Plata, read or not). An airport's own
    name away from the word "airport" is read in a short answer only (see
    `places.SHORT_ANSWER_WORDS`)."""
    plain = words(text).split()
    flying = bool(set(plain) & (AIRPORT_WORDS | FLYING_WORDS))
    arriving = {
        at
        for at in range(2, len(plain))
        if plain[at - 1] in ARRIVING_TO and plain[at - 2] in ARRIVING_VERBS
    }
    if not flying and not arriving:
        return []
    keys = _keys()
    mixed_case = any(ch.islower() for ch in text)
    capitals = {code.lower() for code in re.findall(r"\b[A-Z]{3}\b", text)} if mixed_case else set()
    taken = [False] * len(plain)
    named = []
    for size in range(min(LONGEST_KEY, len(plain)), 0, -1):
        for at in range(len(plain) - size + 1):
            key = " ".join(plain[at : at + size])
            countries = keys.get(key)
            if countries is None or any(taken[at : at + size]):
                continue
            taken[at : at + size] = [True] * size  # "la plata" read or not, it is no "plata"
            if len(countries) != 1:
                continue
            beside = _beside_an_airport_word(plain, at, size)
            if len(key) == CODE_LETTERS and size == 1:
                written = key in capitals or not _VOWELS & set(key)
                counts = (flying or at in arriving) and written
            else:
                own_name = len(key) >= NAME_MIN_LETTERS and key not in found.every_name
                counts = beside or (own_name and flying and short)
            if counts:
                named.append((f"airport {key}", next(iter(countries))))
    return named


def _beside_an_airport_word(tokens: list[str], start: int, size: int) -> bool:
    """Whether the words at `start` are said as an airport: "aeropuerto (de|del|internacional
    de) X", "X (international) airport", "airport X"."""
    before = tokens[max(0, start - 3) : start]
    after = tokens[start + size : start + size + 2]
    if before and before[-1] in AIRPORT_WORDS:
        return True
    if len(before) >= 2 and before[-1] in ("de", "del") and before[-2] in AIRPORT_WORDS:
        return True
    if len(before) >= 3 and before[-1] in ("de", "del") and before[-3] in AIRPORT_WORDS:
        return before[-2] in ("internacional", "international")
    return bool(after) and (
        after[0] in AIRPORT_WORDS or (after[0] == "international" and after[1:2] == ["airport"])
    )
