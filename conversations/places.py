"""Where a person works and where they come from: from a short answer ("en dallas"), or named
inside a question ("con la h2a en georgia…"), as people write it: in either language, with
typos, several names at once ("estados unidos ya le dije, north carolina").

The names come from `gazetteer` (maintained data plus a short alias list); this module reads
them in a text: the longest name first, so "baja california" is Mexico and "new mexico" the
US, then, in short texts, names written with a typo or as they sound (`place_spelling`); an
answer naming several countries is read by its parts (`place_clauses`). Places written as
codes (postal codes, flag emoji, area codes, ZIP codes) are `place_codes`', airports
`place_airports`'; the subdivision an answer names is `place_regions`'.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from conversations import place_airports, place_clauses, place_codes, place_spelling
from conversations.gazetteer import tables, words
from conversations.place_aliases import (
    ARTICLES,
    DESTINATIONS,
    DISTRICT_CITIES,
    DISTRICT_WORDS,
    ORIGINS,
)

# An answer to "which country?" longer than this is a new question. People greet, apologise
# and say why they write around the place ("hola buenas, pues mire yo ando en gainesville
# georgia en la polleria y queria saber…"): the dialogue decides what a long one is for.
MAX_WORDS = 30
DESTINATION_SET = frozenset(DESTINATIONS)
ORIGIN_SET = frozenset(ORIGINS)
# A longer answer is read as a sentence is: only names written right that are no ordinary word
# ("us", "al", "la vega" are read in a short answer only), and no small town.
SHORT_ANSWER_WORDS = 12
LONGEST_NAME = 5  # words
FUZZY_MAX_WORDS = 40  # typos are looked for in texts up to this long
ANSWER_SIMILARITY = 85.0
MENTION_SIMILARITY = 90.0
EXACT = 101.0  # a similarity no typo reaches: names as written only
SHORT_WORD = 3  # letters: "de", "el", "la", "del" are no part of a name a typo changes
# Words that put a person in two places at once: "entre texas y ontario", "between".
BETWEEN = frozenset({"entre", "between"})
# A word this long after "de", "en" may be the name of a person's home cut short: "de
# chalate" is Chalatenango, "de mazate" Mazatenango, when only one name of one country so
# begins. Not a place of work: "trabajo de planta" is no Plantation, Florida.
CLIPPED_MIN_LETTERS = 5
CLIPPED_LETTERS_CUT = 3  # at least this many letters were left out
# How an answer is read, in turn, until one reading finds a name: names as written, then with
# typos, then small towns too.
READINGS = ((EXACT, False), (EXACT, True), (ANSWER_SIMILARITY, False), (ANSWER_SIMILARITY, True))
LONG_READINGS = ((EXACT, False),)
# Words before a small town's name that make it a place: "en wenatchee", "from otavalo".
TOWN_WORDS = ("en", "in", "at", "de", "from", "near", "cerca de", "desde", "of", "outside")
# Arriving says a place too: "recien llegue a ezeiza", "just arrived in pahokee".
ARRIVING_WORDS = ("llegue a", "llegamos a", "llegue al", "arrived in", "arrived at", "got to")
SMALL_TOWN_WORDS = ("en", "in", "at", "near", "cerca de", "outside", "aqui en", "here in")
# Destinations whose towns, said as a place inside a question, name the country.
TOWNS_NAME_THEIR_COUNTRY = frozenset(("ES", "CA", "CL", "AR"))
# Words before "us" when it is the country; after any other word it is the pronoun.
US_BEFORE = frozenset({"the", "in", "en", "el", "los", "de", "from", "to", "a", "al", "into"})
# Words before a name that is what a thing is called ("el rancho se llama texas").
CALLED = ("se llama", "se llaman", "llamado", "llamada", "called", "named", "is called")
# ...unless the thing is a place: "mi pueblo se llama…", "the town is called…".
PLACES_CALLED = ("pueblo", "ciudad", "aldea", "municipio", "comunidad", "town", "city", "village")
# Words before a place where the person is: "stuck in monterrey", "llego a tapachula".
WHERE_WORDS = ("en", "in", "at", "a")
# Going back home without naming it ("ya me quiero regresar a mi pais", "want to go back to my
# country"): whoever says so from a Mexican place is in Mexico, from elsewhere.
GOING_HOME = re.compile(
    r"\b(?:regresar(?:me|nos)?|(?:de)?volver(?:me|nos)?|regreso|vuelvo|irme|irnos"
    r"|go(?:ing)? back|get back|return(?:ing)?)\s+(?:a|pa|para|to)?\s*(?:mi|my|nuestro|our)\s+"
    r"(?:pais|tierra|country|home)\b"
)


@lru_cache(maxsize=512)
def names_in(text: str, *, similarity: float) -> tuple[str, ...]:
    """The place names `text` contains, longest first and never overlapping.

    Names as written and people's words with a diminutive ("chapincito") always; names with a
    typo when `similarity` allows, and, at the similarity of answers, names written as they
    sound ("kebec"); a small town's name only where it is said as a place. Kept for the last
    texts read: one turn asks about the same text several times (where the person works,
    where they come from, for the reply and for the slots)."""
    known = tables().every_name
    tokens = words(text).split()
    taken = [False] * len(tokens)
    found: list[str] = []
    typos = len(tokens) <= FUZZY_MAX_WORDS and similarity < EXACT
    for size in range(min(LONGEST_NAME, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            if any(taken[start : start + size]):
                continue
            candidate = " ".join(tokens[start : start + size])
            name = candidate if candidate in known else None
            if name is not None and not _district_cued(name, tokens, start, size):
                name = None
            if name is None and size == 1:
                name = place_spelling.undiminished(candidate)
            if name is None and typos and size == 1:
                name = place_spelling.unheld(candidate)
            if name is None and typos:
                name = _close_name(candidate, similarity)
            if name is None and typos and size == 1:
                name = place_spelling.country_missing_a_letter(candidate)
                name = name or place_spelling.country_slipped(candidate)
                name = name or place_spelling.region_slipped(candidate)
                if name is None and similarity <= ANSWER_SIMILARITY:
                    name = place_spelling.name_by_sound(candidate)
            if name is not None:
                found.append(name)
                taken[start : start + size] = [True] * size
    plain = f" {' '.join(tokens)} "
    towns, small, cued = tables().exact_names, tables().small_towns, tables().cued_districts
    return tuple(
        name
        for name in found
        if name not in towns or name in cued or _said_as_a_place(name, plain, small=name in small)
    )


def _district_cued(name: str, tokens: list[str], start: int, size: int) -> bool:
    """Whether a district named like a word or another place is said as one: after "comuna",
    "barrio", "distrito" (and "de"), before "comuna", or beside its city's name ("la florida,
    santiago"); any other name is."""
    country = tables().cued_districts.get(name)
    if country is None:
        return True
    before = [token for token in tokens[max(0, start - 2) : start] if token != "de"]
    after = " ".join(tokens[start + size : start + size + 3])
    if (before and before[-1] in DISTRICT_WORDS) or after.split()[:2] in (
        ["comuna"],
        ["la", "comuna"],
    ):
        return True
    nearby = f" {' '.join(tokens[max(0, start - 4) : start])} {after} "
    return any(f" {city} " in nearby for city in DISTRICT_CITIES[country])


