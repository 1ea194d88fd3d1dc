"""What a conversation waits for lasts 30 minutes and ends with the next message."""

from __future__ import annotations

from datetime import UTC, datetime

from conversations.awaiting import AWAIT_FOR, await_answer, take_awaiting
from core.models import Conversation


def test_an_awaited_answer_is_taken_once() -> None:
    conversation = Conversation()
    await_answer(conversation, "menu")
    assert take_awaiting(conversation) == "menu"
    assert take_awaiting(conversation) is None


def test_a_wait_older_than_its_limit_is_over() -> None:
    conversation = Conversation()
    await_answer(conversation, "erase")
    assert conversation.awaiting_since is not None
    later = conversation.awaiting_since + AWAIT_FOR + AWAIT_FOR / 60
    assert take_awaiting(conversation, now=later) is None
    assert conversation.awaiting is None


def test_a_wait_at_its_limit_still_counts() -> None:
    conversation = Conversation()
    await_answer(conversation, "country")
    assert conversation.awaiting_since is not None
    assert take_awaiting(conversation, now=conversation.awaiting_since + AWAIT_FOR) == "country"


def test_a_naive_time_from_sqlite_is_read_as_utc() -> None:
    naive = datetime(2026, 12, 2, 9, 0, tzinfo=UTC).replace(tzinfo=None)
    conversation = Conversation(awaiting="origin", awaiting_since=naive)
    now = datetime(2026, 12, 2, 9, 29, tzinfo=UTC)
    assert take_awaiting(conversation, now=now) == "origin"
