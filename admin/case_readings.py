"""What a case was about, read from the person's messages of that case: the topic the
assistant understood and the danger signals of the messages it found urgent. Only readings
(topic ids, signal names) are taken from the messages, never their text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from admin.clock import aware
from core.models import Case, Direction, Message
from knowledge import topic_label

UNKNOWN: Final = "unknown"  # nothing the assistant understood is a taxonomy topic
HANDOVER_TOPIC: Final = "human_agent"  # says only that the person asked for a human
_CHUNK: Final = 500


def is_topic(value: str | None) -> bool:
    if not value:
        return False
    try:
        topic_label(value, "en")
    except KeyError:
        return False
    return True


@dataclass(frozen=True)
class Reading:
    """What the person's message was read as: never its text."""

    at: datetime
    topic: str | None
    urgent: bool
    evidence: dict[str, Any] | None


def readings_of(session: Session, cases: Sequence[Case]) -> dict[int, list[Reading]]:
    """The readings of each case's own messages: those after the conversation's previous case
    closed, up to this one's close (the message that opened a case comes just before it)."""
    conversation_ids = sorted({c.conversation_id for c in cases})
    closes: dict[int, list[datetime]] = {}
    messages: dict[int, list[Reading]] = {}
    for chunk in _chunks(conversation_ids):
        for conversation_id, closed_at in session.execute(
            select(Case.conversation_id, Case.closed_at).where(
                Case.conversation_id.in_(chunk), Case.closed_at.is_not(None)
            )
        ):
            if closed_at is not None:
                closes.setdefault(conversation_id, []).append(aware(closed_at))
        for conversation_id, at, topic, urgent, evidence in session.execute(
            select(
                Message.conversation_id,
                Message.created_at,
                Message.topic,
                Message.urgent,
                Message.urgency_evidence,
            )
            .where(
                Message.conversation_id.in_(chunk),
                Message.direction == Direction.INBOUND,
                Message.topic.is_not(None) | Message.urgent.is_(True),
            )
            .order_by(Message.id)
        ):
            messages.setdefault(conversation_id, []).append(
                Reading(aware(at), topic, bool(urgent), evidence)
            )
    result = {}
    for case in cases:
        opened = aware(case.opened_at)
        after = max((c for c in closes.get(case.conversation_id, []) if c <= opened), default=None)
        until = aware(case.closed_at) if case.closed_at else None
        result[case.id] = [
            r
            for r in messages.get(case.conversation_id, [])
            if (after is None or r.at > after) and (until is None or r.at <= until)
        ]
    return result


def topic_of(case: Case, readings: Sequence[Reading]) -> str:
    """The last taxonomy topic the person's messages were read as; a plain request for a
    human only when nothing else was understood; else why the case was opened, if a topic."""
    topics = [r.topic for r in readings if is_topic(r.topic)]
    substantive = [t for t in topics if t != HANDOVER_TOPIC]
    if substantive:
        return str(substantive[-1])
    if is_topic(case.reason) and case.reason != HANDOVER_TOPIC:
        return case.reason
    return HANDOVER_TOPIC if topics or case.reason == HANDOVER_TOPIC else UNKNOWN


def red_flags_of(readings: Sequence[Reading]) -> tuple[str, ...]:
    names: dict[str, None] = {}
    for reading in readings:
        if reading.urgent:
            names.update(dict.fromkeys(_signals(reading.evidence)))
    return tuple(sorted(names))


def _signals(evidence: object) -> Iterator[str]:
    """Signal names in an urgency evidence, a combined one's earlier checks ("then") too."""
    if not isinstance(evidence, dict):
        return
    for name in evidence.get("signals") or []:
        if isinstance(name, str):
            yield name
    yield from _signals(evidence.get("then"))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]
