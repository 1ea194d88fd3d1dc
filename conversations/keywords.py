"""Keywords people type alone to steer Enlace, recognised before Rasa whatever it was doing.

Only a whole message counts ("AYUDA", "Stop!", "más"), so "necesito ayuda con mi pago"
still reaches the bot. Matching is on the accent-free lower-case text, the way people type
on cheap phones. A keyword tells us the language only when it belongs to one language:
"MENU" or "STOP" keeps the person's language, "AYUDA" means Spanish.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from core.text import normalize_for_nlu


class Keyword(enum.StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    MENU = "menu"
    HUMAN = "human"
    ENGLISH = "english"
    SPANISH = "spanish"
    MORE = "more"
    DELETE = "delete"
    URGENT = "urgent"  # the person says they are in danger: the urgent reply and a human now


@dataclass(frozen=True)
class Match:
    keyword: Keyword
    language: str | None  # "es"/"en" when the word belongs to one language


# Twilio's own opt-out and opt-in words (which it also enforces on SMS) plus Spanish ones.
_WORDS: dict[Keyword, dict[str, str | None]] = {
    Keyword.STOP: {
        "stop": None,
        "stopall": "en",
        "unsubscribe": "en",
        "end": "en",
        "quit": "en",
        "cancel": "en",
        "optout": "en",
        "revoke": "en",
        "alto": "es",
        "parar": "es",
        "baja": "es",
        "cancelar": "es",
        "detener": "es",
    },
    Keyword.START: {"start": None, "unstop": "en", "alta": "es", "inicio": "es"},
    Keyword.HELP: {"help": "en", "info": None, "ayuda": "es"},
    Keyword.MENU: {"menu": None, "options": "en", "opciones": "es", "temas": "es"},
    Keyword.HUMAN: {
        "human": "en",
        "agent": "en",
        "humano": "es",
        "agente": "es",
        "persona": "es",
    },
    Keyword.ENGLISH: {"english": "en", "ingles": "en", "in english": "en", "en ingles": "en"},
    Keyword.SPANISH: {"espanol": "es", "spanish": "es", "en espanol": "es", "in spanish": "es"},
    Keyword.MORE: {"more": "en", "mas": "es"},
    Keyword.DELETE: {"delete": "en", "erase": "en", "borrar": "es", "eliminar": "es"},
    Keyword.URGENT: {
        "urgent": "en",
        "emergency": "en",
        "danger": "en",
        "urgente": "es",
        "emergencia": "es",
        "peligro": "es",
        "sos": None,
    },
}
_LOOKUP: dict[str, Match] = {
    word: Match(keyword, language)
    for keyword, words in _WORDS.items()
    for word, language in words.items()
}
_YES: frozenset[str] = frozenset({"si", "yes", "y", "s"})
_TRIM = " .!?¡¿*\"'"


def _clean(text: str) -> str:
    return normalize_for_nlu(text).strip(_TRIM)


def match(text: str) -> Match | None:
    """The keyword this whole message is, if it is one."""
    return _LOOKUP.get(_clean(text))


def is_yes(text: str) -> bool:
    """SI / SÍ / YES: the confirmation an erasure waits for."""
    return _clean(text) in _YES


def menu_choice(text: str, options: int) -> int | None:
    """The 0-based option of a numbered menu the person answered ("2", "2.", " 2 ")."""
    cleaned = _clean(text)
    if cleaned.isdigit() and 1 <= int(cleaned) <= options:
        return int(cleaned) - 1
    return None
