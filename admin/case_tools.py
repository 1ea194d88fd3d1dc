"""The case page's tools beside the reply box: SMS segments counted as the officer types
(with the accent-free rendering one click away) and the redaction of a message.

Both take the case through `ScopedCaseDep` (another consulate's case is 404) and a POST
whose CSRF token matched (`FormDep`, the form field or the X-CSRF-Token header).
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse, RedirectResponse, Response

from admin import redaction
from admin.auth import FormDep, ScopedCaseDep, SignedInDep
from core.deps import SessionDep
from core.segments import count_segments, sms_encoding, sms_rendering, strip_accents_for_sms

router = APIRouter(prefix="/admin", include_in_schema=False)

TEXT_MAX: Final = 1600  # as the reply box


def sms_counts(text: str) -> dict[str, object]:
    """What `core.segments` says of the text as typed, of what the SMS channel will send
    (`sms_rendering`: the accent-free text when it is cheaper), and of the accent-free text."""
    sent = sms_rendering(text.strip())
    plain = strip_accents_for_sms(text)
    return {
        "characters": len(text),
        "segments": count_segments(text),
        "encoding": sms_encoding(text),
        "sent_segments": count_segments(sent),
        "sent_encoding": sms_encoding(sent),
        "plain": plain,
        "plain_segments": count_segments(plain),
        "plain_encoding": sms_encoding(plain),
    }


@router.post("/cases/{case_id}/segments")
def segments(case: ScopedCaseDep, _: SignedInDep, form: FormDep) -> JSONResponse:
    """Counted on the server so the page shows exactly the numbers the sender will meet."""
    text = str(form.get("text", ""))[:TEXT_MAX]
    return JSONResponse(sms_counts(text))


@router.post("/cases/{case_id}/messages/{message_id}/redact")
def redact(
    case: ScopedCaseDep,
    message_id: int,
    signed: SignedInDep,
    session: SessionDep,
    _: FormDep,
) -> Response:
    message = redaction.message_of_case(session, case, message_id)
    if message is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    done = redaction.redact(session, case, message, signed.officer)
    session.commit()
    notice = "redacted" if done else "empty"
    return RedirectResponse(f"/admin/cases/{case.id}?notice={notice}", status_code=303)
