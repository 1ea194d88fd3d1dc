"""Whose place an answer gives: a person asked "which country?" about a relative's question
("el trabaja en una empacadora … no le pagan completo") may say where they are and where the
relative is ("yo estoy en houston pero el no, el esta en canada, en brooks alberta"). The
question was about the relative's work: the relative's place answers it.
"""

from __future__ import annotations

from typing import Final

from conversations.gazetteer import words
from conversations.place_clauses import clauses
from conversations.places import destinations_named
from conversations.situation import RELATIVES

# Words that make a sentence, or a part of an answer, about someone else than the writer.
SOMEONE_ELSE: Final = RELATIVES | frozenset(
    {"el", "ella", "ellos", "ellas", "he", "she", "hes", "shes", "him", "her", "they", "theyre"}
)
# Words that make a part about the writer.
THE_WRITER: Final = frozenset({"yo", "i", "im", "me", "nosotros", "we", "were", "estoy", "vivo"})


def about_someone_else(question: str) -> bool:
    """Whether a question speaks of someone else than the writer ("el trabaja…", "my
    brother…") and never of the writer."""
    said = set(words(question).split())
    return bool(said & SOMEONE_ELSE) and not said & THE_WRITER


def someone_elses_country(answer: str) -> str | None:
    """The one country the parts of an answer about someone else name, when other parts speak
    of the writer ("yo estoy en houston pero el no, el esta en canada" is Canada); None when
    no part is about the writer, or the parts about someone else name none or several."""
    parts = clauses(answer)
    theirs: set[str] = set()
    writer = False
    for part in parts:
        said = set(words(part.text).split())
        if said & THE_WRITER:
            writer = True
        elif said & SOMEONE_ELSE and not part.denied:
            theirs |= destinations_named(part.text)
    return theirs.pop() if writer and len(theirs) == 1 else None
