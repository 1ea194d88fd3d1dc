"""Which language to answer in: detected per message, remembered per person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from core.text import normalize_for_nlu

Supported = Literal["es", "en"]
DEFAULT_LANGUAGE: Supported = "es"

_SUPPORTED: dict[Language, Supported] = {Language.SPANISH: "es", Language.ENGLISH: "en"}
_OTHERS = (Language.PORTUGUESE, Language.FRENCH, Language.ITALIAN, Language.GERMAN)

# Whole messages that name a language switch it, whatever else was detected.
SWITCH_WORDS: dict[str, Supported] = {
    "english": "en",
    "ingles": "en",
    "en ingles": "en",
    "in english": "en",
    "espanol": "es",
    "spanish": "es",
    "en espanol": "es",
    "in spanish": "es",
}


@dataclass(frozen=True)
class LanguageChoice:
    language: Supported  # the language we answer in
    detected: str | None  # ISO 639-1 of what the text looked like, when confident
    switched: bool = False  # the person asked for this language explicitly

    @property
    def unsupported(self) -> bool:
        return self.detected is not None and self.detected not in ("es", "en")


# Function words and chat words: decisive on short texts where statistical detection is weak.
_HINTS: dict[Supported, frozenset[str]] = {
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "un",
            "una",
            "de",
            "del",
            "que",
            "q",
            "k",
            "no",
            "si",
            "mi",
            "mis",
            "me",
            "te",
            "se",
            "lo",
            "le",
            "en",
            "y",
            "o",
            "pero",
            "por",
            "para",
            "con",
            "sin",
            "es",
            "esta",
            "estoy",
            "estan",
            "tengo",
            "tiene",
            "hay",
            "mas",
            "muy",
            "como",
            "donde",
            "cuando",
            "porque",
            "xq",
            "pq",
            "hola",
            "gracias",
            "ayuda",
            "ayudar",
            "necesito",
            "quiero",
            "puedo",
            "pueden",
            "trabajo",
            "patron",
            "pagan",
            "pago",
            "paga",
            "pagaron",
            "jefe",
            "dinero",
            "porfa",
            "favor",
            "buenas",
            "buenos",
            "dias",
            "tardes",
            "noches",
            "sus",
            "nos",
            "ya",
            "tambien",
            "tmb",
            "ahora",
            "aqui",
            "algo",
            "nada",
            "hijo",
            "hija",
            "esposo",
            "esposa",
            "mama",
            "papa",
            "familia",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "of",
            "to",
            "and",
            "or",
            "but",
            "my",
            "your",
            "i",
            "im",
            "i'm",
            "you",
            "he",
            "she",
            "it",
            "we",
            "they",
            "is",
            "are",
            "was",
            "were",
            "am",
            "do",
            "does",
            "did",
            "didnt",
            "dont",
            "cant",
            "can",
            "could",
            "would",
            "should",
            "will",
            "have",
            "has",
            "had",
            "not",
            "no",
            "yes",
            "with",
            "without",
            "for",
            "from",
            "in",
            "on",
            "at",
            "this",
            "that",
            "what",
            "where",
            "when",
            "why",
            "how",
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "please",
            "pls",
            "help",
            "need",
            "want",
            "work",
            "job",
            "boss",
            "pay",
            "paid",
            "took",
            "take",
            "get",
            "got",
            "me",
            "our",
            "their",
            "there",
            "here",
            "good",
            "morning",
            "evening",
            "night",
        ]
    ),
}


class LanguageChooser:
    """Short or ambiguous messages ("ok", "911") keep the person's previous language."""

    def __init__(self, min_confidence: float = 0.7, *, preload: bool = False) -> None:
        """`preload` reads the language models now (seconds) instead of in the first message
        that needs them, which would hold up every turn in flight: the app builds its chooser
        so, off the event loop, at start."""
        es_en = LanguageDetectorBuilder.from_languages(*_SUPPORTED)
        every = LanguageDetectorBuilder.from_languages(*_SUPPORTED, *_OTHERS)
        if preload:
            es_en, every = (
                es_en.with_preloaded_language_models(),
                every.with_preloaded_language_models(),
            )
        self._es_en: LanguageDetector = es_en.build()
        self._all: LanguageDetector = every.build()
        self._min_confidence = min_confidence
        # One turn asks about the same text more than once (a follow-up's words, then the
        # question sent to Rasa), and lingua takes a third of a millisecond: the last texts'
        # choices are kept (the choice depends on nothing but its arguments).
        self._chosen = lru_cache(maxsize=1024)(self._choose)

    def choose(self, text: str, previous: str | None) -> LanguageChoice:
        return self._chosen(text, previous)

    def _choose(self, text: str, previous: str | None) -> LanguageChoice:
        fallback: Supported = previous if previous in ("es", "en") else DEFAULT_LANGUAGE  # type: ignore[assignment]
        normalized = normalize_for_nlu(text).strip(" .!?¡¿")
        if normalized in SWITCH_WORDS:
            return LanguageChoice(SWITCH_WORDS[normalized], SWITCH_WORDS[normalized], True)
        if sum(ch.isalpha() for ch in normalized) < 2:
            return LanguageChoice(fallback, None)
        words = re.findall(r"[a-z']+", normalized)
        es_hits = sum(word in _HINTS["es"] for word in words)
        en_hits = sum(word in _HINTS["en"] for word in words)
        if max(es_hits, en_hits) <= 1:
            other = self._other_language(text, len(words))
            if other is not None:
                return LanguageChoice(fallback, other)
        if es_hits != en_hits:
            choice: Supported = "es" if es_hits > en_hits else "en"
            return LanguageChoice(choice, choice)
        if sum(ch.isalpha() for ch in normalized) < 4:  # "ok", "si": no evidence either way
            return LanguageChoice(fallback, None)
        best = self._es_en.compute_language_confidence_values(text)[0]
        if best.value >= self._min_confidence:
            return LanguageChoice(_SUPPORTED[best.language], _SUPPORTED[best.language])
        return LanguageChoice(fallback, None)

    def _other_language(self, text: str, word_count: int) -> str | None:
        """A language we do not speak, only when the evidence is strong."""
        if word_count < 3:
            return None
        top = self._all.compute_language_confidence_values(text)[0]
        if top.language in _SUPPORTED or top.value < 0.6:
            return None
        return top.language.iso_code_639_1.name.lower()
