"""The queue and a case: the pages officers work in all day.

Every case route takes its case through `ScopedCaseDep` (another consulate's case is 404);
every change is an operation of `admin.cases` (the API calls the same ones), which goes
through the owner state machine and the single send policy, and is audited.
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin import cases, clock, queue
from admin.auth import FormDep, ScopedCaseDep, SignedIn, SignedInDep
from admin.canned import canned_buttons, person_language
from admin.contact import ANSWERING_WINDOW, may_write_first
from admin.dates import duration, span
from admin.i18n import render
from conversations import screening
from core.deps import SessionDep, SettingsDep
from core.models import Case, CaseOutcome, CaseStatus, Channel, Conversation

router = APIRouter(prefix="/admin", include_in_schema=False)

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
    "held",
    "held_unasked",
    "redacted",
    "safe_contact",
    "reopened",
    "still_open",
    "newer",
}


def _filter(urgent: bool, unassigned: bool, mine: bool, channel: str) -> queue.QueueFilter:
    known = {c.value: c for c in Channel}
    return queue.QueueFilter(urgent, unassigned, mine, known.get(channel))


def _queue(
    request: Request, template: str, signed: SignedIn, session: SessionDep, only: queue.QueueFilter
) -> HTMLResponse:
    rows = queue.open_cases(session, signed.officer, only)
    clocks = clock.clocks_of(session, [row.case for row in rows])
    return render(
        request, template, signed.officer.locale, signed=signed, rows=rows, only=only, clocks=clocks
    )


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
    rows = queue.open_cases(session, signed.officer, only)
    return render(
        request,
        "queue.html",
        signed.officer.locale,
        signed=signed,
        rows=rows,
        only=only,
        clocks=clock.clocks_of(session, [row.case for row in rows]),
        written_again=queue.written_again(session, signed.officer),
    )


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


def _back(case: Case, notice: str | None = None) -> RedirectResponse:
    suffix = f"?notice={notice}" if notice in NOTICES else ""
    return RedirectResponse(f"/admin/cases/{case.id}{suffix}", status_code=303)


def _refused(case: Case, refused: cases.Refused) -> RedirectResponse:
    """Back to the case page with why; a case whose conversation was erased is 404."""
    if refused.reason == "gone":
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return _back(case, refused.reason)


def _conversation(session: SessionDep, case: Case) -> Conversation:
    try:
        return cases.conversation_of(session, case)
    except cases.Refused as refused:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from refused


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case: ScopedCaseDep,
    signed: SignedInDep,
    session: SessionDep,
    notice: str | None = None,
) -> HTMLResponse:
    try:
        conversation = cases.view(session, signed.officer, case)
    except cases.Refused as refused:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from refused
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
        holds=cases.holds(signed.officer, case),
        is_open=case.status != CaseStatus.CLOSED,
        window_left=duration(left, locale) if left else None,
        window_closed=left is not None and not left,
        outcomes=list(CaseOutcome),
        colleagues=queue.colleagues(session, case, signed.officer),
        consulates=queue.other_consulates(session, case),
        notice=notice if notice in NOTICES else None,
        contact=may_write_first(case),
        clock=clock.clocks_of(session, [case])[case.id],
        canned=canned_buttons(locale, conversation),
        person_language=person_language(conversation),
        answering_window=span(ANSWERING_WINDOW, locale),
        written_since=queue.written_since_closed(session, case),
        later_case=queue.later_case(session, case),
        screening=screening.summary(case),
        screening_ended=screening.ended(case),
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
        case=case,
        signed=signed,
    )


@router.post("/cases/{case_id}/claim")
def claim(
    case: ScopedCaseDep,
    signed: SignedInDep,
    session: SessionDep,
    settings: SettingsDep,
    _: FormDep,
) -> Response:
    try:
        cases.claim(session, settings, signed.officer, case)
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return _back(case, "claimed")


@router.post("/cases/{case_id}/release")
def release(case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, _: FormDep) -> Response:
    try:
        cases.release(session, signed.officer, case)
    except cases.Refused as refused:
        return _refused(case, refused)
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
    text = str(form.get("text", ""))
    try:
        outcome, _ = cases.reply(session, settings, signed.officer, case, text)
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return _back(case, outcome.value)


@router.post("/cases/{case_id}/notes")
def add_note(
    case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    try:
        cases.add_note(session, signed.officer, case, str(form.get("body", "")))
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return _back(case, "noted")


@router.post("/cases/{case_id}/close")
def close(case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep) -> Response:
    """Close with an outcome; the conversation goes back to the bot, which answers again."""
    try:
        cases.close(session, signed.officer, case, str(form.get("outcome", "")))
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return RedirectResponse("/admin", status_code=303)


@router.post("/cases/{case_id}/reopen")
def reopen(case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, _: FormDep) -> Response:
    """A closed case back in the queue, unassigned; the page says so."""
    try:
        cases.reopen(session, signed.officer, case)
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return _back(case, "reopened")


@router.post("/cases/{case_id}/transfer")
def transfer(
    case: ScopedCaseDep, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    """To a colleague ("officer:<id>") or another consulate ("consulate:<id>"), with a reason."""
    kind, _, raw_id = str(form.get("to", "")).partition(":")
    target = int(raw_id) if raw_id.isdigit() else None
    try:
        cases.transfer(
            session,
            signed.officer,
            case,
            str(form.get("reason", "")),
            to_officer=target if kind == "officer" else None,
            to_consulate=target if kind == "consulate" else None,
        )
    except cases.Refused as refused:
        return _refused(case, refused)
    session.commit()
    return RedirectResponse("/admin", status_code=303)
