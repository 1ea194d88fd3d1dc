"""Text normalisation shared by the app and the training data, so both sides match."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _without_mark(match: re.Match[str]) -> str:
    char = match.group()
    return "" if unicodedata.combining(char) else char


def strip_accents(text: str) -> str:
    """Only the non-ASCII characters are looked at one by one (ASCII has no compatibility
    decomposition and no combining mark): the knowledge base is normalised at every start,
    and asking about each of its two million characters took seconds."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_without_mark, unicodedata.normalize("NFKD", text))


def normalize_for_nlu(text: str) -> str:
    """Lowercase, accent-free, single-spaced: people type 'q onda', 'Qué onda' and 'que onda'."""
    return _SPACES.sub(" ", strip_accents(text).lower()).strip()


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
