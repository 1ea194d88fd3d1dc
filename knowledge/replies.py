"""An article as the person receives it: short answer plus MORE hint by SMS, full by WhatsApp."""

from __future__ import annotations

from core.segments import MORE_HINT
from knowledge.models import Article


def article_reply(article: Article, language: str, channel: str) -> str:
    text = article.localized(language)
    if channel == "sms":
        return f"{text.short}\n{MORE_HINT[language]}"
    return f"*{text.title}*\n\n{text.full}"
