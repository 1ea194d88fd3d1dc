"""Consulates, officers and cases: the consular queue's data (its pages come later)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.models import _enum, utcnow


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class Consulate(Base):
    __tablename__ = "consulates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # the state it represents
    serves: Mapped[str] = mapped_column(String(200), default="")  # where it works, free text


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    consulate_id: Mapped[int] = mapped_column(ForeignKey("consulates.id"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="es")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


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