def load_places() -> None:
    """Read the place data now (about a second) rather than on the first person's message."""
    tables()
    place_spelling.load_spelling()
    place_airports.load_airports()


def _close_name(candidate: str, similarity: float) -> str | None:
    """The name `candidate` is a typo of, of as many words or more: a typo may join two words
    ("northcarolina") but a name does not take in the next word ("michoacan ya")."""
    found = place_spelling.closest_name(candidate)
    if found is None or found[1] < similarity:
        return None
    if len(found[0].split()) < len(candidate.split()):
        return None
    # A name of several words is not read where only a short word differs: "de paso" is no
    # typo of El Paso, only "de" and "el" differ.
    written, named = set(candidate.split()), set(found[0].split())
    changed, meant = written - named, named - written
    short = all(len(word) <= SHORT_WORD for word in changed | meant)
    # "del beni" is "de el beni": the name's article inside the written word.
    contracted = all(any(word.endswith(m) for word in changed) for m in meant)
    if " " in candidate and short and not contracted:
        return None
    return found[0]


def _the_one(names: Sequence[str], table: dict[str, str]) -> str | None:
    """The one country the names place the text in; None for none or several."""
    found = {table[name] for name in names if name in table}
    return found.pop() if len(found) == 1 else None


def _one_country(named: list[tuple[str, str]], *giving_way: frozenset[str]) -> str | None:
    """The one country of the names; when they give several, the names of each set of
    `giving_way` in turn are left out."""
    for dropped in (frozenset(), *giving_way):
        countries = {code for name, code in named if name not in dropped}
        if len(countries) == 1:
            return countries.pop()
        if not countries:
            return None
    return None


