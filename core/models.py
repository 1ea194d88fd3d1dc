"""Every table of the app but the outbox: people, conversations, messages, and the consular
queue's consulates, officers and cases. Everything but transport reads and writes these."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_public_id() -> str:
    return uuid.uuid4().hex


class Channel(enum.StrEnum):
    SMS = "sms"
    WHATSAPP = "whatsapp"


class ConversationStatus(enum.StrEnum):
    """Who answers: moved only by conversations/ownership.py, which audits every move."""

    BOT = "bot"  # the assistant answers
    QUEUED = "queued"  # waiting in the consular queue; the bot still answers meanwhile
    WITH_OFFICER = "with_officer"  # an officer holds it; the bot stays quiet
    CLOSED = "closed"


class Direction(enum.StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class Author(enum.StrEnum):
    PERSON = "person"
    BOT = "bot"
    OFFICER = "officer"
    SYSTEM = "system"


class ProcessingState(enum.StrEnum):
    RECEIVED = "received"  # stored, not yet understood
    PROCESSING = "processing"  # claimed by a worker until `lease_until`
    PROCESSED = "processed"
    FAILED = "failed"  # given up after repeated crashed turns


# Inbound messages not yet answered, written as SQL so that the claim query repeats the
# partial index's condition word for word (SQLite uses a partial index only then).
UNFINISHED_INBOUND: Final = "direction = 'in' AND state IN ('received', 'processing')"


def _enum(cls: type[enum.StrEnum]) -> Enum:
    return Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Person(Base):
    """Someone who wrote to Enlace on one channel address; the number is never stored in clear."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), unique=True)
    address_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    language: Mapped[str | None] = mapped_column(String(8))
    country_origin: Mapped[str | None] = mapped_column(String(2))
    country_destination: Mapped[str | None] = mapped_column(String(2))
    # Where in that country, as an ISO 3166-2 code ("US-TX"), when the person said it.
    region_destination: Mapped[str | None] = mapped_column(String(8))
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    conversations: Mapped[list[Conversation]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class Conversation(Base):
    """One thread with one person on one channel; `public_id` is all Rasa ever sees."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    status: Mapped[ConversationStatus] = mapped_column(
        _enum(ConversationStatus), default=ConversationStatus.BOT
    )
    last_inbound_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A keyword that waits for an answer ("menu": a number, "erase": SI/YES) and since when.
    awaiting: Mapped[str | None] = mapped_column(String(16))
    awaiting_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The person's question the bot asked about ("which country?", "is it about 1, 2 or 3?")
    # and the topic they chose for it, so their answer brings that question back. No foreign
    # key: an erased message simply leaves nothing pending.
    pending_message_id: Mapped[int | None] = mapped_column(Integer)
    pending_topic: Mapped[str | None] = mapped_column(String(40))
    offered_topics: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    person: Mapped[Person] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by="Message.id"
    )


class Message(Base):
    """Every message in or out, with what the assistant understood of the inbound ones."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation", "conversation_id", "id"),
        # The worker's claim reads only these rows: a few, however many messages are stored.
        Index(
            "ix_messages_unfinished",
            "id",
            sqlite_where=text(UNFINISHED_INBOUND),
            postgresql_where=text(UNFINISHED_INBOUND),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    direction: Mapped[Direction] = mapped_column(_enum(Direction))
    author: Mapped[Author] = mapped_column(_enum(Author))
    provider_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    state: Mapped[ProcessingState] = mapped_column(
        _enum(ProcessingState), default=ProcessingState.RECEIVED
    )
    # The worker's claim: a fresh token per claim, held until the lease runs out.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claims: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str | None] = mapped_column(String(8))
    topic: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    # What the urgency check decided for this message, and on what evidence (signals, the
    # topic and confidence it read, or why it could not tell); None until it ran.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    urgency_evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    article_id: Mapped[str | None] = mapped_column(String(120))
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="SET NULL")
    )  # who wrote an officer's reply
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An officer's reply written after WhatsApp's 24-hour window closed waits, with no outbox
    # row, until the person writes again (channels/held.py); None once it is queued.
    held_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Who removed this message's text, and when (admin/redaction.py): the text is gone.
    redacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    redacted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="SET NULL")
    )

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class SafeContact(enum.StrEnum):
    """Whether someone may write to the person's phone: asked at each hand-over, because an
    employer or a partner may read it (conversations/safe_contact.py)."""

    UNKNOWN = "unknown"  # not answered (yet): nobody writes first
    ANYTIME = "anytime"
    WHEN_PERSON_WRITES = "when_person_writes"  # only answers, right after the person wrote
    NEVER = "never"  # nobody writes; the person will call


