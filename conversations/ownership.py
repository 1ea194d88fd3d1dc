"""Who answers a conversation: one state machine, every move audited.

    bot ──queue──► queued ──assign──► with_officer ──hand_back──► bot
     ▲   ▲           ▲                                 │
     │   └─reopen_case (an officer: the closed case back in its queue, from bot or closed)
     └────reopen──── closed ◄────────close─────────────┘ (from any state)

The bot answers in `bot` and `queued` (someone waiting for an officer still gets answers and
help lines) and stays quiet once an officer holds the conversation. The queue's order comes
from the open case's priority, a named level: that is the one place a conversation's urgency
is stored (each message keeps its own urgency check, which is evidence, not state). The bot,
the admin and, later, campaigns move a conversation only through these functions, and each
writes an `OwnershipChange` row: who, when, from, to, why. No move the person should know of
is silent: an officer taking the case and the bot coming back are told to them
(`conversations.notices`, under their safe-contact choice).
"""

from __future__ import annotations

import enum
import logging
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations import routing
from conversations.notices import CLOSED, tell_claimed, tell_closed
from core.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Conversation,
    ConversationStatus,
    OwnershipChange,
    utcnow,
)

log = logging.getLogger(__name__)

BOT: Final = "bot"  # the actor when the pipeline moves a conversation
PERSON: Final = "person"  # the actor when the person's own message moves it
REROUTED: Final = "rerouted"  # the case audit's action when the person's answer moves a case


class Priority(enum.IntEnum):
    """A case's place in the queue: higher first."""

    NORMAL = 10
    URGENT = 100


class InvalidTransition(Exception):
    """A move the state machine does not allow, e.g. assigning a closed conversation."""


_ALLOWED: Final[dict[ConversationStatus, frozenset[ConversationStatus]]] = {
    ConversationStatus.BOT: frozenset({ConversationStatus.QUEUED, ConversationStatus.CLOSED}),
    ConversationStatus.QUEUED: frozenset(
        {ConversationStatus.WITH_OFFICER, ConversationStatus.BOT, ConversationStatus.CLOSED}
    ),
    ConversationStatus.WITH_OFFICER: frozenset(
        {ConversationStatus.BOT, ConversationStatus.QUEUED, ConversationStatus.CLOSED}
    ),
    ConversationStatus.CLOSED: frozenset({ConversationStatus.BOT, ConversationStatus.QUEUED}),
}


def officer_actor(officer_id: int) -> str:
    return f"officer:{officer_id}"


def bot_may_answer(conversation: Conversation) -> bool:
    """The bot answers unless an officer holds the conversation."""
    return conversation.status != ConversationStatus.WITH_OFFICER


def open_case(session: Session, conversation: Conversation) -> Case | None:
    return session.scalar(
        select(Case).where(Case.conversation_id == conversation.id, Case.closed_at.is_(None))
    )


def queue_for_human(
    session: Session,
    conversation: Conversation,
    reason: str,
    priority: Priority,
    actor: str = BOT,
) -> Case:
    """Put the conversation in the consular queue, or raise its place there.

    An officer who already holds it keeps it (its case still goes up); a priority never goes
    down here, so a later ordinary request cannot bury an urgent case.
    """
    case = open_case(session, conversation)
    if case is None:
        case = Case(
            conversation_id=conversation.id,
            reason=reason,
            priority=int(priority),
            consulate_id=route(session, conversation),
        )
        session.add(case)
        if conversation.status == ConversationStatus.WITH_OFFICER:
            _audit(session, conversation, conversation.status, actor, reason, priority)
    elif priority > case.priority:
        case.priority, case.reason = int(priority), reason
        _audit(session, conversation, conversation.status, actor, reason, priority)
    if conversation.status in (ConversationStatus.BOT, ConversationStatus.CLOSED):
        _move(session, conversation, ConversationStatus.QUEUED, actor, reason, priority)
    return case


def route(session: Session, conversation: Conversation) -> int | None:
    """The consulate a new case goes to (`conversations.routing`): the one of the person's
    nationality that serves where they are, else the one that takes unrouted cases; None
    leaves it in the admins' fallback queue."""
    return routing.route(session, conversation.person)


def reroute(session: Session, conversation: Conversation, why: str) -> Case | None:
    """The person said where they are from or where they are: an open case nobody has claimed
    yet goes to the consulate that now fits, audited; the case when it moved, else None."""
    case = open_case(session, conversation)
    if case is None or case.officer_id is not None:
        return None
    to = route(session, conversation)
    if to is None or to == case.consulate_id:
        return None
    was, case.consulate_id = case.consulate_id, to
    _audit(session, conversation, conversation.status, PERSON, f"rerouted: {why}", None)
    session.add(
        AuditEvent(
            officer_id=None,
            consulate_id=to,
            case_id=case.id,
            action=REROUTED,
            detail={"from_consulate": was, "to_consulate": to, "why": why},
        )
    )
    return case


