"""The conversation's newest inbound messages, read once for a turn's session.

A turn asks the conversation's history three things before Rasa answers: whether the person
wrote before (a short message may be a follow-up), the thread's topic (the newest earlier
message on a knowledge-base topic, asked for the thread's origin, for a follow-up and for the
parts of its article already sent), and the programme the person named earlier. Each was a
query of its own, four or five round trips to the database a turn; `RecentInbound` reads the
newest `HISTORY` inbound messages once, on first use, and answers them all from that read.

The answers are the ones those queries gave: the read is what the programme's query read,
the messages are the session's own objects (a change made in the session is seen, as the
queries' autoflush saw it), and a question the window cannot settle (the window full and no
answer in it) is left to the query it replaces. One object serves one session: a session
closed while Rasa reads the message gets a new one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations.situation import HISTORY
from core.models import Direction, Message


class RecentInbound:
    """The newest `HISTORY` inbound messages of one conversation, newest first."""

    def __init__(self, session: Session, conversation_id: int | None) -> None:
        self._session = session
        self._conversation_id = conversation_id
        self._newest: list[Message] | None = None

    def messages(self) -> list[Message]:
        """The messages, read from the database the first time only."""
        if self._newest is None:
            query = (
                select(Message)
                .where(
                    Message.conversation_id == self._conversation_id,
                    Message.direction == Direction.INBOUND,
                )
                .order_by(Message.id.desc())
                .limit(HISTORY)
            )
            self._newest = list(self._session.scalars(query))
        return self._newest

    def _whole(self) -> bool:
        """Whether the window holds every inbound message of the conversation."""
        return len(self.messages()) < HISTORY

    def wrote_before(self, message_id: int) -> bool | None:
        """Whether an inbound message older than this one exists; None when the window is
        full of newer ones and cannot tell."""
        if any(message.id < message_id for message in self.messages()):
            return True
        return False if self._whole() else None

    def newest_on(self, topics: frozenset[str], before_id: int) -> tuple[bool, Message | None]:
        """The newest inbound message older than `before_id` on one of the topics, and whether
        the window settles it (False: the window is full and none of its messages is one)."""
        for message in self.messages():
            if message.id < before_id and message.topic in topics:
                return True, message
        return self._whole(), None
