"""Officers' replies held past WhatsApp's 24-hour window, sent when the person writes again.

Past the window only an approved template reaches the person, and officers of comparable
inboxes saw late free text fail silently. So the officer's text is stored as the messages it
would leave as, with no outbox row, and shown as held; the admin asks the person to write
(a template, through `send_to_person`); their next message opens the window again and the
pipeline releases what was held, once, in the order it was written.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from channels.formatting import render
from channels.models import OutboxItem
from channels.sending import whatsapp_window_open
from core.models import Author, Channel, Conversation, Direction, Message, ProcessingState, utcnow

log = logging.getLogger(__name__)


def hold_reply(
    session: Session, conversation: Conversation, text: str, officer_id: int
) -> list[Message]:
    """Store an officer's reply, shaped for the channel, to be sent when the person writes."""
    now = utcnow()
    held = [
        Message(
            conversation=conversation,
            direction=Direction.OUTBOUND,
            author=Author.OFFICER,
            body=piece,
            officer_id=officer_id,
            state=ProcessingState.PROCESSED,
            held_since=now,
        )
        for piece in render(text, conversation.channel)
    ]
    session.add_all(held)
    session.flush()
    log.info("officer reply held", extra={"conversation_id": conversation.id})
    return held


def held_replies(session: Session, conversation: Conversation) -> list[Message]:
    return list(
        session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation.id, Message.held_since.is_not(None))
            .order_by(Message.id)
        )
    )


def release_held_replies(
    session: Session, conversation: Conversation, now: datetime | None = None
) -> list[Message]:
    """Queue what was held, now that the window is open again; nothing for a person who
    opted out meanwhile (the replies stay held, and shown so). The caller commits.

    Only a WhatsApp conversation has held replies (an SMS window never closes, so nothing is
    held there): the pipeline calls this every turn, and an SMS turn is spared the query."""
    if conversation.channel != Channel.WHATSAPP:
        return []
    held = held_replies(session, conversation)
    if not held or conversation.person.opted_out or not whatsapp_window_open(conversation, now):
        return []
    for message in held:
        message.held_since = None
        session.add(OutboxItem(message_id=message.id))
    session.flush()
    log.info(
        "held replies released", extra={"conversation_id": conversation.id, "count": len(held)}
    )
    return held
