"""Place names written otherwise than the data writes them: with a typo ("calfornia"), as they
sound to a Spanish speaker ("kebec", "ondura", "otario"), or with a diminutive ("chapincito").

Each reading returns the known name it takes a word for, or None; `places.names_in` decides
which readings a text gets (typos and sounds only where a place is expected).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Hamming, Indel, Levenshtein

from conversations.gazetteer import tables

FUZZY_MIN_LENGTH = 7  # characters: shorter names must be written right (gracias is not Gràcia)
FUZZY_CUTOFF = 85.0  # the lowest similarity any reading accepts
SOUND_MIN_LENGTH = 5  # characters of a word read by its sound ("kebec")
# A word this long may be a name by its sound with one letter left out ("otario": Ontario).
SOUND_DROPPED_LETTER_LENGTH = 6
# A name whose sound is this long may be written with one sound changed ("kentoki").
SOUND_CHANGED_LETTER_LENGTH = 7
# A country name of this many letters written with one letter missing ("canda", "mexio"):
# too short for the similarity above, and no ordinary word is such a name minus a letter.
DROPPED_LETTER_NAME_LENGTH = 6
# Country names of these lengths are read with one slip (`country_slipped`); longer ones reach
# the similarity of a typo.
SLIPPED_MIN_LENGTH = 5
SLIPPED_MAX_LENGTH = 8
REGION_SLIPPED_LENGTH = (6, 8)  # letters of a region's name read with one slip
# Ordinary words one slip away from a name: "tabaco" (tobacco, where many people work) is no
# Tabasco.
NEAR_NAMES = frozenset({"tabaco"})
# A letter held down: "chileee", "mexicooo".
_HELD = re.compile(r"(.)\1\1+")
# How Spanish speakers spell sounds, each written one way: "qu", "k" and a hard "c" are k;
# a soft "c" and "z" are s; "v" is b; a silent "h" goes; "y", "j" and "ll" before a vowel
# sound alike to people writing English names ("yersey"); doubled letters are one.
_SOUNDS = (
    (re.compile(r"ph"), "f"),
    # English spellings a Spanish speaker writes as heard: "geo" is "jo" and a soft "g" a "j"
    # (jorja), "oo" is "u" (saskatun), "i" before a consonant may be "ai" (aydajo); "gua" is
    # "wa" (guashinton), "gue" may be "güe", "hue" (güelva).
    (re.compile(r"ge(?=o)|g(?=[eiy])"), "j"),
    (re.compile(r"oo"), "u"),
    (re.compile(r"a[iy](?![aeiou])"), "i"),
    (re.compile(r"gu(?=[ae])"), "w"),  # "güelva": the diaeresis is lost, "güe" is "hue"
    (re.compile(r"ck|qu|q|c(?![eiyh])"), "k"),
    (re.compile(r"c(?=[eiy])|z"), "s"),
    (re.compile(r"v"), "b"),
    (re.compile(r"(?<![cs])h"), ""),
    (re.compile(r"ll|j|y"), "i"),
    (re.compile(r"w"), "u"),
    (re.compile(r"(.)\1"), r"\1"),
)
# Diminutive endings: "chapincito" is a chapin, "paisita" a paisa, "guanaquito" a guanaco.
_DIMINUTIVES = ("citos", "citas", "cito", "cita", "itos", "itas", "ito", "ita")


def sound(word: str) -> str:
    """The word as it sounds, written one way: "quebec" and "kebec" are both "kebek"."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


SoundIndex = dict[str, frozenset[str]]


