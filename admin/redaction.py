"""Redaction: an officer removes a message's text for good (a number given by mistake,
something the person regrets writing). The text is deleted from the database, not hidden:
the message's body and media, and the copy a queued or template send keeps in the outbox.
What remains is who redacted it and when, on the message and in the audit (never the text).
What the assistant understood (language, topic, urgency) stays: it is the case's record.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from admin import audit
from admin.audit import Action
from channels import DeliveryStatus, OutboxItem
from core.models import Case, Message, Officer, utcnow

REDACTED_ERROR = "redacted before it was sent"


def message_of_case(session: Session, case: Case, message_id: int) -> Message | None:
    """The message, if it belongs to this case's conversation (else None: not found)."""
    message = session.get(Message, message_id)
    if message is None or message.conversation_id != case.conversation_id:
        return None
    return message


def redact(session: Session, case: Case, message: Message, officer: Officer) -> bool:
    """Remove the message's text; False when it was redacted already. The caller commits."""
    if message.redacted_at is not None:
        return False
    message.body, message.media = "", []
    message.held_since = None  # a held reply that is redacted is never sent
    message.redacted_at, message.redacted_by_id = utcnow(), officer.id
    item = session.scalar(select(OutboxItem).where(OutboxItem.message_id == message.id))
    if item is not None:
        item.body, item.content_variables = None, None
        if item.status == DeliveryStatus.QUEUED:  # not sent yet: it never will be
            item.status, item.last_error = DeliveryStatus.FAILED, REDACTED_ERROR
    audit.record(session, officer, Action.REDACT, case, message_id=message.id)
    return True
