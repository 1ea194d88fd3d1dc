"""The parts of an answer that name several places, and which part answers the question.

People answer "where do you work?" with their story: "antes en sinaloa pero ahora estoy en
arizona", "I was in ontario last year, now in florida", "en georgia hace 3 años, soy de
puebla". Split at commas and at the words that turn a sentence
("pero", "ahora", "now"), each part says where the person is now, was before, or comes from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from conversations.gazetteer import words

# Where a person is now; where they were; where they come from; where they live or work.
PRESENT: Final = frozenset(
    {"ahora", "ahorita", "orita", "horita", "now", "rn", "actualmente", "currently", "este"}
    | {"this", "hoy", "today", "todavia", "still"}
    # Gone back or moved: where the person is now ("estaba en canada y me regrese a mexico").
    | {"regrese", "regresamos", "volvi", "volvimos", "moved"}
)
PAST: Final = frozenset(
    {"antes", "estuve", "estaba", "estuvimos", "estabamos", "trabajaba", "trabaje", "anduve"}
    | {"andaba", "andabamos", "vivia", "pasado", "pasada", "before", "b4", "was", "were"}
    | {"used", "last", "previously", "formerly", "worked", "lived"}
)
ORIGIN: Final = frozenset(
    {"soy", "somos", "naci", "nacimos", "vengo", "venimos", "from", "born", "originally"}
    | {"originario", "originaria", "raised"}
)
LIVING: Final = frozenset(
    {"trabajo", "trabajamos", "vivo", "vivimos", "estoy", "estamos", "ando", "andamos"}
    | {"work", "working", "live", "living", "llevo", "tengo"}
)
# Words that begin a new part: "pero", "but"; "y"/"and" only before a word of the lists above.
TURNS: Final = frozenset({"pero", "but", "aunque", "though", "mas"})
JOINS: Final = frozenset({"y", "and", "e"})
CLITICS: Final = frozenset({"me", "nos", "se"})  # "y me regrese a mexico"
# A part that says where the person is not: "no estoy en mexico", "en estados unidos no",
# "no soy mexicana", "not in the us". "no" before one of these words, or ending the part;
# "no se" (I don't know) says nothing of a place.
NEGATIONS: Final = frozenset({"no", "not", "nunca", "never"})
DENIED: Final = frozenset(
    {"estoy", "estamos", "soy", "somos", "vivo", "vivimos", "trabajo", "trabajamos", "ando"}
    | {"andamos", "es", "esta", "en", "de", "in", "from", "at", "living", "working", "born"}
)
# A part that names the country beside the place: "en la frontera con venezuela", "on the
# border with mexico". Like a denial it gives way to the parts that name the place itself.
BORDERS: Final = frozenset({("frontera", "con"), ("border", "with"), ("limite", "con")})
# A part about someone else: "el de guate es mi esposo", "mis hijos nacieron aqui en chile",
# "mi hijo esta en canada pero yo estoy en texas", "my mom is from honduras". When the parts
# name several countries, it gives way to the parts about the person, for either question.
# The relatives are `situation.RELATIVES`' words (that module reads places, so not imported).
OTHERS: Final = frozenset(
    {"esposo", "esposa", "marido", "husband", "wife", "hijos", "hijas", "kids", "children"}
    | {"papas", "padres", "parents", "novio", "novia", "boyfriend", "girlfriend"}
    | {"hijo", "hija", "mama", "madre", "padre", "hermano", "hermana", "hermanos", "hermanas"}
    | {"tio", "tia", "primo", "prima", "sobrino", "sobrina", "abuelo", "abuela", "suegro"}
    | {"suegra", "familia", "son", "daughter", "child", "dad", "mom", "father", "mother"}
    | {"brother", "sister", "uncle", "aunt", "cousin", "grandma", "grandpa", "family"}
)
# Words that make a part about the writer: "pero yo estoy en texas", "im in georgia", "aqui
# en canada" (here, where the writer is).
WRITER: Final = (
    frozenset({"yo", "i", "im", "nosotros", "we", "were", "aqui", "aca", "here"}) | LIVING
)
# Words after "y"/"and" that begin a part about the writer or someone else: "mi esposo es de
# honduras y yo de guatemala", "yo estoy en georgia y mi esposo en canada".
WHOSE: Final = frozenset({"yo", "i", "im", "nosotros", "we", "mi", "mis", "my", "he", "she"})
# Words that take back what came before: "en murcia, no perdon, en alicante", "bueno no, ya me
# cambiaron a missouri", "i mean".
CORRECTIONS: Final = (
    ("perdon",),
    ("sorry",),
    ("bueno", "no"),
    ("i", "mean"),
    ("mejor", "dicho"),
    ("quise", "decir"),
    ("quiero", "decir"),
    ("digo",),  # "en chile, digo argentina"
    ("no", "wait"),
    ("wait", "no"),
)
# "en tijuana, no, ya estoy en san diego": a "no" alone between stops corrects what came before.
_LONE_NO: Final = re.compile(r"[,;.!?]\s+no\s*[,;.!]\s*(?=\S)", re.IGNORECASE)
SHORT_DENIAL: Final = 4  # words of a part a negation begins: "not mexico", "no en usa"
_PUNCTUATION = re.compile(r"[,;.!?()]+")


@dataclass(frozen=True)
class Clause:
    text: str
    present: bool
    past: bool
    origin: bool
    living: bool
    denied: bool = False
    other: bool = False  # about someone else (see `OTHERS`)
    writer: bool = False  # about the writer and no one else (see `WRITER`)


def clauses(text: str) -> tuple[Clause, ...]:
    """The parts of `text`, each with what its words say of the place it names."""
    found = []
    for piece in _PUNCTUATION.split(text):
        for part in _split(piece.split()):
            plain = [word for token in part for word in words(token).split()]
            # "my wife's", "mis hijos'": a relative's possessive is the relative.
            said = set(plain) | {word[:-1] for word in plain if word.endswith("s")} & OTHERS
            found.append(
                Clause(
                    " ".join(part),  # as written: "BC" in capitals is a province
                    present=bool(said & PRESENT),
                    past=bool(said & PAST),
                    origin=bool(said & ORIGIN),
                    living=bool(said & LIVING),
                    denied=_denied(plain),
                    other=bool(said & OTHERS),
                    writer=bool(said & WRITER) and not said & OTHERS,
                )
            )
    return tuple(found)


def _denied(plain: list[str]) -> bool:
    """Whether a part says where the person is not (see `DENIED`) or names the country beside
    their place (see `BORDERS`)."""
    if plain and plain[-1] in NEGATIONS and len(plain) > 1:
        return True
    if 1 < len(plain) <= SHORT_DENIAL and plain[0] in NEGATIONS and plain[1] != "se":
        return True  # "... bolivia, not mexico": the short part a negation begins
    return any(
        (word in NEGATIONS and following in DENIED) or (word, following) in BORDERS
        for word, following in itertools.pairwise(plain)
    )


@lru_cache(maxsize=512)
def undenied(text: str) -> str | None:
    """The answer without its parts that say where the person is not, when some do and some
    do not: "no estoy en mexico, estoy en yuma" is "estoy en yuma"."""
    said = set(words(text).split())
    if not NEGATIONS & said and not any(w in said for w, _ in BORDERS):
        return None
    parts = clauses(text)
    kept = [part.text for part in parts if not part.denied]
    if not kept or len(kept) == len(parts):
        return None
    return ", ".join(kept)


def after_correction(text: str) -> str | None:
    """The answer after its last correction (see `CORRECTIONS`, `_LONE_NO`), as written, or
    None."""
    tokens = text.split()
    plain = [(at, word) for at, token in enumerate(tokens) for word in words(token).split()]
    said = [word for _, word in plain]
    last = None
    for at in range(len(said)):
        for marker in CORRECTIONS:
            if tuple(said[at : at + len(marker)]) == marker:
                last = at + len(marker)
    lone = list(_LONE_NO.finditer(text))
    if last is None or last >= len(said):
        return text[lone[-1].end() :] if lone else None
    corrected = " ".join(tokens[plain[last][0] :]).lstrip(",;.!? ")
    if lone and lone[-1].end() > len(text) - len(corrected):
        return text[lone[-1].end() :]
    return corrected


def _split(tokens: list[str]) -> list[list[str]]:
    """A run of words cut before "pero"/"but", before "y"/"and" followed by a word that says
    when or whose the place is (`WHOSE`), and before "ahora"/"now" unless it ends the run
    ("north carolina now" stays one part)."""
    parts: list[list[str]] = [[]]
    markers = PRESENT | PAST | ORIGIN | LIVING | WHOSE
    plain = [words(token) for token in tokens]
    for at, token in enumerate(plain):
        following = plain[at + 1] if at + 1 < len(plain) else ""
        if following in CLITICS and at + 2 < len(plain):
            following = plain[at + 2]
        turns = token in TURNS or (token in JOINS and following in markers)
        now_begins = token in PRESENT and at + 1 < len(tokens) and token != "este"
        # "in bolivia not mexico": a negation before a few more words begins a part.
        denial = (
            token in NEGATIONS and 0 < len(tokens) - at - 1 < SHORT_DENIAL and following != "se"
        )
        if parts[-1] and (turns or now_begins or denial):
            parts.append([])
        parts[-1].append(tokens[at])
    return [part for part in parts if part]


def for_where_now(found: tuple[Clause, ...]) -> tuple[tuple[Clause, ...], ...]:
    """The parts that may say where a person works now, best first: those that say "now",
    then those that say neither "before" nor "I am from"; when some parts are about someone
    else, each first among the parts about the writer."""
    found = tuple(c for c in found if not c.denied)
    rest = tuple(c for c in found if not c.past and not c.origin)
    now = tuple(c for c in found if c.present and not c.origin)
    # "mi hijo esta en canada pero yo estoy en texas": the parts that say where the writer is,
    # when others are about someone else, first.
    if not any(c.other for c in found):
        return (now, rest)
    return (tuple(c for c in now if c.writer), tuple(c for c in rest if c.writer), now, rest)


def for_where_from(found: tuple[Clause, ...]) -> tuple[tuple[Clause, ...], ...]:
    """The parts that may say where a person comes from, best first: those that say "I am
    from", then those that say nothing of living or working there."""
    found = tuple(c for c in found if not c.denied)
    rest = tuple(c for c in found if not c.living and not c.present)
    own = tuple(c for c in rest if not c.other)
    return (tuple(c for c in found if c.origin and not c.other), own, rest)
