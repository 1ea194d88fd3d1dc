"""Queue replies and hand them to a sender, retrying until the provider accepts them.

Nothing is sent to a person who opted out (except the one confirmation of the opt-out);
temporary failures (5xx, 429, timeouts) back off and retry until `max_attempts`, then the
item is dead and visible; permanent ones (opted out at Twilio, outside WhatsApp's window)
fail at once. Twilio's status callbacks then move an item on to delivered, read, etc.

A claimed item is leased, not owned: a worker that dies between claiming and recording
leaves it SENDING, and once the lease runs out another pass claims it again, so no reply is
lost. The lease is far longer than a send may take (the Twilio client times out after 10 s),
so a live worker's item is never sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from channels.formatting import render
from channels.models import DeliveryStatus, OutboxItem
from channels.senders import (
    OPTED_OUT_CODE,
    OutgoingMessage,
    PermanentSendError,
    Sender,
    TemporarySendError,
)
from core.crypto import PhoneVault
from core.models import Author, Conversation, Direction, Message, Person, utcnow

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 15, 60, 300, 900, 3600)
SENDING_LEASE = timedelta(minutes=2)
OPTED_OUT = "opted_out"


def enqueue_reply(
    session: Session,
    conversation: Conversation,
    body: str,
    author: Author,
    in_reply_to: Message | None = None,
    *,
    bypass_opt_out: bool = False,
    officer_id: int | None = None,
    content_sid: str | None = None,
    content_variables: dict[str, Any] | None = None,
) -> Message:
    """Any part of the app sends one message to a person through here; the sender picks it
    up. `body` goes out as is: use `queue_replies` for text that may need splitting."""
    message = Message(
        conversation=conversation,
        direction=Direction.OUTBOUND,
        author=author,
        body=body,
        in_reply_to_id=in_reply_to.id if in_reply_to else None,
        officer_id=officer_id,
    )
    session.add(message)
    session.flush()
    session.add(
        OutboxItem(
            message_id=message.id,
            bypass_opt_out=bypass_opt_out,
            content_sid=content_sid,
            content_variables=content_variables,
        )
    )
    return message


def queue_replies(
    session: Session,
    conversation: Conversation,
    texts: Sequence[str],
    author: Author,
    in_reply_to: Message | None = None,
    *,
    bypass_opt_out: bool = False,
    officer_id: int | None = None,
) -> list[Message]:
    """Shape each text for the conversation's channel (SMS segments, WhatsApp markup, 1,600
    characters per message) and queue the pieces in order; returns the queued messages."""
    sent: list[Message] = []
    for text in texts:
        for piece in render(text, conversation.channel):
            message = enqueue_reply(
                session,
                conversation,
                piece,
                author,
                in_reply_to,
                bypass_opt_out=bypass_opt_out,
                officer_id=officer_id,
            )
            sent.append(message)
    return sent


def claim_due(
    session: Session, limit: int, now: datetime | None = None, lease: timedelta = SENDING_LEASE
) -> list[OutboxItem]:
    """Mark due items as sending until `now + lease`; items whose lease ran out are due again.

    SKIP LOCKED lets several app replicas share one outbox.
    """
    now = now or utcnow()
    query = (
        select(OutboxItem)
        .where(
            OutboxItem.status.in_((DeliveryStatus.QUEUED, DeliveryStatus.SENDING)),
            OutboxItem.next_attempt_at <= now,
        )
        .order_by(OutboxItem.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    items = list(session.scalars(query))
    for item in items:
        if item.status == DeliveryStatus.SENDING:
            log.warning("outbox lease expired, reclaimed", extra={"outbox_id": item.id})
        item.status = DeliveryStatus.SENDING
        item.attempts += 1
        item.next_attempt_at = now + lease
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
        outgoing: list[tuple[int, OutgoingMessage]] = []
        for claimed in claim_due(session, limit):
            if _recipient_opted_out(claimed):
                claimed.status, claimed.last_error = DeliveryStatus.FAILED, OPTED_OUT
                log.info("outbox item withheld: opted out", extra={"outbox_id": claimed.id})
                continue
            outgoing.append((claimed.id, _outgoing(claimed, vault)))
        session.commit()
    accepted = 0
    for item_id, message in outgoing:
        result_status, sid, error, code = DeliveryStatus.SENT, None, None, None
        try:
            sid = await sender.send(message)
        except TemporarySendError as failure:
            result_status, error = DeliveryStatus.QUEUED, str(failure)
        except PermanentSendError as failure:
            result_status, error, code = DeliveryStatus.FAILED, str(failure), failure.code
        with factory() as session:
            item = session.get(OutboxItem, item_id)
            if item is None:  # the person's data was deleted meanwhile
                continue
            _record(item, result_status, sid, error, max_attempts)
            if code == OPTED_OUT_CODE:
                _mirror_opt_out(item)
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
            _forget_standalone(item)
            log.error("outbox item dead", extra={"outbox_id": item.id, "attempts": item.attempts})
            return
        item.status = DeliveryStatus.QUEUED
        item.next_attempt_at = utcnow() + next_delay(item.attempts)
        log.warning("outbox retry scheduled", extra={"outbox_id": item.id})
        return
    item.status = status
    item.provider_sid = sid
    _forget_standalone(item)
    if status == DeliveryStatus.FAILED:
        log.warning("outbox item failed", extra={"outbox_id": item.id})


def _forget_standalone(item: OutboxItem) -> None:
    """A row with no message (an erasure confirmation) keeps no address or text once done."""
    if item.message_id is None:
        item.address_encrypted, item.body = None, ""


def _person(item: OutboxItem) -> Person | None:
    return item.message.conversation.person if item.message is not None else None


def _recipient_opted_out(item: OutboxItem) -> bool:
    person = _person(item)
    return person is not None and person.opted_out and not item.bypass_opt_out


def _mirror_opt_out(item: OutboxItem) -> None:
    """Twilio says the number opted out (21610): remember it so nothing else is tried."""
    person = _person(item)
    if person is not None:
        person.opted_out = True


def _outgoing(item: OutboxItem, vault: PhoneVault) -> OutgoingMessage:
    message = item.message
    if message is None:  # a standalone row carries its own address and text
        assert item.channel is not None
        assert item.address_encrypted is not None
        channel, address, body = item.channel, item.address_encrypted, item.body or ""
    else:
        conversation = message.conversation
        channel, address = conversation.channel, conversation.person.address_encrypted
        body = message.body
    return OutgoingMessage(
        outbox_id=item.id,
        channel=channel,
        to=vault.decrypt(address),
        body=body,
        content_sid=item.content_sid,
        content_variables=dict(item.content_variables or {}),
    )


async def run_outbox(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    poll_seconds: float,
) -> None:
    """Deliver forever; one failing pass never stops the loop."""
    while True:
        try:
            await deliver_due(factory, sender, vault, max_attempts)
        except Exception:
            log.exception("outbox pass failed")
        await asyncio.sleep(poll_seconds)
