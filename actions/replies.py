"""Shared helpers for actions: the person's language and channel, article replies, and the
catalogs of the fixed texts actions send (actions/translations/{es,en}, see README)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from core.i18n import Texts
from knowledge import Article
from knowledge.replies import article_reply

TEXTS: Final = Texts(Path(__file__).parent / "translations")


def language_of(tracker: Tracker) -> str:
    value = tracker.get_slot("language")
    return value if value in ("es", "en") else "es"


def channel_of(tracker: Tracker) -> str:
    value = tracker.get_slot("channel")
    return value if value in ("sms", "whatsapp") else "sms"


def report(dispatcher: CollectingDispatcher, **facts: Any) -> None:
    """Tell the app what the action decided (article, hand-over); the person never sees it."""
    dispatcher.utter_message(json_message={"enlace": facts})


def utter_article(
    dispatcher: CollectingDispatcher, article: Article, language: str, channel: str
) -> None:
    dispatcher.utter_message(text=article_reply(article, language, channel))
    report(dispatcher, article_id=article.id, topic=article.topic)
