"""The JSON API: the queue and a case's operations, for officers' own tools and scripts.

The same operations as the pages (`admin.cases`), the same scope rule (`ApiCaseDep`: another
consulate's case is 404), the same audit. The caller is the officer behind a personal token
(`Authorization: Bearer …`, made on the profile page); a session cookie opens nothing here.
Documented by FastAPI's OpenAPI (`/docs` outside production).
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, HTTPException, Query, status

from admin import cases, queue
from admin.auth import ApiCaseDep, ApiOfficerDep
from admin.schemas import (
    CaseDetail,
    CaseState,
    CloseIn,
    NoteIn,
    NoteOut,
    QueueItem,
    Refusal,
    ReplyIn,
    ReplyOut,
    TransferIn,
)
from core.deps import SessionDep, SettingsDep
from core.models import Channel

PREFIX: Final = "/admin/api/v1"
_REFUSED: Final[dict[int | str, dict[str, Any]]] = {
    status.HTTP_409_CONFLICT: {"model": Refusal, "description": "The case's state refuses it."},
    status.HTTP_422_UNPROCESSABLE_CONTENT: {"description": "Nothing valid to do."},
}
_STATUS: Final = {
    "gone": status.HTTP_404_NOT_FOUND,
    "empty": status.HTTP_422_UNPROCESSABLE_CONTENT,
}

router = APIRouter(
    prefix=PREFIX,
    tags=["consular queue"],
    responses={
        status.HTTP_401_UNAUTHORIZED: {"description": "No valid API token."},
        status.HTTP_404_NOT_FOUND: {"description": "No such case within your consulate."},
    },
)


def _refused(refused: cases.Refused) -> HTTPException:
    return HTTPException(_STATUS.get(refused.reason, status.HTTP_409_CONFLICT), refused.reason)


@router.get("/cases", summary="List the queue")
def list_queue(
    officer: ApiOfficerDep,
    session: SessionDep,
    urgent: Annotated[bool, Query(description="Urgent cases only.")] = False,
    unassigned: Annotated[bool, Query(description="Cases nobody holds.")] = False,
    mine: Annotated[bool, Query(description="Cases you hold.")] = False,
    channel: Annotated[Channel | None, Query(description="One channel only.")] = None,
) -> list[QueueItem]:
    """Open cases of your consulate (every consulate's for an admin): urgent first, then
    whoever has waited longest — the queue page's filters and order."""
    only = queue.QueueFilter(urgent, unassigned, mine, channel)
    return [QueueItem.of(row) for row in queue.open_cases(session, officer, only)]


@router.get("/cases/{case_id}", summary="Read a case")
def read_case(case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep) -> CaseDetail:
    """The whole conversation with what the bot understood of each message (language, topic,
    confidence, urgent) and each reply's delivery status; private notes; where it can be
    transferred. Audited as a view."""
    try:
        conversation = cases.view(session, officer, case)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseDetail.build(
        case,
        conversation,
        queue.thread(session, conversation),
        queue.notes(session, case),
        queue.colleagues(session, case, officer),
        queue.other_consulates(session, case),
    )


@router.post("/cases/{case_id}/claim", summary="Claim a case", responses=_REFUSED)
def claim(
    case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep, settings: SettingsDep
) -> CaseState:
    """Take the case: its person's messages come to you and the bot stays quiet. Refused
    (409 `cap`) when you hold as many open cases as allowed."""
    try:
        cases.claim(session, settings, officer, case)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseState.of(case)


@router.post("/cases/{case_id}/release", summary="Release a case", responses=_REFUSED)
def release(case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep) -> CaseState:
    """Put the case back in the queue, unassigned (supervisors and admins may release a
    colleague's)."""
    try:
        cases.release(session, officer, case)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseState.of(case)


@router.post("/cases/{case_id}/reply", summary="Reply to the person", responses=_REFUSED)
def reply(
    case: ApiCaseDep,
    officer: ApiOfficerDep,
    session: SessionDep,
    settings: SettingsDep,
    body: ReplyIn,
) -> ReplyOut:
    """Queue a reply through the person's channel and the send policy (consent, WhatsApp's
    window); only the officer holding the case. Read the case for its delivery status."""
    try:
        outcome, sent = cases.reply(session, settings, officer, case, body.text)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return ReplyOut(
        case=CaseState.of(case), message_ids=[m.id for m in sent], outcome=outcome.value
    )


@router.post(
    "/cases/{case_id}/notes",
    summary="Add a private note",
    status_code=status.HTTP_201_CREATED,
    responses=_REFUSED,
)
def add_note(
    case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep, body: NoteIn
) -> NoteOut:
    """A note for colleagues; never sent to the person."""
    try:
        note = cases.add_note(session, officer, case, body.body)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return NoteOut.of(note, officer.display_name)


@router.post("/cases/{case_id}/transfer", summary="Transfer a case", responses=_REFUSED)
def transfer(
    case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep, body: TransferIn
) -> CaseState:
    """To a colleague of the case's consulate (who then holds it) or to another consulate's
    queue, with a reason; the case detail lists both."""
    try:
        cases.transfer(
            session,
            officer,
            case,
            body.reason,
            to_officer=body.to_officer_id,
            to_consulate=body.to_consulate_id,
        )
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseState.of(case)


@router.post("/cases/{case_id}/close", summary="Close a case", responses=_REFUSED)
def close(
    case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep, body: CloseIn
) -> CaseState:
    """Close with an outcome; the person is handed back to the bot, which answers again."""
    try:
        cases.close(session, officer, case, body.outcome.value)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseState.of(case)


@router.post("/cases/{case_id}/reopen", summary="Reopen a closed case", responses=_REFUSED)
def reopen(case: ApiCaseDep, officer: ApiOfficerDep, session: SessionDep) -> CaseState:
    """Put a closed case back in its consulate's queue, unassigned, at its old priority and
    with no outcome (the audit keeps the one it was closed with): the person wrote again
    about it. Refused with 409 `still_open` for a case that is not closed, and 409 `newer`
    when the person has a later case, which is then the one to work on."""
    try:
        cases.reopen(session, officer, case)
    except cases.Refused as refused:
        raise _refused(refused) from refused
    session.commit()
    return CaseState.of(case)