@cache
def _in_sentences(destinations: bool) -> dict[str, str]:
    """The answers' names that are read inside a sentence too (see `SHORT_ANSWER_WORDS`)."""
    found = tables()
    answers = found.destination_answers if destinations else found.origin_answers
    return {name: code for name, code in answers.items() if name in found.sentence_names}


def is_short_answer(text: str) -> bool:
    """Whether an answer is short enough to be only an answer, and read with typos and towns."""
    return len(words(text).split()) <= SHORT_ANSWER_WORDS


def _named(
    text: str, answers: dict[str, str], similarity: float, *, towns: bool, codes: bool = True
) -> list[tuple[str, str]]:
    """The names of `text` that answer the question, with their countries; small towns only
    when `towns`; postal codes too when the answer is a place of work (they name no country
    people come from)."""
    found = tables()
    names = names_in(text, similarity=similarity)
    if "us" in names and _us_the_pronoun(text):
        names = tuple(name for name in names if name != "us")
    if not towns:
        names = tuple(name for name in names if name not in found.exact_names)
    named = [(name, answers[name]) for name in names if name in answers]
    if towns and not named and answers is found.origin_answers:
        named = _origin_towns(text) or _clipped(text, answers)
    countries = _countries_answered(answers)
    named += [(f"flag {code}", code) for code in place_codes.flags(text) if code in countries]
    if codes and answers is found.destination_answers:
        named += place_codes.codes(text, found)
    if answers is found.destination_answers or answers is _in_sentences(True):
        named += _airports(text, named)
    return named


