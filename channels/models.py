"""The outbox: every reply waits here until the provider accepts it."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base
from core.models import Channel, Message, _enum, utcnow


class DeliveryStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for its turn (or for a retry)
    SENDING = "sending"  # claimed by a sender
    SENT = "sent"  # accepted by the provider
    DELIVERED = "delivered"
    READ = "read"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    DEAD = "dead"  # gave up after the maximum number of attempts


class OutboxItem(Base):
    """One send to one person. Most rows point at a stored message; a row without one carries
    its own encrypted address and text, so a reply can outlive the data it confirms erased."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    # Only for rows without a message (the confirmation of an erasure); cleared once sent.
    channel: Mapped[Channel | None] = mapped_column(_enum(Channel))
    address_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    body: Mapped[str | None] = mapped_column(Text)
    # WhatsApp template (Twilio ContentSid) for a reply outside the 24-hour window.
    content_sid: Mapped[str | None] = mapped_column(String(64))
    content_variables: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The confirmation of an opt-out is the one message an opted-out person still gets.
    bypass_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[DeliveryStatus] = mapped_column(
        _enum(DeliveryStatus), default=DeliveryStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    provider_sid: Mapped[str | None] = mapped_column(String(64), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    message: Mapped[Message | None] = relationship()
