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
import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from cryptography.fernet import InvalidToken
from sqlalchemy import DateTime, Select, bindparam, select, update
from sqlalchemy.orm import Session, aliased, joinedload, sessionmaker

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
from core.models import Author, Channel, Conversation, Direction, Message, Person, utcnow

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 15, 60, 300, 900, 3600)
SENDING_LEASE = timedelta(minutes=2)
OPTED_OUT = "opted_out"
UNREADABLE = "address or text cannot be decrypted with this key"


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
    up. `body` goes out as is: use `queue_replies` for text that may need splitting.

    Nothing is flushed here: the message and its outbox row are inserted with the rest of
    the caller's unit of work (a turn's replies in one flush); a caller that needs the new
    message's id before it commits flushes."""
    message = Message(
        conversation=conversation,
        direction=Direction.OUTBOUND,
        author=author,
        body=body,
        in_reply_to_id=in_reply_to.id if in_reply_to else None,
        officer_id=officer_id,
    )
    session.add(message)
    session.add(
        OutboxItem(
            message=message,
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


def _due_items() -> Select[OutboxItem]:
    """Due items, none behind an earlier reply of its conversation still queued or in flight:
    built once, run with the time and how many to take (`now`, `limit`)."""
    earlier_item, earlier_message, this_message = (
        aliased(OutboxItem),
        aliased(Message),
        aliased(Message),
    )
    waits_for_an_earlier_reply = (
        select(earlier_item.id)
        .join(earlier_message, earlier_item.message_id == earlier_message.id)
        .join(this_message, this_message.conversation_id == earlier_message.conversation_id)
        .where(
            this_message.id == OutboxItem.message_id,
            earlier_item.id < OutboxItem.id,
            earlier_item.status.in_((DeliveryStatus.QUEUED, DeliveryStatus.SENDING)),
        )
        .exists()
    )
    # Sending reads each item's message, conversation and person (the address, opted out?):
    # loaded with the items, in the same query, rather than three lazy loads an item.
    return (
        select(OutboxItem)
        .options(
            joinedload(OutboxItem.message)
            .joinedload(Message.conversation)
            .joinedload(Conversation.person)
        )
        .where(
            OutboxItem.status.in_((DeliveryStatus.QUEUED, DeliveryStatus.SENDING)),
            OutboxItem.next_attempt_at <= bindparam("now", type_=DateTime(timezone=True)),
            ~waits_for_an_earlier_reply,
        )
        .order_by(OutboxItem.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True, of=OutboxItem)
    )


DUE_ITEMS: Final = _due_items()


def claim_due(
    session: Session, limit: int, now: datetime | None = None, lease: timedelta = SENDING_LEASE
) -> list[OutboxItem]:
    """Mark due items as sending until `now + lease`; items whose lease ran out are due again.

    A person's replies leave in the order they were queued: an item waits while an earlier
    one of its conversation is still queued or in flight (here or in another replica, which
    SKIP LOCKED lets share the outbox). `deliver_due` sends the next one in the same pass.
    """
    now = now or utcnow()
    items = list(session.scalars(DUE_ITEMS, {"now": now, "limit": limit}))
    for item in items:
        if item.status == DeliveryStatus.SENDING:
            log.warning("outbox lease expired, reclaimed", extra={"outbox_id": item.id})
        item.status = DeliveryStatus.SENDING
        item.attempts += 1
        item.next_attempt_at = now + lease
    return items


def next_delay(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1])


class Pacer:
    """Spaces SMS sends from this process: a long code takes about one per second, and what
    waits here (not in Twilio's queue) can still be withheld after a STOP or an erasure.
    Zero means no spacing (a short code or a messaging service with many numbers)."""

    def __init__(self, sms_per_second: float) -> None:
        self._interval = 1 / sms_per_second if sms_per_second > 0 else 0.0
        self._next = 0.0

    async def wait_turn(self, channel: Channel) -> None:
        if channel != Channel.SMS or not self._interval:
            return
        loop = asyncio.get_running_loop()
        delay = self._next - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        self._next = max(self._next, loop.time()) + self._interval


NO_PACING = Pacer(0)


async def deliver_due(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    limit: int = 20,
    rounds: int = 20,
    pacer: Pacer = NO_PACING,
) -> int:
    """Deliver what is due; returns how many items the provider accepted.

    Each round sends at most the next reply of each conversation, so a reply cut into
    several messages leaves piece by piece, in order, within one call.
    """
    accepted = 0
    for _ in range(rounds):
        claimed, accepted_now = await _deliver_round(
            factory, sender, vault, max_attempts, limit, pacer
        )
        accepted += accepted_now
        if claimed == 0:
            break
    return accepted


async def _deliver_round(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    limit: int,
    pacer: Pacer,
) -> tuple[int, int]:
    with factory() as session:
        outgoing: list[tuple[int, bool, OutgoingMessage]] = []  # id, standalone, message
        claimed_items = claim_due(session, limit)
        for claimed in claimed_items:
            if _recipient_opted_out(claimed):
                claimed.status, claimed.last_error = DeliveryStatus.FAILED, OPTED_OUT
                log.info("outbox item withheld: opted out", extra={"outbox_id": claimed.id})
                continue
            try:
                standalone = claimed.message_id is None
                outgoing.append((claimed.id, standalone, _outgoing(claimed, vault)))
            except InvalidToken:  # a row written under another key: it can never be sent
                claimed.status, claimed.last_error = DeliveryStatus.FAILED, UNREADABLE
                _forget_standalone(claimed)
                log.error("outbox item unreadable", extra={"outbox_id": claimed.id})
        session.commit()
    accepted = 0
    for item_id, standalone, message in outgoing:
        result_status, sid, error, code = DeliveryStatus.SENT, None, None, None
        await pacer.wait_turn(message.channel)
        try:
            sid = await sender.send(message)
        except TemporarySendError as failure:
            result_status, error = DeliveryStatus.QUEUED, str(failure)
        except PermanentSendError as failure:
            result_status, error, code = DeliveryStatus.FAILED, str(failure), failure.code
        with factory() as session:
            if result_status == DeliveryStatus.SENT:
                recorded = _record_sent(session, item_id, sid, standalone=standalone)
            else:
                recorded = _record_failure(
                    session, item_id, result_status, error, code, max_attempts
                )
            session.commit()
        accepted += recorded and result_status == DeliveryStatus.SENT
    return len(claimed_items), accepted


def _record_sent(session: Session, item_id: int, sid: str | None, *, standalone: bool) -> bool:
    """The provider accepted the item: one UPDATE, no read (what `_record` does for a send,
    the common case); False when the row is gone (the person's data deleted meanwhile)."""
    values: dict[str, Any] = {
        "status": DeliveryStatus.SENT,
        "provider_sid": sid,
        "last_error": None,
        "updated_at": utcnow(),
    }
    if standalone:
        values |= FORGOTTEN
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.id == item_id)
        .values(values)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def _record_failure(
    session: Session,
    item_id: int,
    status: DeliveryStatus,
    error: str | None,
    code: int | None,
    max_attempts: int,
) -> bool:
    item = session.get(OutboxItem, item_id)
    if item is None:  # the person's data was deleted meanwhile
        return False
    _record(item, status, None, error, max_attempts)
    if code == OPTED_OUT_CODE:
        _mirror_opt_out(item)
    return True


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


# What a row with no message (an erasure confirmation) keeps of its address and text once done.
FORGOTTEN: Final[dict[str, Any]] = {"address_encrypted": None, "body": ""}


def _forget_standalone(item: OutboxItem) -> None:
    if item.message_id is None:
        for column, value in FORGOTTEN.items():
            setattr(item, column, value)


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


class RepliesQueued:
    """Wakes this process's delivery loop when replies were queued here, rather than at its
    next poll; the poll still finds what other replicas queued and retries that fell due."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()

    async def wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), seconds)
        self._event.clear()


async def run_outbox(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    poll_seconds: float,
    pacer: Pacer = NO_PACING,
    queued: RepliesQueued | None = None,
) -> None:
    """Deliver forever; one failing pass never stops the loop."""
    queued = queued or RepliesQueued()
    while True:
        try:
            await deliver_due(factory, sender, vault, max_attempts, pacer=pacer)
        except Exception:
            log.exception("outbox pass failed")
        await queued.wait(poll_seconds)
