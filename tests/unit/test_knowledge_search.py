"""Lexical search over the articles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rank_bm25 import BM25Okapi  # type: ignore[import-untyped, unused-ignore]

from core.settings import REPO_ROOT
from knowledge import ArticleIndex, load_knowledge_base
from knowledge.search import TermCachedBM25, _document, tokenize

VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"


@pytest.fixture(scope="module")
def index() -> ArticleIndex:
    return ArticleIndex(load_knowledge_base(VALID))


def test_a_spanish_paraphrase_finds_the_passport_article(index: ArticleIndex) -> None:
    hits = index.search("el señor de la granja se quedó con mi pasaporte", "es")
    assert hits[0].article.topic == "documents_retained"


def test_an_english_paraphrase_finds_the_wages_article(index: ArticleIndex) -> None:
    hits = index.search("the company still hasnt paid me my wages", "en")
    assert hits[0].article.topic == "wages"


def test_a_country_word_picks_the_country_article(index: ArticleIndex) -> None:
    hits = index.search("en canada no me pagan", "es")
    assert hits[0].article.id == "wages-unpaid-ca"


def test_accents_and_case_do_not_matter(index: ArticleIndex) -> None:
    plain = index.search("salario minimo", "es")
    accented = index.search("SALARIO MÍNIMO", "es")
    assert [h.article.id for h in plain] == [h.article.id for h in accented]
    assert plain[0].article.id == "wages-minimum-wage"


def test_hits_are_best_first_and_limited(index: ArticleIndex) -> None:
    hits = index.search("pasaporte pago salario", "es", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


@pytest.mark.parametrize("text", ["", "   ", "😀🙏", "¿?", "a e y"])
def test_text_without_words_finds_nothing(index: ArticleIndex, text: str) -> None:
    assert index.search(text, "es") == []


def test_tokenize_drops_accents_one_letter_words_and_stopwords() -> None:
    assert tokenize("¿Y mi PASAPORTE? Me lo quitó el patrón", "es") == [
        "pasaporte",
        "quito",
        "patron",
    ]


def test_the_index_builds_fast_enough_for_start_up() -> None:
    kb = load_knowledge_base(VALID)
    started = time.perf_counter()
    ArticleIndex(kb)
    assert time.perf_counter() - started < 0.5


def test_the_real_knowledge_base_finds_the_passport_topic() -> None:
    index = ArticleIndex(load_knowledge_base())
    assert index.search("me quitaron el pasaporte", "es")[0].article.topic == "documents_retained"
    assert index.search("they took my passport", "en")[0].article.topic == "documents_retained"


def test_cached_word_frequencies_score_as_bm25okapi_does() -> None:
    """The index's BM25 keeps each word's frequencies once asked for; every score is still
    BM25Okapi's own, to the last bit, for every example question of every article."""
    kb = load_knowledge_base(REPO_ROOT / "knowledge")
    for language in ("es", "en"):
        corpus = [tokenize(_document(article, language), language) for article in kb.articles]
        cached, plain = TermCachedBM25(corpus), BM25Okapi(corpus)
        queries = [
            tokenize(question, language)
            for article in kb.articles
            for question in article.localized(language).questions
        ]
        queries += [["palabra", "que", "ninguno", "tiene"], []]
        for query in queries * 2:  # the second time from the cache
            assert cached.get_scores(query).tolist() == plain.get_scores(query).tolist()
