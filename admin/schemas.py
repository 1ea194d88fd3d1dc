"""What the JSON API reads and writes: its request bodies and response models.

Responses carry ids, categories and what an officer reads on the case page; never a phone
number (the person is the case's conversation, as on the pages).
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field, model_validator

from admin import queue
from admin.cases import NOTE_MAX, REASON_MAX, REPLY_MAX
from channels import DeliveryStatus
from conversations import screening
from core.models import (
    Author,
    Case,
    CaseNote,
    CaseOutcome,
    CaseStatus,
    Channel,
    Consulate,
    Conversation,
    Direction,
    Officer,
)


def _aware(moment: datetime | None) -> datetime | None:
    """Every time in UTC with its offset (SQLite hands back naive UTC)."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class CaseState(BaseModel):
    """Where a case stands after an operation."""

    id: int
    status: CaseStatus
    consulate_id: int | None
    officer_id: int | None
    priority: int = Field(description="Higher first; 100 and above is urgent.")
    outcome: CaseOutcome | None
    opened_at: datetime
    closed_at: datetime | None

    @classmethod
    def of(cls, case: Case) -> CaseState:
        return cls(
            id=case.id,
            status=case.status,
            consulate_id=case.consulate_id,
            officer_id=case.officer_id,
            priority=case.priority,
            outcome=case.outcome,
            opened_at=_aware(case.opened_at) or case.opened_at,
            closed_at=_aware(case.closed_at),
        )


class QueueItem(BaseModel):
    """One row of the queue, as the queue page shows it."""

    case: CaseState
    urgent: bool
    channel: Channel
    topic: str | None = Field(description="Taxonomy id the bot last understood, or why.")
    language: str | None
    red_flags: list[str] = Field(description="Topics of the messages flagged urgent.")
    screening_flags: list[str] = Field(
        description="ILO forced-labour indicators the person's screening answers raise."
    )
    last_inbound_at: datetime | None = Field(description="The person's last message.")
    officer_name: str | None

    @classmethod
    def of(cls, row: queue.QueueRow) -> QueueItem:
        return cls(
            case=CaseState.of(row.case),
            urgent=row.urgent,
            channel=row.conversation.channel,
            topic=row.topic,
            language=row.language,
            red_flags=row.red_flags,
            screening_flags=row.screening_flags,
            last_inbound_at=_aware(row.last_inbound_at),
            officer_name=row.officer_name,
        )


class MessageOut(BaseModel):
    """A message of the conversation, with what the bot understood of the person's."""

    id: int
    direction: Direction
    author: Author
    text: str
    created_at: datetime
    language: str | None
    topic: str | None
    confidence: float | None
    urgent: bool
    escalated: bool
    article_id: str | None
    officer_name: str | None = Field(description="Who wrote an officer's reply.")
    delivery: DeliveryStatus | None = Field(description="Outbound only: the outbox's status.")

    @classmethod
    def of(cls, line: queue.ThreadLine) -> MessageOut:
        m = line.message
        return cls(
            id=m.id,
            direction=m.direction,
            author=m.author,
            text=m.body,
            created_at=_aware(m.created_at) or m.created_at,
            language=m.language,
            topic=m.topic,
            confidence=m.confidence,
            urgent=m.urgent,
            escalated=m.escalated,
            article_id=m.article_id,
            officer_name=line.officer_name,
            delivery=line.delivery,
        )


class NoteOut(BaseModel):
    """A private note: never sent to the person."""

    id: int
    body: str
    officer_name: str | None
    created_at: datetime

    @classmethod
    def of(cls, note: CaseNote, officer_name: str | None) -> NoteOut:
        created = _aware(note.created_at) or note.created_at
        return cls(id=note.id, body=note.body, officer_name=officer_name, created_at=created)


class Destination(BaseModel):
    id: int
    name: str


