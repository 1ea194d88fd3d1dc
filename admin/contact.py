"""May an officer write to the person now? The one guard every way of sending asks (the case
page's reply box and, later, the JSON API), from the person's safe-contact answer
(`Case.safe_contact`, asked at the hand-over: conversations/handover.py).

* **anytime**: yes, first or answering.
* **when_person_writes**: only answering, never first: the person's latest message is newer
  than the last message an officer sent them, and at most `ANSWERING_WINDOW` old. Thirty
  minutes: the time the assistant itself waits for an answer (conversations/awaiting.py);
  someone who wrote a moment ago still holds the phone, someone who wrote an hour ago may not.
  One reply per message of theirs: a second one would be writing first again.
* **unknown** (the person has not answered the question): the same as when_person_writes;
  nobody writes first without the person's say.
* **never**: nothing at all; the case page says the person will call.

The assistant's own replies do not count as "sent to them": each answers the message just
before it, so it never makes an officer's answer a first message.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from core.models import Author, Case, Direction, Message, SafeContact

ANSWERING_WINDOW: Final = timedelta(minutes=30)


class Why(enum.StrEnum):
    """Why the officer may or may not write (keys the case page explains)."""

    ANYTIME = "anytime"  # the person said anyone may write at any time
    ANSWERING = "answering"  # the person just wrote: an answer is not a first message
    NEVER = "never"  # the person will call; nothing may be sent
    ONLY_ANSWERS = "only_answers"  # only when the person writes, and they have not just now
    NOT_ANSWERED = "not_answered"  # the question is unanswered and the person has not just now


@dataclass(frozen=True)
class Permission:
    allowed: bool
    why: Why
    until: datetime | None = None  # while answering: when the answering window closes

    def __bool__(self) -> bool:
        return self.allowed


def may_write_first(case: Case, now: datetime | None = None) -> Permission:
    """Whether an officer may send to the person of `case` now (see the module's rules)."""
    if case.safe_contact == SafeContact.NEVER:
        return Permission(False, Why.NEVER)
    if case.safe_contact == SafeContact.ANYTIME:
        return Permission(True, Why.ANYTIME)
    refused = Why.NOT_ANSWERED if case.safe_contact == SafeContact.UNKNOWN else Why.ONLY_ANSWERS
    session = object_session(case)
    if session is None:
        raise ValueError("may_write_first needs a case loaded in a session")
    latest = _latest_from_person(session, case.conversation_id)
    if latest is None or latest.id < _last_officer_message_id(session, case.conversation_id):
        return Permission(False, refused)
    until = _aware(latest.created_at) + ANSWERING_WINDOW
    if (now or datetime.now(UTC)) > until:
        return Permission(False, refused)
    return Permission(True, Why.ANSWERING, until)


def _latest_from_person(session: Session, conversation_id: int) -> Message | None:
    return session.scalar(
        select(Message)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.INBOUND)
        .order_by(Message.id.desc())
        .limit(1)
    )


def _last_officer_message_id(session: Session, conversation_id: int) -> int:
    found = session.scalar(
        select(func.max(Message.id)).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTBOUND,
            Message.author == Author.OFFICER,
        )
    )
    return int(found or 0)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
