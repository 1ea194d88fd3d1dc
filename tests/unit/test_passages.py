"""A follow-up on the article just sent gets the part of it that answers its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.segments import count_segments
from knowledge import Article, KnowledgeBase, load_knowledge_base
from knowledge.passages import best_passage, passage_reply, passages, sent_passages
from knowledge.replies import article_reply, full_reply, more_parts
from knowledge.text import words

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
SPAIN_COMPLAINTS = "complaints-spain-labour-inspectorate"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="module")
def article(kb: KnowledgeBase) -> Article:
    found = kb.article(SPAIN_COMPLAINTS)
    assert found is not None
    return found


def test_the_part_naming_the_follow_ups_words_is_chosen(article: Article) -> None:
    number = best_passage(article, "es", "y tambien puedo denunciar el acoso?")
    assert number is not None
    assert "acoso" in passages(article, "es")[number]


def test_a_part_already_sent_is_never_chosen_again(article: Article) -> None:
    first = best_passage(article, "es", "y tambien puedo denunciar el acoso?")
    assert first is not None
    again = best_passage(article, "es", "y tambien puedo denunciar el acoso?", {first})
    assert again != first


def test_words_no_part_matches_choose_nothing(article: Article) -> None:
    assert best_passage(article, "en", "what about my cousin in ohio") is None


def test_parts_sent_in_the_full_answer_are_all_known_as_sent(article: Article) -> None:
    everything = set(range(len(passages(article, "en"))))
    assert sent_passages(article, "en", [full_reply(article, "en")]) == everything


def test_the_short_answer_by_sms_sends_no_part(article: Article) -> None:
    assert sent_passages(article, "es", [article_reply(article, "es", "sms")]) == set()


def test_a_part_cut_in_two_by_more_counts_as_sent_once_both_halves_went(
    article: Article,
) -> None:
    parts = more_parts(article, "es")
    assert len(parts) > 2
    sent_by_two = sent_passages(article, "es", parts[:2])
    assert sent_by_two
    assert sent_by_two < sent_passages(article, "es", parts)


def test_every_part_fits_in_two_sms_segments_with_the_more_hint(kb: KnowledgeBase) -> None:
    for article in kb.articles:
        for language in ("es", "en"):
            for number in range(len(passages(article, language))):
                reply = passage_reply(article, language, "sms", number)
                assert count_segments(reply) <= 2, (article.id, language, number)


def test_whatsapp_gets_the_part_as_written(article: Article) -> None:
    assert passage_reply(article, "en", "whatsapp", 1) == passages(article, "en")[1]


def test_more_by_sms_keeps_the_title_and_each_point_on_its_own_line(kb: KnowledgeBase) -> None:
    """The title and the numbered points keep their lines, so no part reads "Title First …"."""
    for article in kb.articles:
        for language in ("es", "en"):
            text = article.localized(language)
            parts = more_parts(article, language)
            assert words(parts[0].split("\n")[0]) == words(text.title), article.id
            lines = {line for part in parts for line in part.split("\n")}
            for point in (line.strip() for line in text.full.splitlines()):
                if point[:2] in {f"{n}." for n in range(1, 10)}:
                    opening = words(point)[:3]
                    assert any(words(line)[:3] == opening for line in lines), (
                        article.id,
                        language,
                        point[:40],
                    )


@pytest.mark.parametrize(
    ("language", "question", "said"),
    [
        ("en", "will they ask for my papers?", "immigration status"),
        ("es", "y me van a pedir papeles?", "situación migratoria"),
    ],
)
def test_papers_find_the_part_that_says_immigration_status(
    kb: KnowledgeBase, language: str, question: str, said: str
) -> None:
    article = kb.article("complaints-us-labor-department")
    assert article is not None
    number = best_passage(article, language, question)
    assert number is not None
    assert said in passages(article, language)[number]