def assign(session: Session, conversation: Conversation, officer_id: int, reason: str) -> Case:
    """An officer takes the conversation: the bot goes quiet until it is handed back."""
    if conversation.status != ConversationStatus.QUEUED:
        raise InvalidTransition(f"assign from {conversation.status}")
    case = open_case(session, conversation)
    if case is None:
        raise InvalidTransition("assign without an open case")
    case.officer_id, case.status = officer_id, CaseStatus.ASSIGNED
    _move(session, conversation, ConversationStatus.WITH_OFFICER, officer_actor(officer_id), reason)
    tell_claimed(session, conversation, case)
    return case


def hand_back_to_bot(session: Session, conversation: Conversation, actor: str, reason: str) -> None:
    """The officer is done for now: the bot answers again, and says so; the case is closed."""
    case = _close_case(session, conversation)
    _move(session, conversation, ConversationStatus.BOT, actor, reason)
    if case is not None:
        tell_closed(session, conversation, case)


def close(session: Session, conversation: Conversation, actor: str, reason: str) -> None:
    case = _close_case(session, conversation)
    _move(session, conversation, ConversationStatus.CLOSED, actor, reason)
    if case is not None:
        tell_closed(session, conversation, case)


def reopen_if_closed(session: Session, conversation: Conversation) -> None:
    """A person who writes to a closed conversation is answered by the bot again."""
    if conversation.status == ConversationStatus.CLOSED:
        _move(session, conversation, ConversationStatus.BOT, PERSON, "the person wrote again")


class NotLatestCase(InvalidTransition):
    """Reopening a case the conversation has a later one than (open or closed)."""


def reopen_case(
    session: Session, conversation: Conversation, case: Case, actor: str, reason: str
) -> Case:
    """An officer puts a closed case back in its consulate's queue: unassigned, at its old
    priority, with no outcome (the audit keeps the one it was closed with). Only the
    conversation's latest case, so there is never more than one open: when the person has
    asked again since, that newer case is the one to work on. The person is not told (the
    bot keeps answering them until an officer claims the case, which they are told of); a
    "the assistant is back" notice still owed for the closing is dropped."""
    latest = session.scalar(
        select(Case.id)
        .where(Case.conversation_id == conversation.id)
        .order_by(Case.id.desc())
        .limit(1)
    )
    if case.conversation_id != conversation.id or case.closed_at is None:
        raise InvalidTransition("reopen needs a closed case of this conversation")
    if latest != case.id:
        raise NotLatestCase(f"case {latest} is later")
    if conversation.status not in (ConversationStatus.BOT, ConversationStatus.CLOSED):
        raise InvalidTransition(f"reopen from {conversation.status}")
    _move(session, conversation, ConversationStatus.QUEUED, actor, reason)
    case.status, case.closed_at, case.officer_id, case.outcome = CaseStatus.OPEN, None, None, None
    if case.notice_owed == CLOSED:
        case.notice_owed = None
    return case


def _close_case(session: Session, conversation: Conversation) -> Case | None:
    case = open_case(session, conversation)
    if case is not None:
        case.status, case.closed_at = CaseStatus.CLOSED, utcnow()
    return case


def _move(
    session: Session,
    conversation: Conversation,
    to: ConversationStatus,
    actor: str,
    reason: str,
    priority: Priority | None = None,
) -> None:
    if to not in _ALLOWED[conversation.status]:
        raise InvalidTransition(f"{conversation.status} -> {to}")
    _audit(session, conversation, to, actor, reason, priority)
    conversation.status = to
    log.info(
        "conversation owner changed",
        extra={"conversation_id": conversation.id, "status": to.value, "actor": actor},
    )


def _audit(
    session: Session,
    conversation: Conversation,
    to: ConversationStatus,
    actor: str,
    reason: str,
    priority: Priority | None,
) -> None:
    session.add(
        OwnershipChange(
            conversation_id=conversation.id,
            actor=actor,
            from_status=conversation.status,
            to_status=to,
            priority=int(priority) if priority is not None else None,
            reason=reason[:120],
        )
    )


def release(session: Session, conversation: Conversation, actor: str, reason: str) -> Case:
    """The officer lets go: the case goes back to the queue, unassigned, where it was."""
    case = open_case(session, conversation)
    if conversation.status != ConversationStatus.WITH_OFFICER or case is None:
        raise InvalidTransition(f"release from {conversation.status}")
    case.officer_id, case.status = None, CaseStatus.OPEN
    _move(session, conversation, ConversationStatus.QUEUED, actor, reason)
    return case


def transfer(
    session: Session,
    conversation: Conversation,
    actor: str,
    reason: str,
    *,
    officer_id: int | None = None,
    consulate_id: int | None = None,
) -> Case:
    """Hand the open case to a colleague (who then holds it) or to another consulate's queue
    (unassigned, waiting there); either way audited with the reason."""
    case = open_case(session, conversation)
    if case is None or (officer_id is None) == (consulate_id is None):
        raise InvalidTransition("transfer needs an open case and one destination")
    if officer_id is not None:
        case.officer_id, case.status = officer_id, CaseStatus.ASSIGNED
        to = ConversationStatus.WITH_OFFICER
    else:
        case.consulate_id, case.officer_id, case.status = consulate_id, None, CaseStatus.OPEN
        to = ConversationStatus.QUEUED
    if conversation.status == to:
        _audit(session, conversation, to, actor, f"transfer: {reason}", None)
    else:
        _move(session, conversation, to, actor, f"transfer: {reason}")
    return case