@cache
def _names_by_sound() -> tuple[SoundIndex, SoundIndex, SoundIndex]:
    """One-word names read by sound: by their sound, by their sound with a letter left out,
    and by their sound with a letter changed ("?" in its place).

    Small towns are left out: they are read only as written."""
    whole: dict[str, set[str]] = defaultdict(set)
    dropped: dict[str, set[str]] = defaultdict(set)
    changed: dict[str, set[str]] = defaultdict(set)
    for name in _fuzzy_names():
        if " " in name or len(name) < SOUND_MIN_LENGTH:
            continue
        key = sound(name)
        whole[key].add(name)
        if len(key) > SOUND_DROPPED_LETTER_LENGTH:
            for at in range(len(key)):
                dropped[key[:at] + key[at + 1 :]].add(name)
        if len(key) >= SOUND_CHANGED_LETTER_LENGTH:
            for at in range(len(key)):
                changed[key[:at] + "?" + key[at + 1 :]].add(name)
    return (
        {key: frozenset(names) for key, names in whole.items()},
        {key: frozenset(names) for key, names in dropped.items()},
        {key: frozenset(names) for key, names in changed.items()},
    )


@lru_cache(maxsize=65536)
def name_by_sound(word: str) -> str | None:
    """The known name `word` sounds like ("kebec": quebec), or is with a letter left out and
    sounds like ("ondura": honduras, "otario": ontario); None for none or names of several
    countries."""
    if len(word) < SOUND_MIN_LENGTH or " " in word or word in NEAR_NAMES:
        return None
    whole, dropped, changed = _names_by_sound()
    # A "j" may be an English "h" as a Spanish speaker hears it: "omaja", "aydajo".
    keys = (sound(word), sound(word.replace("j", "h"))) if "j" in word else (sound(word),)
    names = frozenset().union(*(whole.get(key, frozenset()) for key in keys))
    if not names and len(word) >= SOUND_DROPPED_LETTER_LENGTH:
        names = frozenset().union(*(dropped.get(key, frozenset()) for key in keys))
        names |= frozenset().union(*(changed.get(key, frozenset()) for key in _changes(keys)))
    return _of_one_country(names)


def _changes(keys: tuple[str, ...]) -> set[str]:
    """Each key with one letter changed for any other ("kentoki" for kentuki)."""
    return {
        key[:at] + "?" + key[at + 1 :]
        for key in keys
        if len(key) >= SOUND_CHANGED_LETTER_LENGTH
        for at in range(len(key))
    }


def _of_one_country(names: frozenset[str]) -> str | None:
    """One of `names` when all name the same country ("honduras", "honduran"), else None."""
    found = tables()
    countries = {found.destination_answers.get(n) or found.origin_answers.get(n) for n in names}
    return min(names) if len(countries) == 1 and None not in countries else None


def undiminished(word: str) -> str | None:
    """The people's word a diminutive is made of: "chapincito" is chapin, "paisita" paisa."""
    diminishable = tables().diminishable
    for ending in _DIMINUTIVES:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        stem = word[: -len(ending)]
        if stem.endswith("qu"):
            stem = stem[:-2] + "c"  # guanaquito: guanaco
        for base in (stem, stem + "o", stem + "a"):
            if base in diminishable:
                return base
    return None


def country_missing_a_letter(candidate: str) -> str | None:
    """A six-letter country name with one letter left out: "canda" is Canada."""
    if len(candidate) != DROPPED_LETTER_NAME_LENGTH - 1 or " " in candidate:
        return None
    for name in tables().country_names:
        if len(name) == DROPPED_LETTER_NAME_LENGTH and Levenshtein.distance(candidate, name) == 1:
            return name
    return None


def unheld(word: str) -> str | None:
    """The name a word is with a letter held down: "texasss", "chileee", "mexicooo"."""
    if not _HELD.search(word):
        return None
    known = tables().every_name
    for once in (_HELD.sub(r"\1", word), _HELD.sub(r"\1\1", word)):
        if once in known:
            return once
    return None


@lru_cache(maxsize=65536)
def region_slipped(candidate: str) -> str | None:
    """A state's, province's or department's name of six to eight letters written with one slip
    that keeps its first letter: a letter left out, a letter doubled, two letters swapped
    ("texsa", "georga", "kansass", "murica"). Towns and names of several countries are
    left out, and words a slip away from a name that people write otherwise ("tabaco")."""
    if (
        " " in candidate
        or not REGION_SLIPPED_LENGTH[0] <= len(candidate) <= REGION_SLIPPED_LENGTH[1] + 1
    ):
        return None
    if candidate in tables().every_name or candidate in NEAR_NAMES:
        return None
    found = {
        name
        for name in _short_regions().get(candidate[0], ())
        if abs(len(name) - len(candidate)) <= 1 and _one_slip_keeping_first(candidate, name)
    }
    return found.pop() if len(found) == 1 else None


