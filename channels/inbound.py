"""Store an inbound message first, before anything else can fail; recognise provider retries;
then hand its id on to whatever answers it.

Channels never decide what to answer. They hand the stored message's id to a
`StoredMessageQueue`, which the app assembly puts on `app.state.stored_messages`; the
conversations package implements it. Channels define the seam, so they import nothing of
the dialogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.crypto import PhoneVault
from core.models import (
    Author,
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Person,
    utcnow,
)


class Outcome(Protocol):
    """What became of one stored inbound message: what it was understood as, and the replies
    queued for it (the simulator shows this; Twilio gets the replies through the outbox)."""

    @property
    def message_id(self) -> int: ...
    @property
    def language(self) -> str | None: ...
    @property
    def topic(self) -> str | None: ...
    @property
    def confidence(self) -> float | None: ...
    @property
    def urgent(self) -> bool: ...
    @property
    def escalated(self) -> bool: ...
    @property
    def article_id(self) -> str | None: ...
    @property
    def possible_danger(self) -> bool: ...
    @property
    def replies(self) -> Sequence[str]: ...


class StoredMessageQueue(Protocol):
    """Where a channel hands a committed inbound message; the conversations worker answers it."""

    def enqueue(self, message_id: int, body: str | None = None) -> None:
        """Answer the stored message later; returns at once. With its `body`, the answering
        side may start reading the text before it claims the message."""

    async def outcome(self, message_id: int) -> Outcome:
        """Wait until the enqueued message has been answered and say how."""


async def _stored_messages(request: Request) -> StoredMessageQueue:
    """`async def`, as core.deps says why: no hop to FastAPI's thread pool."""
    queue: StoredMessageQueue = request.app.state.stored_messages
    return queue


StoredMessagesDep = Annotated[StoredMessageQueue, Depends(_stored_messages)]


@dataclass(frozen=True)
class InboundMessage:
    channel: Channel
    address: str  # E.164 number, with "whatsapp:" stripped
    provider_sid: str
    body: str
    media: list[dict[str, Any]] = field(default_factory=list)


def store(session: Session, vault: PhoneVault, inbound: InboundMessage) -> Message | None:
    """The stored message, or None when this provider id was stored already (a retry)."""
    duplicate = session.scalar(
        select(Message.id).where(Message.provider_sid == inbound.provider_sid)
    )
    if duplicate is not None:
        return None
    person = find_or_create_person(session, vault, inbound.address)
    conversation = open_conversation(session, person, inbound.channel)
    conversation.last_inbound_at = utcnow()
    message = Message(
        conversation=conversation,
        direction=Direction.INBOUND,
        author=Author.PERSON,
        provider_sid=inbound.provider_sid,
        body=inbound.body,
        media=inbound.media,
    )
    session.add(message)
    session.flush()
    return message


def find_or_create_person(session: Session, vault: PhoneVault, address: str) -> Person:
    digest = vault.lookup_hash(address)
    person = session.scalar(select(Person).where(Person.address_hash == digest))
    if person is None:
        person = Person(address_hash=digest, address_encrypted=vault.encrypt(address))
        session.add(person)
        session.flush()
    return person


def open_conversation(session: Session, person: Person, channel: Channel) -> Conversation:
    """The person's current conversation on this channel, or a new one after a closed one."""
    conversation = session.scalar(
        select(Conversation)
        .where(
            Conversation.person_id == person.id,
            Conversation.channel == channel,
            Conversation.status != ConversationStatus.CLOSED,
        )
        .order_by(Conversation.id.desc())
        .limit(1)
    )
    if conversation is None:
        conversation = Conversation(person=person, channel=channel)
        session.add(conversation)
        session.flush()
    return conversation
