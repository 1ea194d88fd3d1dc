"""An article as the person receives it: the title once, then the answer itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from knowledge import Article, load_knowledge_base
from knowledge.checker import HEADING
from knowledge.replies import article_reply, further_reading

REAL_KB = Path(__file__).resolve().parents[2] / "knowledge"


def make_article(title: str, full: str) -> Article:
    localized = {"title": title, "short": "s", "full": full, "questions": ["q"]}
    data: dict[str, Any] = {
        "id": "wages-pay-slips",
        "topic": "wages",
        "countries": {"origin": [], "destination": []},
        "reviewed": "2026-11-23",
        "reviewed_by": "tests",
        "contacts": [],
        "sources": [{"title": "ILO C95", "instrument": "C095 Art. 14"}],
        "es": localized,
        "en": localized,
    }
    return Article.model_validate(data, context={"topics": {"wages"}})


def test_a_whatsapp_reply_is_the_bold_title_then_the_full_answer() -> None:
    article = make_article("Pay slips", "You have a right to a pay slip.\n*Keep copies.*\n")
    assert article_reply(article, "en", "whatsapp") == (
        "*Pay slips*\n\nYou have a right to a pay slip.\n*Keep copies.*\n"
    )


def test_every_real_whatsapp_reply_shows_its_title_once() -> None:
    twice = [
        (article.id, language)
        for article in load_knowledge_base(REAL_KB).articles
        for language in ("es", "en")
        if not _shows_title_once(article, language)
    ]
    assert twice == []


def _shows_title_once(article: Article, language: str) -> bool:
    """Once in words, and no second heading (the article's own, worded differently) below it."""
    title = article.localized(language).title
    reply = article_reply(article, language, "whatsapp")
    first_answer_line = reply.split("\n\n", 1)[1].strip().split("\n", 1)[0].strip()
    return reply.count(title) == 1 and not HEADING.fullmatch(first_answer_line)


def test_more_after_a_whatsapp_answer_skips_a_source_too_long_for_the_next_that_fits() -> None:
    long_page = {"title": "A long report " * 12, "url": "https://example.org/" + "x" * 200}
    short_page = {"title": "ILO C95", "url": "https://example.org/c95"}
    data = make_article("Pay slips", "You have a right to a pay slip.\n").model_dump()
    article = Article.model_validate(
        {**data, "sources": [long_page, short_page]}, context={"topics": {"wages"}}
    )
    reading = further_reading(article, "en")
    assert reading is not None
    assert "https://example.org/c95" in reading
    assert "x" * 200 not in reading


def test_every_real_article_has_something_to_send_for_more_on_whatsapp() -> None:
    kb = load_knowledge_base(REAL_KB)
    missing = [
        (article.id, language)
        for article in kb.articles
        for language in ("es", "en")
        if any(source.url for source in article.sources)
        and further_reading(article, language) is None
    ]
    assert missing == []