def _one_slip_keeping_first(written: str, name: str) -> bool:
    if written[1:] == name[1:] or not _one_slip(written, name):
        return False
    if len(written) == len(name) + 1:  # a letter added: only a letter doubled
        return any(
            written[:at] + written[at + 1 :] == name
            for at in range(1, len(written))
            if written[at] == written[at - 1]
        )
    return True


@cache
def _short_regions() -> dict[str, tuple[str, ...]]:
    """Subdivisions' and big cities' one-word names by their first letter (see `region_slipped`)."""
    found = tables()
    grouped: dict[str, list[str]] = defaultdict(list)
    for name in _fuzzy_names() - found.country_names:
        if " " not in name and REGION_SLIPPED_LENGTH[0] <= len(name) <= REGION_SLIPPED_LENGTH[1]:
            grouped[name[0]].append(name)
    return {letter: tuple(names) for letter, names in grouped.items()}


@lru_cache(maxsize=65536)
def country_slipped(candidate: str) -> str | None:
    """A short country name (too short for the similarity of `closest_name`) written with one
    slip of the fingers: a letter doubled or left out, two letters swapped, or the last letter
    held ("spian", "cihle", "panamaa", "boliia", "chileee"). Not a letter changed for another:
    "while" is no Chile."""
    if " " in candidate or len(candidate) < SLIPPED_MIN_LENGTH:
        return None
    held = _HELD.sub(r"\1", candidate)
    found = {name for name in _short_countries() if held == name or _one_slip(candidate, name)}
    return found.pop() if len(found) == 1 else None


def _one_slip(written: str, name: str) -> bool:
    if Indel.distance(written, name) == 1:
        return True
    return len(written) == len(name) and OSA.distance(written, name) == 1 != Hamming.distance(
        written, name
    )


@cache
def _short_countries() -> tuple[str, ...]:
    return tuple(
        name
        for name in tables().country_names
        if " " not in name and SLIPPED_MIN_LENGTH <= len(name) <= SLIPPED_MAX_LENGTH
    )


@cache
def _fuzzy_names() -> frozenset[str]:
    """Names a typo may be taken for: every name but small towns, the demonyms of the
    dictionary and Chile's numbered regions (many forms of a word, read only as written)."""
    found = tables()
    return found.every_name - found.exact_names - found.untypoed_names - _only_shared()


@cache
def _only_shared() -> frozenset[str]:
    """Names known only as places of several countries: read as written, never from a typo."""
    found = tables()
    answers = set(found.destination_answers) | set(found.origin_answers)
    return frozenset(found.shared_names - answers)


@cache
def _names_by_length() -> dict[int, tuple[str, ...]]:
    """Names read with typos, grouped by length: a typo changes the length by two at most."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for name in sorted(_fuzzy_names()):
        if len(name) >= FUZZY_MIN_LENGTH:
            grouped[len(name)].append(name)
    return {length: tuple(names) for length, names in grouped.items()}


@lru_cache(maxsize=65536)
def closest_name(candidate: str) -> tuple[str, float] | None:
    """The known name closest to `candidate` at the lowest similarity any reading accepts.

    Kept across messages: people write the same words and word pairs again and again, and
    each reading of a text asks about every run of up to five of its words."""
    if len(candidate) < FUZZY_MIN_LENGTH:
        return None
    best = process.extractOne(
        candidate, _names_near_length(len(candidate)), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return (best[0], best[1]) if best is not None else None


@cache
def _names_near_length(length: int) -> tuple[str, ...]:
    """Names a typo could have turned into a text this long (two characters either way)."""
    grouped = _names_by_length()
    return tuple(name for n in range(length - 2, length + 3) for name in grouped.get(n, ()))


def load_spelling() -> None:
    """Build the typo and sound indexes now rather than on the first person's message."""
    _names_by_length()
    _names_by_sound()
