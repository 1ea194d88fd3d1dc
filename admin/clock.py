"""The first-response clock: how long the person has been waiting for a human.

It runs from the person's first message no officer has answered yet: at first the case's
opening, until the first human reply; after that, from the first message the person wrote
since the last officer reply. While the last word is an officer's the case waits on the
person, and the clock stands still. Its colour compares the wait with the consulate's target:
green up to half of it, amber past half, red past the target.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.models import (
    FIRST_RESPONSE_TARGET_MINUTES,
    Author,
    Case,
    Consulate,
    Direction,
    Message,
    utcnow,
)


class Level(enum.StrEnum):
    """The clock's colour (a CSS class of the queue and the case page)."""

    OK = "ok"  # within half the target
    WARN = "warn"  # past half of it
    LATE = "late"  # past the target
    PAUSED = "paused"  # waiting on the person
    STOPPED = "stopped"  # the case is closed


@dataclass(frozen=True)
class Clock:
    waited: timedelta  # the running wait; zero while paused
    level: Level
    target: timedelta
    first_response: timedelta | None  # how long the first human reply took, once given

    @property
    def running(self) -> bool:
        return self.level not in (Level.PAUSED, Level.STOPPED)


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every stored moment is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def level_of(waited: timedelta, target: timedelta) -> Level:
    if waited > target:
        return Level.LATE
    if waited * 2 > target:
        return Level.WARN
    return Level.OK


def record_reply(case: Case, now: datetime | None = None) -> None:
    """An officer replied to the person: the first reply stops the first-response clock."""
    if case.first_response_at is None:
        case.first_response_at = now or utcnow()


def targets(session: Session, consulate_ids: Iterable[int | None]) -> dict[int | None, timedelta]:
    """Each consulate's target; the fallback queue (no consulate) keeps the default."""
    ids = {i for i in consulate_ids if i is not None}
    found: dict[int | None, timedelta] = {None: timedelta(minutes=FIRST_RESPONSE_TARGET_MINUTES)}
    if ids:
        rows = session.execute(
            select(Consulate.id, Consulate.first_response_target_minutes).where(
                Consulate.id.in_(ids)
            )
        )
        found.update({i: timedelta(minutes=minutes) for i, minutes in rows})
    return found


def clock_of(session: Session, case: Case, target: timedelta, now: datetime | None = None) -> Clock:
    """The case's clock now (two small queries: the last officer reply, the person's next)."""
    now = now or utcnow()
    opened = aware(case.opened_at)
    first = aware(case.first_response_at) - opened if case.first_response_at else None
    if case.closed_at is not None:  # a closed case waits on nobody
        return Clock(timedelta(0), Level.STOPPED, target, first)
    last_message = session.scalar(
        select(func.max(Message.created_at)).where(
            Message.conversation_id == case.conversation_id,
            Message.author == Author.OFFICER,
            Message.created_at >= case.opened_at,
        )
    )
    replies = [aware(m) for m in (last_message, case.first_response_at) if m is not None]
    last_reply = max(replies, default=None)
    if last_reply is None:
        since = opened
    else:
        unanswered = session.scalar(
            select(func.min(Message.created_at)).where(
                Message.conversation_id == case.conversation_id,
                Message.direction == Direction.INBOUND,
                Message.created_at > last_reply,
            )
        )
        if unanswered is None:
            return Clock(timedelta(0), Level.PAUSED, target, first)
        since = aware(unanswered)
    waited = max(aware(now) - since, timedelta(0))
    return Clock(waited, level_of(waited, target), target, first)


def clocks_of(
    session: Session, cases: Iterable[Case], now: datetime | None = None
) -> dict[int, Clock]:
    """The clocks of the queue's cases, by case id."""
    cases = list(cases)
    now = now or utcnow()
    by_consulate = targets(session, (c.consulate_id for c in cases))
    default = by_consulate[None]
    return {
        case.id: clock_of(session, case, by_consulate.get(case.consulate_id, default), now)
        for case in cases
    }
