"""Text normalisation shared by the app and the training data, so both sides match."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_for_nlu(text: str) -> str:
    """Lowercase, accent-free, single-spaced: people type 'q onda', 'Qué onda' and 'que onda'."""
    return _SPACES.sub(" ", strip_accents(text).lower()).strip()


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