class ScreeningAnswer(BaseModel):
    """One answered question of the screening (conversations/screening.py)."""

    question: str = Field(description="documents, free_to_leave, debt, threats, pay, living…")
    answer: bool | None = Field(description="Yes, no, or null: the person did not know.")
    indicator: str = Field(description="The ILO forced-labour indicator the question is about.")
    flagged: bool = Field(description="The answer raises that indicator.")


class CaseDetail(BaseModel):
    """A case as its page shows it; reading it is audited."""

    case: CaseState
    channel: Channel
    language: str | None = Field(description="The person's language.")
    nationality: str | None = Field(description="ISO 3166-1 code, when the person said it.")
    location: str | None = Field(
        description="Where the person is: ISO 3166-2 subdivision, else ISO 3166-1 country."
    )
    screening: list[ScreeningAnswer] = Field(description="The screening's answers, in order.")
    screening_ended: str | None = Field(
        description="finished, stopped, declined, left, claimed; null while running or never"
        " offered."
    )
    opted_out: bool = Field(description="The person sent STOP: nothing can be sent.")
    whatsapp_window_seconds: int | None = Field(
        description="Seconds left of WhatsApp's 24-hour window; null on SMS."
    )
    messages: list[MessageOut]
    notes: list[NoteOut]
    colleagues: list[Destination] = Field(description="Officers it can be transferred to.")
    consulates: list[Destination] = Field(description="Consulates it can be transferred to.")

    @classmethod
    def build(
        cls,
        case: Case,
        conversation: Conversation,
        lines: list[queue.ThreadLine],
        notes: list[tuple[CaseNote, str | None]],
        colleagues: list[Officer],
        consulates: list[Consulate],
    ) -> CaseDetail:
        left = queue.whatsapp_time_left(conversation)
        return cls(
            case=CaseState.of(case),
            channel=conversation.channel,
            language=conversation.person.language,
            nationality=conversation.person.country_origin,
            location=conversation.person.region_destination
            or conversation.person.country_destination,
            screening=[
                ScreeningAnswer(
                    question=line.key,
                    answer=line.answer,
                    indicator=line.indicator,
                    flagged=line.flagged,
                )
                for line in screening.summary(case)
            ],
            screening_ended=screening.ended(case),
            opted_out=conversation.person.opted_out,
            whatsapp_window_seconds=int(left.total_seconds()) if left is not None else None,
            messages=[MessageOut.of(line) for line in lines],
            notes=[NoteOut.of(note, name) for note, name in notes],
            colleagues=[Destination(id=o.id, name=o.display_name) for o in colleagues],
            consulates=[Destination(id=c.id, name=c.name) for c in consulates],
        )


class ReplyIn(BaseModel):
    text: str = Field(min_length=1, max_length=REPLY_MAX)


class ReplyOut(BaseModel):
    case: CaseState
    message_ids: list[int] = Field(description="The queued messages (a long reply is split).")
    outcome: str = Field(
        description="sent; held (past WhatsApp's 24-hour window: sent when the person writes,"
        " and they were asked to); held_unasked (held, but no approved template to ask with)"
    )


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=NOTE_MAX)


class CloseIn(BaseModel):
    outcome: CaseOutcome


class TransferIn(BaseModel):
    """To a colleague of the case's consulate or to another consulate: exactly one of them."""

    reason: str = Field(min_length=1, max_length=REASON_MAX)
    to_officer_id: int | None = None
    to_consulate_id: int | None = None

    @model_validator(mode="after")
    def _one_destination(self) -> TransferIn:
        if (self.to_officer_id is None) == (self.to_consulate_id is None):
            raise ValueError("give exactly one of to_officer_id and to_consulate_id")
        return self


class Refusal(BaseModel):
    detail: str = Field(
        description="Why: not_yours (held by someone else, or the case's state does not "
        "allow it), cap (you hold as many cases as allowed), window (WhatsApp's 24 hours "
        "are over), opted_out (the person sent STOP), empty (nothing valid to do)."
    )
