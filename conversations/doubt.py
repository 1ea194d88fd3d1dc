"""Whether a follow-up doubts the answer just sent ("is that for real?", "es en serio?"): the
person is asking whether to trust it, not for another part of it."""

from __future__ import annotations

from typing import Final

from conversations.gazetteer import words

# Said to doubt what one was just told, as people text it, in both languages (accents off).
DOUBTING: Final = (
    "for real",
    "fr",
    "is that true",
    "is it true",
    "thats true",
    "is that real",
    "is that right",
    "is that legit",
    "legit",
    "really",
    "are you sure",
    "u sure",
    "you sure",
    "en serio",
    "de verdad",
    "es verdad",
    "es cierto",
    "seguro",
    "neta",
    "a poco",
    "de veras",
    "no manches",
)

# Words that may stand around the doubt without asking anything else ("ok but is that for real
# tho", "oiga, eso es cierto?"): anything more is a question of its own.
AROUND_A_DOUBT: Final = frozenset(
    (
        "ok", "okay", "k", "but", "so", "and", "tho", "though", "lol", "bro", "man", "wait",
        "that", "this", "it", "is", "its", "thats", "about", "all", "of", "hmm", "huh",
        "pero", "y", "o", "oiga", "oye", "eso", "esto", "es", "va", "ah", "mmm", "si", "entonces",
        "todo", "lo", "que", "me", "dice", "dices", "dijo",
    )
)  # fmt: skip


def doubts_the_answer(text: str) -> bool:
    """Whether a message is only a doubt about what the bot just said."""
    padded = f" {words(text)} "
    for phrase in DOUBTING:
        if f" {phrase} " in padded:
            rest = padded.replace(f" {phrase} ", " ", 1).split()
            if all(word in AROUND_A_DOUBT for word in rest):
                return True
    return False