def _airports(text: str, named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The airports of an answer, in answers of any length (they need a word of flying or
    arriving); the same words read as a town give way ("en el aeropuerto de guadalajara" is
    Mexico's: Spain's Guadalajara has no airport)."""
    airports = place_airports.airports(text, tables(), short=is_short_answer(text))
    said = {name.removeprefix("airport ") for name, _ in airports}
    named[:] = [(name, code) for name, code in named if name not in said]
    return airports


def _us_the_pronoun(text: str) -> bool:
    """Whether "us" in lowercase is the pronoun: after a verb ("the boss just drives us",
    "they're taking us to illinois"), not after "the", "in", "en", "from", "to" or alone."""
    tokens = text.split()
    for at, token in enumerate(tokens):
        if token.strip(".,;:!?") == "us":
            before = words(tokens[at - 1]) if at else ""
            if before and before not in US_BEFORE:
                return True
    return False


def _origin_towns(text: str) -> list[tuple[str, str]]:
    """The origins' towns under 15,000 people an answer names as the place ("de intipuca",
    "from chincha", "uyuni"), longest first, with their country."""
    table = tables().origin_towns
    tokens = words(text).split()
    plain = f" {' '.join(tokens)} "
    taken = [False] * len(tokens)
    found = []
    for size in range(min(LONGEST_NAME, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            candidate = " ".join(tokens[start : start + size])
            if any(taken[start : start + size]) or candidate not in table:
                continue
            if _said_as_a_place(candidate, plain):
                found.append((candidate, table[candidate]))
                taken[start : start + size] = [True] * size
    return found


def _clipped(text: str, answers: dict[str, str]) -> list[tuple[str, str]]:
    """Names cut short after "de", "en" (see `CLIPPED_MIN_LETTERS`), with their country."""
    tokens = words(text).split()
    found = []
    for before, token in itertools.pairwise(tokens):
        if before not in TOWN_WORDS or len(token) < CLIPPED_MIN_LETTERS:
            continue
        if token in tables().every_name:  # "en florida" is no Floridablanca
            continue
        names = _one_word_names()
        at = bisect.bisect_left(names, token)
        begun = []
        while at < len(names) and names[at].startswith(token):
            begun.append(names[at])
            at += 1
        longer = [name for name in begun if len(name) >= len(token) + CLIPPED_LETTERS_CUT]
        if len(begun) == len(longer) == 1:
            found.append((longer[0], answers[longer[0]]))
    return found


@cache
def _one_word_names() -> tuple[str, ...]:
    return tuple(sorted(name for name in tables().origin_answers if " " not in name))


def _said_as_a_place(name: str, plain: str, *, small: bool = False) -> bool:
    """Whether a name begins the answer or follows "en", "in", "de", "from": a small town is
    read so only ("wenatchee", "en wenatchee", not "q onda"); a town under 15,000 people not
    after "de", "from" ("la recogida de naranja" is no Naranja, Florida)."""
    said = (*(SMALL_TOWN_WORDS if small else TOWN_WORDS), *ARRIVING_WORDS)
    return plain.startswith(f" {name} ") or any(f" {word} {name} " in plain for word in said)


def _one_place(text: str, answers: dict[str, str], *, where_now: bool) -> str | None:
    """The one country the names in an answer give, with names as written first.

    A typo is only looked for when no name is written right ("en carolina del sur, en un campo
    de tabaco" is not Tabasco), and a small town only when no other name is found (in "en
    ilinoi en la mora azul" azul is a colour, not the Argentine town). When names give several
    countries, the parts of the answer that say where the person is now (or comes from)
    decide: "trabaje en usa y ahora en canada" answers where with Canada, "de honduras pero
    vivo en mexico" answers where from with Honduras."""
    found = tables()
    short = is_short_answer(text)  # as written: what is left out does not make it short
    destinations = answers is found.destination_answers
    text = _corrected(text)
    text = place_clauses.undenied(text) or text
    if not short:
        answers = _in_sentences(destinations)
    elif where_now and (now := _now_part(text)) is not None:
        # "soy de guerrero pero estoy en jorja": the part that says where the person is now is
        # read first with every reading, so a name written right in the part that says where
        # they come from does not stop the typo or the sound being looked for.
        found_now = _one_place(now, answers, where_now=True)
        if found_now is not None:
            return found_now
    readings = READINGS if short else LONG_READINGS
    first_shared: tuple[list[tuple[str, str]], tuple[float, bool]] | None = None
    someone_elses: tuple[list[tuple[str, str]], tuple[float, bool]] | None = None
    for similarity, towns in readings:
        named = _named(text, answers, similarity, towns=towns, codes=short)
        if not named:
            continue
        # Names places of several countries carry ("leon", "merida") wait for a later reading
        # that may find a longer name with a typo ("nuebo leon").
        if all(name in found.shared_names for name, _ in named):
            first_shared = first_shared or (named, (similarity, towns))
            continue
        # A relative's place waits for a later reading that may find the writer's ("my brother
        # is in winnipeg but im in fargo": Fargo is a town, read after names written right).
        if _only_someone_elses(text, named):
            someone_elses = someone_elses or (named, (similarity, towns))
            continue
        return _decided(text, answers, named, (similarity, towns), where_now=where_now)
    if first_shared is None and someone_elses is not None:
        return _decided(text, answers, *someone_elses, where_now=where_now)
    if first_shared is None:
        return _narrowed(text, answers, EXACT)
    named, reading = first_shared
    # A name that places of weight in several countries the question may answer carry, alone,
    # says nothing ("en merida", "de valencia") unless another name narrows it.
    if _all_ambiguous(named, destinations):
        return _narrowed(text, answers, reading[0])
    return _decided(text, answers, named, reading, where_now=where_now)


def _only_someone_elses(text: str, named: list[tuple[str, str]]) -> bool:
    """Whether every name found is in the parts of an answer about someone else, while other
    parts are about the writer (see `place_clauses.Clause`)."""
    parts = place_clauses.clauses(text)
    if not any(part.other for part in parts) or not any(part.writer for part in parts):
        return False
    writers = " ".join(f" {words(part.text)} " for part in parts if part.writer)
    return not any(f" {name} " in writers for name, _ in named)


def _now_part(text: str) -> str | None:
    """The parts of an answer that say where the person is now, when others say where they come
    from: "estoy en jorja" of "soy de guerrero pero estoy en jorja"."""
    parts = place_clauses.clauses(text)
    now = next((chosen for chosen in place_clauses.for_where_now(parts) if chosen), ())
    if not now or len(now) == len(parts) or not any(part.origin for part in parts):
        return None
    return ", ".join(part.text for part in now)


def _decided(
    text: str,
    answers: dict[str, str],
    named: list[tuple[str, str]],
    reading: tuple[float, bool],
    *,
    where_now: bool,
) -> str | None:
    """The one country of the names an answer gives, when some names give way to others.

    Vague names ("el norte", "america") give way first, then towns named just before a state
    or province of another country ("vineland ontario": the province says which Vineland),
    then names places of several countries carry ("merida", "santa cruz"), then US counties
    (Canada has counties of the same names: "in canada, essex county") and towns named just
    before a state or province ("london kentucky"), each first in the whole answer, then in
    the parts of it that answer the question."""
    found = tables()
    vague = found.vague_names | _called(text, named)
    shared = vague | found.shared_names
    before_region = _town_before_region(text, named)
    towns_too = _shared_or_county() | before_region
    # "entre texas y ontario": both places, so none gives way.
    between = bool(BETWEEN & set(words(text).split()))
    rounds = ((vague,), (vague, vague | before_region), (vague, shared), (vague, shared, towns_too))
    for giving_way in ((vague,),) if between else rounds:
        country = _one_country(named, *giving_way) or _by_parts(
            text, answers, reading, giving_way, where_now=where_now
        )
        if country is not None:
            return country
    return _narrowed(text, answers, reading[0])


def _called(text: str, named: list[tuple[str, str]]) -> frozenset[str]:
    """Names said as what a thing is called, not where it is: "el rancho se llama texas pero
    es en chihuahua", "una taqueria que se llama el michoacano en dallas", "a store called
    la michoacana"."""
    plain = f" {words(text)} "
    # "mi pueblo se llama intipuca": a town so called is a place.
    for noun in PLACES_CALLED:
        for word in CALLED:
            for joint in (" ", " que ", " is "):
                plain = plain.replace(f" {noun}{joint}{word} ", f" {noun} ")
    return frozenset(
        name
        for name, _ in named
        for word in CALLED
        for article in ("", *(f"{a} " for a in ARTICLES))
        if f" {word} {article}{name} " in plain
    )


def _town_before_region(text: str, named: list[tuple[str, str]]) -> frozenset[str]:
    """Towns and counties named just before a state or province of another country: the
    region says which town it is ("london kentucky", "delta de mississippi", "essex county
    on"); the town named anywhere else in the answer still counts."""
    plain = f" {words(text)} "
    cities = tables().city_names
    giving_way = set()
    for town, country in named:
        if town not in cities:
            continue
        for region, other in named:
            if other == country or region in cities:
                continue
            region = region.removeprefix("flag ")
            if any(f" {town}{joint}{region} " in plain for joint in (" ", " de ", " del ")):
                giving_way.add(town)
    return frozenset(giving_way)


@cache
def _shared_or_county() -> frozenset[str]:
    found = tables()
    return found.vague_names | found.shared_names | found.county_names


_ANSWERED: dict[int, tuple[dict[str, str], frozenset[str]]] = {}


def _countries_answered(answers: dict[str, str]) -> frozenset[str]:
    """The countries a table of answers gives, kept per table (the tables are built once and
    have tens of thousands of names; the table is kept too, so its id is never reused)."""
    kept = _ANSWERED.get(id(answers))
    if kept is None or kept[0] is not answers:
        kept = _ANSWERED[id(answers)] = (answers, frozenset(answers.values()))
    return kept[1]


def _all_ambiguous(named: list[tuple[str, str]], destinations: bool) -> bool:
    """Whether each name is carried by places of weight in several countries the question may
    answer: the destinations Enlace serves when it is where the person works ("valencia" is
    Spain's there), the origins it serves when it is where they come from ("de valencia" is
    Venezuela's); "en leon" (Guanajuato, Spain's province) and "de trujillo" (Peru, Venezuela)
    say nothing alone. The labelling rule of the place lists (tests/data/README.md)."""
    weighty = tables().weighty_countries
    countries = DESTINATION_SET if destinations else ORIGIN_SET
    return all(len(weighty.get(name, frozenset()) & countries) > 1 for name, _ in named)


def _corrected(text: str) -> str:
    """What follows the last correction of an answer when it names a place: "en murcia, no
    perdon, en alicante" is "en alicante"."""
    corrected = place_clauses.after_correction(text)
    if corrected is None or not names_in(corrected, similarity=ANSWER_SIMILARITY):
        return text
    return corrected


def _narrowed(text: str, answers: dict[str, str], similarity: float) -> str | None:
    """The one country that every name of the answer may be in, when some are names places of
    several countries carry: "trujillo, la libertad" is Peru (Trujillo is also Venezuelan and
    Honduran, La Libertad Salvadoran too), "trujillo colon" Honduras. A place and its region
    narrow each other; one shared name alone still says nothing ("de trujillo")."""
    found = tables()
    countries = _countries_answered(answers)
    possible: list[set[str]] = []
    shared = False
    for name in names_in(text, similarity=similarity):
        if name in answers:
            possible.append({answers[name]})
        elif name in found.shared_countries:
            possible.append(set(found.shared_countries[name]) & countries)
            shared = True
    if not shared or len(possible) < 2:
        return None
    common = set.intersection(*possible)
    return common.pop() if len(common) == 1 else None


def _by_parts(
    text: str,
    answers: dict[str, str],
    reading: tuple[float, bool],
    giving_way: tuple[frozenset[str], ...],
    *,
    where_now: bool,
) -> str | None:
    """The one country the parts of an answer that answer the question give."""
    parts = place_clauses.clauses(text)
    choices = place_clauses.for_where_now if where_now else place_clauses.for_where_from
    similarity, towns = reading
    for chosen in choices(parts):
        named = [
            pair for part in chosen for pair in _named(part.text, answers, similarity, towns=towns)
        ]
        if named and (country := _one_country(named, *giving_way)) is not None:
            return country
    return None


def parse_country(text: str) -> str | None:
    """The ISO code of the one country a short answer to "which country?" places the person in."""
    if len(words(text).split()) > MAX_WORDS:
        return None
    return _one_place(text, tables().destination_answers, where_now=True)


def mentioned_country(text: str) -> str | None:
    """The one destination country a message names, as an ISO code; None for none or several.

    "trabajo en canada y no me pagan" is about Canada, so the bot answers for Canada instead
    of asking where the person works; "trabaje en usa y ahora voy a españa" names two, so
    it still asks.
    """
    names = names_in(text, similarity=MENTION_SIMILARITY)
    found = _the_one(names, tables().destination_mentions)
    if found is None and not any(name in tables().destination_mentions for name in names):
        return _town_said_as_a_place(text, names) or (
            "MX" if _in_mexico_from_elsewhere(text) or _in_mexico_going_home(text) else None
        )
    return found


def _town_said_as_a_place(text: str, names: Sequence[str]) -> str | None:
    """The one country of the towns a message names after "en", "in", "de"… ("un hotel de
    benidorm", "the mine in calama"), among the destinations whose towns are rarely words of
    the message's languages: Spain, Canada, Chile, Argentina. A US town is often an English
    word ("in spring some weeks") and Mexico names no place of work inside a question (see
    `NOT_MENTIONED_DESTINATIONS`)."""
    found = tables()
    plain = f" {words(text)} "
    countries = {
        found.destination_answers[name]
        for name in names
        if name in found.exact_names
        and name in found.destination_answers
        and any(f" {word} {name} " in plain for word in TOWN_WORDS)
    }
    countries &= TOWNS_NAME_THEIR_COUNTRY
    return countries.pop() if len(countries) == 1 else None


def destinations_named(text: str) -> frozenset[str]:
    """Every destination country a text names, as ISO codes: an article's part "in the US,
    call 911; in Spain, 112" is for the US and Spain, not for a person in Canada."""
    table = tables().destination_mentions
    return frozenset(
        table[name] for name in names_in(text, similarity=MENTION_SIMILARITY) if name in table
    )


def mentioned_origin(text: str) -> str | None:
    """The one country of origin a message names, as an ISO code; None for none or several.

    Articles for some origins only (Mexico's pension agreement with Spain, Guatemala's
    labour ministry) are chosen for a person who says where they are from.
    """
    found = _the_one(names_in(text, similarity=MENTION_SIMILARITY), tables().origin_mentions)
    if found == "MX" and _in_mexico_going_home(text):
        return None
    return found or _in_mexico_from_elsewhere(text)


# "aqui en ecuador", "la oficina … en tegucigalpa", "alla en lima": where a thing is.
AT_WORDS = ("en", "in", "at")


def placed_at_origin(text: str, origin: str | None) -> bool:
    """Whether a message sets what it asks in the person's country of origin: a place of
    `origin` said as where something is ("donde queda la oficina… en tegucigalpa", "los años
    que trabajó aqui en ecuador"), not a destination's place. The article for that origin then
    answers before the one for where the person works (Honduras' labour ministry, not
    Spain's hiring in origin)."""
    if origin is None:
        return False
    found = tables()
    plain = f" {words(text)} "
    named = names_in(text, similarity=MENTION_SIMILARITY)
    if any(name in found.destination_mentions for name in named):
        return False
    return any(
        found.origin_mentions.get(name) == origin
        and any(f" {word} {name} " in plain for word in AT_WORDS)
        for name in named
    )


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


def _in_mexico_going_home(text: str) -> bool:
    """A person who says they are in a Mexican place and wants to go back to their own
    country ("estoy en monterrey en la construccion pero ya me quiero regresar a mi pais"): in
    Mexico, and not from it, whatever country they come from."""
    plain = f" {words(text)} "
    if GOING_HOME.search(plain) is None:
        return False
    names = names_in(text, similarity=MENTION_SIMILARITY)
    origins = {tables().origin_mentions.get(name) for name in names} - {None}
    mexican = [name for name in names if tables().origin_mentions.get(name) == "MX"]
    return origins == {"MX"} and any(
        f" {word} {name} " in plain for name in mexican for word in WHERE_WORDS
    )


def goes_home_unnamed(text: str) -> bool:
    """Whether the person wants to go back to their own country without naming it ("me
    quiero devolver a mi pais", "i want to go back to my country"): what helps them there
    depends on which country that is."""
    return GOING_HOME.search(f" {words(text)} ") is not None


def parse_origin(text: str) -> str | None:
    """The country a short answer to "where are you from?" names ("de guatemala", "mexicana")."""
    if len(words(text).split()) > MAX_WORDS:
        return None
    return _one_place(text, tables().origin_answers, where_now=False)
