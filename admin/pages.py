"""The queue and a case: the pages officers work in all day.

Every case route takes its case through `ScopedCaseDep` (another consulate's case is 404)
and every change goes through the owner state machine (`conversations.ownership`) and the
single send policy (`channels.send_officer_reply`), and is audited.
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin import audit, queue
from admin.audit import Action
from admin.auth import FormDep, ScopedCaseDep, SignedIn, SignedInDep
from admin.contact import may_write_first
from admin.i18n import duration, render
from channels import OutsideWhatsAppWindow, PersonOptedOut, send_officer_reply
from conversations import ownership
from core.deps import SessionDep, SettingsDep
from core.models import (
    Case,
    CaseNote,
    CaseOutcome,
    CaseStatus,
    Channel,
    Conversation,
    OfficerRole,
)

router = APIRouter(prefix="/admin", include_in_schema=False)

NOTE_MAX: Final = 4000
REPLY_MAX: Final = 1600
# Notices a redirect carries to the case page (`?notice=`): keys, never free text.
NOTICES: Final = {
    "sent",
    "window",
    "opted_out",
    "empty",
    "not_yours",
    "noted",
    "claimed",
    "transferred",
    "cap",
    "safe_contact",
}


def _filter(urgent: bool, unassigned: bool, mine: bool, channel: str) -> queue.QueueFilter:
    known = {c.value: c for c in Channel}
    return queue.QueueFilter(urgent, unassigned, mine, known.get(channel))


def _queue(
    request: Request, template: str, signed: SignedIn, session: SessionDep, only: queue.QueueFilter
) -> HTMLResponse:
    rows = queue.open_cases(session, signed.officer, only)
    return render(request, template, signed.officer.locale, signed=signed, rows=rows, only=only)


@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    signed: SignedInDep,
    session: SessionDep,
    urgent: bool = False,
    unassigned: bool = False,
    mine: bool = False,
    channel: str = "",
) -> HTMLResponse:
    only = _filter(urgent, unassigned, mine, channel)
    return _queue(request, "queue.html", signed, session, only)


@router.get("/queue/rows", response_class=HTMLResponse)
def queue_rows(
    request: Request,
    signed: SignedInDep,
    session: SessionDep,
    urgent: bool = False,
    unassigned: bool = False,
    mine: bool = False,
    channel: str = "",
) -> HTMLResponse:
    """The queue's rows alone: the page fetches them every few seconds (no reload)."""
    only = _filter(urgent, unassigned, mine, channel)
    return _queue(request, "_queue_rows.html", signed, session, only)


def _conversation(session: SessionDep, case: Case) -> Conversation:
    conversation = session.get(Conversation, case.conversation_id)
    if conversation is None:  # erased between two requests
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return conversation


def _holds(signed: SignedIn, case: Case) -> bool:
    return case.officer_id == signed.officer.id


def _back(case: Case, notice: str | None = None) -> RedirectResponse:
    suffix = f"?notice={notice}" if notice in NOTICES else ""
    return RedirectResponse(f"/admin/cases/{case.id}{suffix}", status_code=303)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case: ScopedCaseDep,
    signed: SignedInDep,
    session: SessionDep,
    notice: str | None = None,
) -> HTMLResponse:
    conversation = _conversation(session, case)
    audit.record(session, signed.officer, Action.VIEW, case)
    session.commit()
    locale = signed.officer.locale
    left = queue.whatsapp_time_left(conversation)
    return render(
        request,
        "case.html",
        locale,
        signed=signed,
        case=case,
        conversation=conversation,
        lines=queue.thread(session, conversation),
        notes=queue.notes(session, case),
        holds=_holds(signed, case),
        is_open=case.status != CaseStatus.CLOSED,
        window_left=duration(left, locale) if left else None,
        window_closed=left is not None and not left,
        outcomes=list(CaseOutcome),
        colleagues=queue.colleagues(session, case, signed.officer),
        consulates=queue.other_consulates(session, case),
        notice=notice if notice in NOTICES else None,
        contact=may_write_first(case),
    )


@router.get("/cases/{case_id}/thread", response_class=HTMLResponse)
def case_thread(
    request: Request, case: ScopedCaseDep, signed: SignedInDep, session: SessionDep
) -> HTMLResponse:
    """The conversation alone, fetched every few seconds for new messages and delivery."""
    conversation = _conversation(session, case)
    return render(
        request,
        "_thread.html",
        signed.officer.locale,
        lines=queue.thread(session, conversation),
    )


