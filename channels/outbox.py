"""Queue replies and hand them to a sender, retrying until the provider accepts them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from channels.models import DeliveryStatus, OutboxItem
from channels.senders import OutgoingMessage, PermanentSendError, Sender, TemporarySendError
from core.crypto import PhoneVault
from core.models import Author, Conversation, Direction, Message, utcnow

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 15, 60, 300, 900, 3600)


def enqueue_reply(
    session: Session,
    conversation: Conversation,
    body: str,
    author: Author,
    in_reply_to: Message | None = None,
) -> Message:
    """Any part of the app sends to a person through here; the sender picks it up."""
    message = Message(
        conversation=conversation,
        direction=Direction.OUTBOUND,
        author=author,
        body=body,
        in_reply_to_id=in_reply_to.id if in_reply_to else None,
    )
    session.add(message)
    session.flush()
    session.add(OutboxItem(message_id=message.id))
    return message


def claim_due(session: Session, limit: int, now: datetime | None = None) -> list[OutboxItem]:
    """Mark due items as sending; SKIP LOCKED lets several app replicas share one outbox."""
    now = now or utcnow()
    query = (
        select(OutboxItem)
        .where(OutboxItem.status == DeliveryStatus.QUEUED, OutboxItem.next_attempt_at <= now)
        .order_by(OutboxItem.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    items = list(session.scalars(query))
    for item in items:
        item.status = DeliveryStatus.SENDING
        item.attempts += 1
    return items


def next_delay(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1])


async def deliver_due(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    limit: int = 20,
) -> int:
    """One pass over the due items; returns how many were accepted by the provider."""
    with factory() as session:
        items = claim_due(session, limit)
        outgoing = [(item.id, _outgoing(item, vault)) for item in items]
        session.commit()
    accepted = 0
    for item_id, message in outgoing:
        result_status, sid, error = DeliveryStatus.SENT, None, None
        try:
            sid = await sender.send(message)
        except TemporarySendError as failure:
            result_status, error = DeliveryStatus.QUEUED, str(failure)
        except PermanentSendError as failure:
            result_status, error = DeliveryStatus.FAILED, str(failure)
        with factory() as session:
            item = session.get(OutboxItem, item_id)
            if item is None:  # the person's data was deleted meanwhile
                continue
            _record(item, result_status, sid, error, max_attempts)
            session.commit()
        accepted += result_status == DeliveryStatus.SENT
    return accepted


def _record(
    item: OutboxItem,
    status: DeliveryStatus,
    sid: str | None,
    error: str | None,
    max_attempts: int,
) -> None:
    item.last_error = error
    if status == DeliveryStatus.QUEUED:
        if item.attempts >= max_attempts:
            item.status = DeliveryStatus.DEAD
            log.error("outbox item dead", extra={"outbox_id": item.id, "attempts": item.attempts})
            return
        item.status = DeliveryStatus.QUEUED
        item.next_attempt_at = utcnow() + next_delay(item.attempts)
        log.warning("outbox retry scheduled", extra={"outbox_id": item.id})
        return
    item.status = status
    item.provider_sid = sid


def _outgoing(item: OutboxItem, vault: PhoneVault) -> OutgoingMessage:
    message = item.message
    conversation = message.conversation
    return OutgoingMessage(
        outbox_id=item.id,
        channel=conversation.channel,
        to=vault.decrypt(conversation.person.address_encrypted),
        body=message.body,
    )
