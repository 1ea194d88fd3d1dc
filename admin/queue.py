"""What the queue and a case page show: read-only queries, always within the officer's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from admin.auth import in_scope
from channels import WHATSAPP_WINDOW, DeliveryStatus, OutboxItem
from conversations import screening
from conversations.ownership import Priority
from core.models import (
    Case,
    CaseNote,
    CaseStatus,
    Channel,
    Consulate,
    Conversation,
    Direction,
    Message,
    Officer,
)


@dataclass(frozen=True)
class QueueRow:
    case: Case
    conversation: Conversation
    urgent: bool
    topic: str | None
    language: str | None
    red_flags: list[str]
    screening_flags: list[str]  # the ILO indicators the person's screening answers raise
    last_inbound_at: datetime | None
    officer_name: str | None


def _red_flags(messages: list[Message]) -> list[str]:
    """The topics of the person's messages the urgency check flagged (its evidence is kept on
    each message; per-signal flags come with the urgent-detection issue)."""
    flags: list[str] = []
    for message in messages:
        name = message.topic or "urgent"
        if message.urgent and name not in flags:
            flags.append(name)
    return flags


@dataclass(frozen=True)
class QueueFilter:
    """What the officer narrowed the queue to (query parameters of the queue page)."""

    urgent: bool = False
    unassigned: bool = False
    mine: bool = False
    channel: Channel | None = None


def open_cases(
    session: Session, officer: Officer, only: QueueFilter | None = None
) -> list[QueueRow]:
    """Open cases the officer may see: urgent first, then whoever has waited longest."""
    only = only or QueueFilter()
    query = (
        select(Case, Conversation)
        .join(Conversation, Case.conversation_id == Conversation.id)
        .where(Case.status != CaseStatus.CLOSED, in_scope(officer))
        .order_by(Case.priority.desc(), Case.opened_at, Case.id)
    )
    if only.urgent:
        query = query.where(Case.priority >= Priority.URGENT)
    if only.unassigned:
        query = query.where(Case.officer_id.is_(None))
    if only.mine:
        query = query.where(Case.officer_id == officer.id)
    if only.channel is not None:
        query = query.where(Conversation.channel == only.channel)
    rows = session.execute(query).all()
    names = {i: n for i, n in session.execute(select(Officer.id, Officer.display_name))}
    result = []
    for case, conversation in rows:
        inbound = list(
            session.scalars(
                select(Message)
                .where(
                    Message.conversation_id == conversation.id,
                    Message.direction == Direction.INBOUND,
                )
                .order_by(Message.id.desc())
                .limit(20)
            )
        )
        understood = next((m for m in inbound if m.topic), None)
        result.append(
            QueueRow(
                case=case,
                conversation=conversation,
                urgent=case.priority >= Priority.URGENT,
                topic=understood.topic if understood else case.reason,
                language=conversation.person.language or (inbound[0].language if inbound else None),
                red_flags=_red_flags(inbound),
                screening_flags=screening.red_flags(case),
                last_inbound_at=conversation.last_inbound_at,
                officer_name=names.get(case.officer_id) if case.officer_id else None,
            )
        )
    return result


@dataclass(frozen=True)
class ThreadLine:
    message: Message
    delivery: DeliveryStatus | None
    officer_name: str | None
    template: bool = False  # sent as the approved WhatsApp template
    redacted_by: str | None = None


def thread(session: Session, conversation: Conversation) -> list[ThreadLine]:
    rows = session.execute(
        select(Message, OutboxItem.status, OutboxItem.content_sid)
        .outerjoin(OutboxItem, OutboxItem.message_id == Message.id)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.id)
    ).all()
    names = {i: n for i, n in session.execute(select(Officer.id, Officer.display_name))}
    return [
        ThreadLine(
            m,
            status,
            names.get(m.officer_id) if m.officer_id else None,
            template=content_sid is not None,
            redacted_by=names.get(m.redacted_by_id) if m.redacted_by_id else None,
        )
        for m, status, content_sid in rows
    ]


def notes(session: Session, case: Case) -> list[tuple[CaseNote, str | None]]:
    rows = session.execute(
        select(CaseNote, Officer.display_name)
        .outerjoin(Officer, CaseNote.officer_id == Officer.id)
        .where(CaseNote.case_id == case.id)
        .order_by(CaseNote.id)
    ).all()
    return [(note, name) for note, name in rows]


def whatsapp_time_left(conversation: Conversation, now: datetime | None = None) -> timedelta | None:
    """Time left to reply with free text on WhatsApp; None on SMS (no window)."""
    if conversation.channel != Channel.WHATSAPP:
        return None
    last = conversation.last_inbound_at
    if last is None:
        return timedelta(0)
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return max(last + WHATSAPP_WINDOW - (now or datetime.now(UTC)), timedelta(0))


def held_count(session: Session, officer: Officer) -> int:
    """Open cases the officer holds now (the claim cap counts these)."""
    count = session.scalar(
        select(func.count(Case.id)).where(
            Case.officer_id == officer.id, Case.status == CaseStatus.ASSIGNED
        )
    )
    return count or 0


def colleagues(session: Session, case: Case, officer: Officer) -> list[Officer]:
    """Active officers of the case's consulate a case can be handed to, the officer aside."""
    if case.consulate_id is None:
        return []
    return list(
        session.scalars(
            select(Officer)
            .where(
                Officer.consulate_id == case.consulate_id,
                Officer.active.is_(True),
                Officer.id != officer.id,
            )
            .order_by(Officer.display_name)
        )
    )


