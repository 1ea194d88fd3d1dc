"""An article as the person receives it: short answer plus MORE hint by SMS, full by WhatsApp."""

from __future__ import annotations

from knowledge.labels import more_hint
from knowledge.models import Article


def article_reply(article: Article, language: str, channel: str) -> str:
    text = article.localized(language)
    if channel == "sms":
        return f"{text.short}\n{more_hint(language)}"
    return full_reply(article, language)


def full_reply(article: Article, language: str) -> str:
    """Title above the full answer: WhatsApp's answer, and any channel's reply to MORE."""
    text = article.localized(language)
    return f"*{text.title}*\n\n{text.full}"
