"""Text normalisation shared by the checker, the search index and the training-data export.

People type fast, without accents and with stray punctuation, so "¿Me pagarán?" and
"me pagaran" must compare equal everywhere: when the checker looks for the same question
under two topics, when the training export drops held-out questions, and when the search
index matches words.
"""

from __future__ import annotations

import re

from core.text import strip_accents

_WORD = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")


def words(text: str) -> list[str]:
    """Lower-case, accent-free alphanumeric words of `text`, in order."""
    return _WORD.findall(strip_accents(text).casefold())


def normalize_text(text: str) -> str:
    """Comparison key: case, accents, punctuation and spacing do not matter."""
    return " ".join(words(text))


def single_line(text: str) -> str:
    """Collapse any run of whitespace (including newlines) to one space and trim."""
    return _SPACES.sub(" ", text).strip()
