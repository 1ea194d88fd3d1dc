"""A yes or a no, as people answer a closed question by text: "si", "Sí", "sip", "simon",
"claro", "ya", "yes", "yeah", "yep", "of course"; "no", "nop", "nel", "nah", "nunca",
"para nada", "not really", "no me dejan", "ya no". The first words decide; the rest of a
longer answer ("si, me lo quito el patron") is context for the officer, not read here.

"I don't know" ("no se", "idk", "not sure") is its own answer, not a no. A message that
starts otherwise is not an answer at all (None): the conversation handles it as any other.
The accent-free lower-case text is read (`core.text.normalize_for_nlu`), so "sí" is "si".
"""

from __future__ import annotations

import enum
import re
from typing import Final

from core.text import normalize_for_nlu


class Answer(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


_TRIM: Final = " .,;:!?¡¿*\"'()-"
_UNSURE: Final = re.compile(
    r"^(?:no se|no lo se|nose|ni idea|no estoy segur[oa]|quien sabe|a veces|mas o menos"
    r"|i dont know|i do not know|dont know|idk|not sure|im not sure|i am not sure|maybe"
    r"|sometimes|kind of|tal vez|quizas?)\b"
)
# "no entiendo", "what?": not an answer, and not a no.
_NOT_AN_ANSWER: Final = re.compile(
    r"^(?:no entiendo|no comprendo|no entendi|que pregunta|i dont understand|what do you mean)\b"
)
_NO_PHRASES: Final = re.compile(
    r"^(?:ya no|para nada|de ninguna manera|creo que no|pues no|la verdad no|not really"
    r"|i dont think so|no way|of course not|claro que no|nunca|never|not at all|i am not|im not"
    r"|i dont|i do not|i cant|i can not|i cannot|i havent|i have not|they dont|they do not"
    r"|he doesnt|she doesnt|he does not|she does not|they didnt|they did not)\b"
)
_YES_PHRASES: Final = re.compile(
    r"^(?:of course|por supuesto|asi es|creo que si|pues si|la verdad si|claro que si"
    r"|i think so|that is right|thats right|it is|they do|he does|she does|they did|he did"
    r"|she did|i do|i am|i can|i have|yes i)\b"
)
_NO_WORDS: Final = frozenset(
    {"no", "noo", "nooo", "nop", "nope", "nel", "nah", "naa", "nada", "negativo", "n"}
)
_YES_WORDS: Final = frozenset(
    {
        *("si", "sii", "siii", "sip", "sep", "simon", "sim", "claro", "cierto", "correcto"),
        *("exacto", "afirmativo", "obvio", "obviamente", "efectivamente", "s"),
        *("yes", "yess", "yeah", "yea", "yah", "yep", "yup", "ye", "y", "sure", "true"),
        *("right", "correct", "definitely", "absolutely", "totally", "ajá", "aja"),
    }
)
_BARE: Final = 2  # words
# Only where the question is an offer ("shall I ask?"): "ok", "dale" accept it.
_AGREE_WORDS: Final = frozenset({"ok", "okay", "okey", "oki", "dale", "va", "bueno", "vale"})


def _read(text: str) -> str:
    cleaned = normalize_for_nlu(text).replace("\u2019", "'").replace("'", "")
    words = [word.strip(_TRIM) for word in cleaned.split()]
    return " ".join(word for word in words if word)


def read_answer(text: str, *, offer: bool = False) -> Answer | None:
    """YES, NO or UNSURE for an answer to a closed question; None when the message is not an
    answer. With `offer`, "ok"/"dale" also accept."""
    read = _read(text)
    if not read or _NOT_AN_ANSWER.match(read):
        return None
    if _UNSURE.match(read):
        return Answer.UNSURE
    if _NO_PHRASES.match(read):
        return Answer.NO
    if _YES_PHRASES.match(read):
        return Answer.YES
    words = read.split()
    first = words[0]
    if first in _NO_WORDS:
        return Answer.NO
    if first in _YES_WORDS or (offer and first in _AGREE_WORDS):
        return Answer.YES
    if first == "ya" and len(words) <= _BARE:  # "ya", "ya si": yes; "ya me voy" is not
        return Answer.YES
    return None
