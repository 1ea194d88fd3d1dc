"""What an officer can do to a case: the one body of each operation, for the pages and the API.

Each function takes a case the caller already got through the scope rule (`ScopedCaseDep`
or `ApiCaseDep`), changes it through the owner state machine (`conversations.ownership`)
or the single send policy (`channels.send_officer_reply`), audits it, and leaves the commit
to the caller (the request handler owns the unit of work). An operation the case's state or
the officer's role does not allow raises `Refused`, whose `reason` is one of `REASONS`: the
pages turn it into a notice on the case page, the API into an HTTP status.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from admin import audit, clock, queue, replies
from admin.audit import Action
from admin.contact import may_write_first
from channels import PersonOptedOut
from conversations import ownership
from core.models import (
    Case,
    CaseNote,
    CaseOutcome,
    CaseStatus,
    Conversation,
    Message,
    Officer,
    OfficerRole,
)
from core.settings import Settings

NOTE_MAX: Final = 4000
REPLY_MAX: Final = 1600
REASON_MAX: Final = 100
# Why an operation was refused: "gone" (the conversation was erased), "empty" (nothing to
# do: no text, no outcome, no valid destination), "not_yours" (held by someone else, or
# the case's state does not allow it), "cap" (the officer holds as many cases as allowed),
# "window" (WhatsApp's 24 hours are over), "opted_out" (the person sent STOP),
# "safe_contact" (the person did not allow being written to now: admin/contact.py),
# "still_open" (reopening a case that is not closed), "newer" (reopening a case the person
# has opened a later one than: that one is the case to work on).
REASONS: Final = frozenset(
    {
        "gone",
        "empty",
        "not_yours",
        "cap",
        "window",
        "opted_out",
        "safe_contact",
        "still_open",
        "newer",
    }
)


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        assert reason in REASONS
        super().__init__(reason)
        self.reason = reason


def conversation_of(session: Session, case: Case) -> Conversation:
    conversation = session.get(Conversation, case.conversation_id)
    if conversation is None:  # erased between two requests
        raise Refused("gone")
    return conversation


def holds(officer: Officer, case: Case) -> bool:
    return case.officer_id == officer.id


def _held_by_another(officer: Officer, case: Case) -> bool:
    """Held by a colleague: an officer may not act on it; supervisors and admins may."""
    held_by_other = case.officer_id is not None and not holds(officer, case)
    return held_by_other and officer.role == OfficerRole.OFFICER


def view(session: Session, officer: Officer, case: Case) -> Conversation:
    """The case's conversation, its reading audited."""
    conversation = conversation_of(session, case)
    audit.record(session, officer, Action.VIEW, case)
    return conversation


def claim(session: Session, settings: Settings, officer: Officer, case: Case) -> None:
    if queue.held_count(session, officer) >= settings.officer_case_cap:
        raise Refused("cap")
    conversation = conversation_of(session, case)
    try:
        ownership.assign(session, conversation, officer.id, "claimed in the queue")
    except ownership.InvalidTransition:
        raise Refused("not_yours") from None
    audit.record(session, officer, Action.CLAIM, case)


def release(session: Session, officer: Officer, case: Case) -> None:
    if not (holds(officer, case) or officer.role != OfficerRole.OFFICER):
        raise Refused("not_yours")
    conversation = conversation_of(session, case)
    try:
        ownership.release(session, conversation, ownership.officer_actor(officer.id), "released")
    except ownership.InvalidTransition:
        raise Refused("not_yours") from None
    audit.record(session, officer, Action.RELEASE, case)


def reply(
    session: Session, settings: Settings, officer: Officer, case: Case, text: str
) -> tuple[replies.Outcome, list[Message]]:
    """Through the person's channel and the send policy, or held past WhatsApp's window
    (admin/replies.py); only the officer holding the case."""
    text = text.strip()[:REPLY_MAX]
    if not text:
        raise Refused("empty")
    if not holds(officer, case) or case.status == CaseStatus.CLOSED:
        raise Refused("not_yours")
    if not may_write_first(case):  # the person's safe-contact answer
        raise Refused("safe_contact")
    conversation = conversation_of(session, case)
    try:
        outcome, sent = replies.send_reply(session, conversation, text, officer.id, settings)
    except PersonOptedOut:
        raise Refused("opted_out") from None
    if outcome == replies.Outcome.SENT:
        clock.record_reply(case)
    held = outcome != replies.Outcome.SENT
    audit.record(session, officer, Action.REPLY, case, message_ids=[m.id for m in sent], held=held)
    return outcome, sent


def add_note(session: Session, officer: Officer, case: Case, body: str) -> CaseNote:
    body = body.strip()[:NOTE_MAX]
    if not body:
        raise Refused("empty")
    note = CaseNote(case_id=case.id, officer_id=officer.id, body=body)
    session.add(note)
    session.flush()
    audit.record(session, officer, Action.NOTE, case, note_id=note.id)
    return note


def close(session: Session, officer: Officer, case: Case, outcome: str) -> CaseOutcome:
    """Close with an outcome; the conversation goes back to the bot, which answers again."""
    try:
        chosen = CaseOutcome(outcome)
    except ValueError:
        raise Refused("empty") from None
    if case.status == CaseStatus.CLOSED or _held_by_another(officer, case):
        raise Refused("not_yours")
    conversation = conversation_of(session, case)
    case.outcome = chosen
    ownership.hand_back_to_bot(
        session, conversation, ownership.officer_actor(officer.id), f"closed: {chosen}"
    )
    audit.record(session, officer, Action.CLOSE, case, outcome=chosen.value)
    return chosen


def reopen(session: Session, officer: Officer, case: Case) -> None:
    """A closed case back in its consulate's queue, unassigned (the person wrote again about
    it, or it was closed too soon); any officer who may see the case may do it."""
    if case.status != CaseStatus.CLOSED:
        raise Refused("still_open")
    conversation = conversation_of(session, case)
    closed_with = case.outcome.value if case.outcome else None
    try:
        ownership.reopen_case(
            session, conversation, case, ownership.officer_actor(officer.id), "reopened"
        )
    except ownership.NotLatestCase:
        raise Refused("newer") from None
    except ownership.InvalidTransition:
        raise Refused("still_open") from None
    audit.record(session, officer, Action.REOPEN, case, closed_with=closed_with)


def transfer(
    session: Session,
    officer: Officer,
    case: Case,
    reason: str,
    *,
    to_officer: int | None = None,
    to_consulate: int | None = None,
) -> None:
    """To a colleague of the case's consulate, or to another consulate's queue, with a reason."""
    reason = reason.strip()[:REASON_MAX]
    if not reason or (to_officer is None) == (to_consulate is None):
        raise Refused("empty")
    if case.status == CaseStatus.CLOSED:
        raise Refused("empty")
    if _held_by_another(officer, case):
        raise Refused("not_yours")
    destination: dict[str, int]
    if to_officer is not None and to_officer in {
        o.id for o in queue.colleagues(session, case, officer)
    }:
        destination = {"officer_id": to_officer}
    elif to_consulate is not None and to_consulate in {
        c.id for c in queue.other_consulates(session, case)
    }:
        destination = {"consulate_id": to_consulate}
    else:
        raise Refused("empty")
    conversation = conversation_of(session, case)
    actor = ownership.officer_actor(officer.id)
    ownership.transfer(session, conversation, actor, reason, **destination)
    audit.record(session, officer, Action.TRANSFER, case, reason=reason, **destination)
