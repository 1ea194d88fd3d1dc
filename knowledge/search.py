"""Lexical search over the articles, per language.

The NLU model names a topic; this index picks the article inside it, and is the fallback
when the model is unsure. BM25 over title, questions and answers needs no model download,
is deterministic, and builds in milliseconds at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from rank_bm25 import BM25Okapi  # type: ignore[import-untyped, unused-ignore]

from knowledge.base import KnowledgeBase
from knowledge.models import LANGUAGES, Article
from knowledge.text import words

# Words that appear in almost every question and would drown the ones that matter.
_ES_STOPWORDS = (
    "al como con de del el en es esta este esto la las le lo los me mi mis no para pero por "
    "que se si su sus te tu un una uno ya yo hay muy mas puedo puede hacer tengo tiene estoy "
    "soy ser"
)
_EN_STOPWORDS = (
    "an and are as at be by can do does for from has have how if in is it me my of on or so "
    "that the their them they this to was what when where who will with you your am im"
)
STOPWORDS: Final[dict[str, frozenset[str]]] = {
    "es": frozenset(_ES_STOPWORDS.split()),
    "en": frozenset(_EN_STOPWORDS.split()),
}


@dataclass(frozen=True)
class SearchHit:
    """An article and how well it matched; scores compare only within one search."""

    article: Article
    score: float


def tokenize(text: str, language: str) -> list[str]:
    """Lower-case, accent-free words of two letters or more, without stopwords."""
    stop = STOPWORDS.get(language, frozenset())
    return [word for word in words(text) if len(word) > 1 and word not in stop]


class TermCachedBM25(BM25Okapi):  # type: ignore[misc, unused-ignore]
    """BM25Okapi's scores, with each indexed word's frequencies in the articles kept as an
    array once it was first asked for, rather than read from every article's word counts for
    every query (a list built in Python per word per query: a millisecond of each action
    call). The arithmetic is BM25Okapi's, operation for operation, so the scores are the same
    floats; a word no article has adds nothing there and is skipped here. The cache holds at
    most the index's vocabulary."""

    def __init__(self, corpus: Sequence[Sequence[str]]) -> None:
        super().__init__(corpus)
        doc_len = np.array(self.doc_len)
        self._length_norm = self.k1 * (1 - self.b + self.b * doc_len / self.avgdl)
        self._frequencies: dict[str, Any] = {}

    def get_scores(self, query: Sequence[str]) -> Any:
        score = np.zeros(self.corpus_size)
        for word in query:
            if word not in self.idf:
                continue  # in no article: BM25Okapi adds 0 times its zero frequencies
            frequency = self._frequencies.get(word)
            if frequency is None:
                frequency = np.array([(doc.get(word) or 0) for doc in self.doc_freqs])
                self._frequencies[word] = frequency
            score += (self.idf.get(word) or 0) * (
                frequency * (self.k1 + 1) / (frequency + self._length_norm)
            )
        return score


class ArticleIndex:
    """One BM25 index per language, built once from a loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._articles: tuple[Article, ...] = kb.articles
        self._indexes: dict[str, TermCachedBM25] = {}
        for language in LANGUAGES:
            corpus = [tokenize(_document(article, language), language) for article in kb.articles]
            if any(corpus):
                self._indexes[language] = TermCachedBM25(corpus)

    def search(self, text: str, language: str, limit: int = 3) -> list[SearchHit]:
        """Best articles for `text`, best first; empty when nothing in the text matches."""
        if limit <= 0:
            return []
        scores = self._scores(text, language)
        ranked = sorted(
            (i for i, score in enumerate(scores) if score > 0),
            key=lambda i: (-scores[i], self._articles[i].id),
        )
        return [SearchHit(self._articles[i], scores[i]) for i in ranked[:limit]]

    def scores(self, text: str, language: str) -> dict[str, float]:
        """Article id -> how well `text` matches it, for the articles it matches at all."""
        scores = self._scores(text, language)
        if not scores:
            return {}
        return {
            article.id: score
            for article, score in zip(self._articles, scores, strict=True)
            if score > 0
        }

    def _scores(self, text: str, language: str) -> list[float]:
        index = self._indexes.get(language if language in self._indexes else "es")
        query = tokenize(text, language)
        if index is None or not query:
            return []
        return [float(score) for score in index.get_scores(query)]


def _document(article: Article, language: str) -> str:
    text = article.localized(language)
    # Questions are how people really write, so they count twice as much as the answer.
    return " ".join((text.title, *text.questions, *text.questions, text.short, text.full))