@router.post("/cases/{case_id}/claim")
def claim(
    case: ScopedCaseDep,
    signed: SignedInDep,
    session: SessionDep,
    settings: SettingsDep,
    _: FormDep,
) -> Response:
    if queue.held_count(session, signed.officer) >= settings.officer_case_cap:
        return _back(case, "cap")
    conversation = _conversation(session, case)
    try:
        ownership.assign(session, conversation, signed.officer.id, "claimed in the queue")
    except ownership.InvalidTransition:
        return _back(case, "not_yours")
    audit.record(session, signed.officer, Action.CLAIM, case)
    session.commit()
    return _back(case, "claimed")


@router.post("/cases/{case_id}/release")
def release(case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, _: FormDep) -> Response:
    if not (_holds(signed, case) or signed.officer.role != OfficerRole.OFFICER):
        return _back(case, "not_yours")
    conversation = _conversation(session, case)
    try:
        ownership.release(
            session, conversation, ownership.officer_actor(signed.officer.id), "released"
        )
    except ownership.InvalidTransition:
        return _back(case, "not_yours")
    audit.record(session, signed.officer, Action.RELEASE, case)
    session.commit()
    return RedirectResponse("/admin", status_code=303)


@router.post("/cases/{case_id}/reply")
def reply(
    case: ScopedCaseDep,
    signed: SignedInDep,
    session: SessionDep,
    settings: SettingsDep,
    form: FormDep,
) -> Response:
    text = str(form.get("text", "")).strip()[:REPLY_MAX]
    if not text:
        return _back(case, "empty")
    if not _holds(signed, case) or case.status == CaseStatus.CLOSED:
        return _back(case, "not_yours")
    if not may_write_first(case):  # the person's safe-contact answer (admin/contact.py)
        return _back(case, "safe_contact")
    conversation = _conversation(session, case)
    try:
        sent = send_officer_reply(session, conversation, text, signed.officer.id, settings=settings)
    except OutsideWhatsAppWindow:
        return _back(case, "window")
    except PersonOptedOut:
        return _back(case, "opted_out")
    audit.record(session, signed.officer, Action.REPLY, case, message_ids=[m.id for m in sent])
    session.commit()
    return _back(case, "sent")


@router.post("/cases/{case_id}/notes")
def add_note(
    case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    body = str(form.get("body", "")).strip()[:NOTE_MAX]
    if not body:
        return _back(case, "empty")
    note = CaseNote(case_id=case.id, officer_id=signed.officer.id, body=body)
    session.add(note)
    session.flush()
    audit.record(session, signed.officer, Action.NOTE, case, note_id=note.id)
    session.commit()
    return _back(case, "noted")


@router.post("/cases/{case_id}/close")
def close(case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep) -> Response:
    """Close with an outcome; the conversation goes back to the bot, which answers again."""
    try:
        outcome = CaseOutcome(str(form.get("outcome", "")))
    except ValueError:
        return _back(case, "empty")
    held_by_other = case.officer_id is not None and not _holds(signed, case)
    if case.status == CaseStatus.CLOSED or (
        held_by_other and signed.officer.role == OfficerRole.OFFICER
    ):
        return _back(case, "not_yours")
    conversation = _conversation(session, case)
    case.outcome = outcome
    ownership.hand_back_to_bot(
        session, conversation, ownership.officer_actor(signed.officer.id), f"closed: {outcome}"
    )
    audit.record(session, signed.officer, Action.CLOSE, case, outcome=outcome.value)
    session.commit()
    return RedirectResponse("/admin", status_code=303)


@router.post("/cases/{case_id}/transfer")
def transfer(
    case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    """To a colleague of the case's consulate, or to another consulate's queue, with a reason."""
    reason = str(form.get("reason", "")).strip()[:100]
    kind, _, raw_id = str(form.get("to", "")).partition(":")
    if not reason or not raw_id.isdigit() or case.status == CaseStatus.CLOSED:
        return _back(case, "empty")
    held_by_other = case.officer_id is not None and not _holds(signed, case)
    if held_by_other and signed.officer.role == OfficerRole.OFFICER:
        return _back(case, "not_yours")
    target = int(raw_id)
    if kind == "officer" and target in {
        o.id for o in queue.colleagues(session, case, signed.officer)
    }:
        destination = {"officer_id": target}
    elif kind == "consulate" and target in {c.id for c in queue.other_consulates(session, case)}:
        destination = {"consulate_id": target}
    else:
        return _back(case, "empty")
    conversation = _conversation(session, case)
    actor = ownership.officer_actor(signed.officer.id)
    ownership.transfer(session, conversation, actor, reason, **destination)
    audit.record(session, signed.officer, Action.TRANSFER, case, reason=reason, **destination)
    session.commit()
    return RedirectResponse("/admin", status_code=303)