class OfficerRole(enum.StrEnum):
    """Officers answer their consulate's cases; supervisors also see its dashboard and audit;
    admins manage consulates and accounts and see every queue, the fallback one included."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class CaseOutcome(enum.StrEnum):
    """How a case ended: a fixed vocabulary, so that it adds up across consulates."""

    INFORMED = "informed"  # the person got the information they needed
    REFERRED = "referred"  # sent to an authority, a lawyer or an organisation
    CONSULAR_SERVICE = "consular_service"  # documents, protection, visit, repatriation
    EMERGENCY = "emergency"  # emergency services or rescue involved
    NO_RESPONSE = "no_response"  # the person stopped answering
    NOT_CONSULAR = "not_consular"  # out of the consulate's remit
    OTHER = "other"


FIRST_RESPONSE_TARGET_MINUTES = 30  # a consulate's target until someone sets its own


class Consulate(Base):
    __tablename__ = "consulates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # the state it represents
    serves: Mapped[str] = mapped_column(String(200), default="")  # where it works, for display
    # Where it works, for routing: ISO 3166 codes, a country ("US") or a subdivision ("US-TX")
    # (conversations/routing.py).
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Takes the cases of people whose nationality is not known yet (one consulate at most;
    # with none, such cases wait in the fallback queue the admins see).
    takes_unrouted: Mapped[bool] = mapped_column(Boolean, default=False)
    # How soon a person should get a first human reply: the queue's clock turns amber past
    # half of it and red past it; statistics count the share of cases answered within it.
    first_response_target_minutes: Mapped[int] = mapped_column(
        Integer, default=FIRST_RESPONSE_TARGET_MINUTES
    )


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    consulate_id: Mapped[int] = mapped_column(ForeignKey("consulates.id"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="es")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    role: Mapped[OfficerRole] = mapped_column(_enum(OfficerRole), default=OfficerRole.OFFICER)
    # Repeated wrong passwords lock the account for a while (admin/accounts.py).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OfficerSession(Base):
    """A signed-in browser: only the token's hash is stored; logout deletes the row."""

    __tablename__ = "officer_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OfficerApiToken(Base):
    """A personal token for the JSON API (`Authorization: Bearer …`): shown once when made,
    only its SHA-256 kept; revoking sets `revoked_at` (the row stays, for the audit)."""

    __tablename__ = "officer_api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))  # the officer's label: "laptop", "script"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Case(Base):
    """A conversation handed to humans; urgent ones are pinned first in the queue."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    consulate_id: Mapped[int | None] = mapped_column(ForeignKey("consulates.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus), default=CaseStatus.OPEN)
    priority: Mapped[int] = mapped_column(Integer, default=0)  # higher first; urgent = 100
    reason: Mapped[str] = mapped_column(String(64))  # topic id or why it was handed over
    notes: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[CaseOutcome | None] = mapped_column(_enum(CaseOutcome))
    # When an officer first replied to the person in this case (admin/clock.py sets it).
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The person's answer to "is it safe for someone to write to this number?", and when.
    safe_contact: Mapped[SafeContact] = mapped_column(
        _enum(SafeContact), default=SafeContact.UNKNOWN
    )
    safe_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A change of who answers that the person was not told yet, because nobody could write
    # to them first ("claimed", "closed"): told with the answer to their next message.
    notice_owed: Mapped[str | None] = mapped_column(String(16))
    # The questions the bot asked the person after the hand-over ("origin", "place",
    # "screening"), each at most once per case (conversations/case_questions.py).
    asked: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The screening's answers, question key to yes/no, and how it ended
    # (conversations/screening.py); None when it was never offered.
    screening: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CaseNote(Base):
    """An officer's private note on a case: never sent to the person."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what to which case, and when: written once, never updated (admin/audit.py).

    `detail` says what changed (an outcome, a note's id, a message's id), never message
    text or a phone number."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))
    consulate_id: Mapped[int | None] = mapped_column(ForeignKey("consulates.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OwnershipChange(Base):
    """One move of a conversation between the bot, the queue and an officer: the audit."""

    __tablename__ = "ownership_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))  # "bot", "person", "officer:<id>", …
    from_status: Mapped[ConversationStatus] = mapped_column(_enum(ConversationStatus))
    to_status: Mapped[ConversationStatus] = mapped_column(_enum(ConversationStatus))
    priority: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(120))
