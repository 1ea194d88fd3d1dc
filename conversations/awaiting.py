"""What a conversation waits for from the person, and the question that made the bot ask.

After MENU the next message may be a number; after DELETE, SI/YES; after the bot asked
where the person works or comes from, a country; after it offered topics, a choice. The
wait lasts `AWAIT_FOR` and ends with the next message whatever it is. When the person
answers the bot about their question, that question comes back (a `Replay`) for Rasa to
answer as if it had been asked that way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from core.models import Conversation, Message, utcnow

AWAIT_FOR: Final = timedelta(minutes=30)


@dataclass(frozen=True)
class Replay:
    """The person's earlier question, brought back once they answered the bot about it."""

    message_id: int
    body: str
    topic: str | None = None  # the topic the person chose for it, when they chose one
    follow_up: bool = False  # a short follow-up answered on the thread's topic, not chosen
    asked: bool = False  # the bot already asked the person about that thread's question
    article_id: str | None = None  # a follow-up: the article the thread was answered with


def await_answer(conversation: Conversation, what: str) -> None:
    """Remember that the next message should answer `what` (menu, erase, country, origin, offer)."""
    conversation.awaiting, conversation.awaiting_since = what, utcnow()


def take_awaiting(conversation: Conversation, now: datetime | None = None) -> str | None:
    """What the conversation was waiting for, if still fresh; any message ends the wait."""
    awaiting, since = conversation.awaiting, conversation.awaiting_since
    conversation.awaiting = conversation.awaiting_since = None
    if awaiting is None or since is None:
        return None
    if since.tzinfo is None:  # SQLite returns naive UTC
        since = since.replace(tzinfo=UTC)
    return awaiting if (now or datetime.now(UTC)) - since <= AWAIT_FOR else None


def pending_question(
    session: Session, conversation: Conversation, topic: str | None
) -> Replay | None:
    """The question the bot last asked the person about, if it still exists."""
    message_id = conversation.pending_message_id
    question = session.get(Message, message_id) if message_id is not None else None
    if question is None or question.conversation_id != conversation.id or not question.body:
        return None
    return Replay(question.id, question.body, topic)