def other_consulates(session: Session, case: Case) -> list[Consulate]:
    query = select(Consulate).order_by(Consulate.name)
    if case.consulate_id is not None:
        query = query.where(Consulate.id != case.consulate_id)
    return list(session.scalars(query))


def written_since_closed(session: Session, case: Case) -> int:
    """How many messages the person wrote after the case was closed (0 while it is open)."""
    if case.closed_at is None:
        return 0
    count = session.scalar(
        select(func.count(Message.id)).where(
            Message.conversation_id == case.conversation_id,
            Message.direction == Direction.INBOUND,
            Message.created_at > case.closed_at,
        )
    )
    return count or 0


WRITTEN_AGAIN_DAYS: Final = 30
WRITTEN_AGAIN_LIMIT: Final = 20


@dataclass(frozen=True)
class WrittenAgain:
    """A closed case whose person wrote after it closed: a candidate for reopening."""

    case: Case
    conversation: Conversation
    messages: int  # the person's messages since the closing


def written_again(
    session: Session, officer: Officer, now: datetime | None = None
) -> list[WrittenAgain]:
    """Closed cases the officer may see whose person wrote after the closing, within the last
    30 days, and that are still the person's latest case (a later one is in the queue itself):
    the queue lists them under the open cases, newest message first, so that an officer finds
    what to reopen."""
    since = (now or datetime.now(UTC)) - timedelta(days=WRITTEN_AGAIN_DAYS)
    later = aliased(Case)
    count = (
        select(func.count(Message.id))
        .where(
            Message.conversation_id == Case.conversation_id,
            Message.direction == Direction.INBOUND,
            Message.created_at > Case.closed_at,
        )
        .correlate(Case)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Case, Conversation, count)
        .join(Conversation, Case.conversation_id == Conversation.id)
        .where(
            Case.status == CaseStatus.CLOSED,
            in_scope(officer),
            Conversation.last_inbound_at >= since,
            count > 0,
            ~select(later.id)
            .where(later.conversation_id == Case.conversation_id, later.id > Case.id)
            .exists(),
        )
        .order_by(Conversation.last_inbound_at.desc(), Case.id.desc())
        .limit(WRITTEN_AGAIN_LIMIT)
    ).all()
    return [WrittenAgain(case, conversation, n) for case, conversation, n in rows]


def later_case(session: Session, case: Case) -> int | None:
    """The id of a case of the same conversation opened after this one, if any (the newest)."""
    later = session.scalar(
        select(Case.id)
        .where(Case.conversation_id == case.conversation_id, Case.id > case.id)
        .order_by(Case.id.desc())
        .limit(1)
    )
    return later
