"""What the person already received of the thread's article, so no reply is sent twice.

A follow-up answered with the article just sent would get the same text again; the action
answers it with a part of that article not sent yet (knowledge/passages.py). The app knows
what was sent (the outbox); the action gets the article and the parts already sent.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations.history import RecentInbound
from conversations.situation import thread_topic
from core.models import Conversation, Direction, Message
from knowledge import KnowledgeBase
from knowledge.passages import sent_passages

# The replies searched for the article's parts: the thread's recent ones (an article, its
# MORE parts, a few follow-ups) fit in this many.
RECENT_REPLIES: Final = 12


def what_was_sent(
    session: Session,
    conversation: Conversation,
    message: Message,
    kb: KnowledgeBase | None,
    topics: frozenset[str],
    language: str,
    history: RecentInbound | None = None,
) -> tuple[str, str]:
    """The thread's last article id and its parts already sent ("0,2"); empty when none."""
    if kb is None or not topics:
        return "", ""
    previous = thread_topic(session, conversation, message, topics, history)
    article = kb.article(previous.article_id) if previous and previous.article_id else None
    if article is None:
        return "", ""
    replies = session.scalars(
        select(Message.body)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.OUTBOUND,
            Message.id < message.id,
        )
        .order_by(Message.id.desc())
        .limit(RECENT_REPLIES)
    ).all()
    sent = sent_passages(article, language, replies)
    return article.id, ",".join(str(number) for number in sorted(sent))
