"""Refuse any Twilio webhook that Twilio did not sign.

Twilio signs the URL it called, so the check uses the configured public URL plus the path
(and query): behind a proxy or tunnel `request.url` is not what Twilio signed. Without an
auth token nothing can be verified, so everything is refused rather than trusted.
"""

from __future__ import annotations

import logging

from fastapi import HTTPException, Request
from twilio.request_validator import RequestValidator

from core.settings import Settings

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"


def signed_url(settings: Settings, path: str, query: str = "") -> str:
    """The URL Twilio calls for `path`, as configured on the number or sender."""
    url = settings.public_url.rstrip("/") + path
    return f"{url}?{query}" if query else url


async def verified_form(request: Request, settings: Settings) -> dict[str, str]:
    """The POSTed form fields, after checking `X-Twilio-Signature`; 403 otherwise."""
    token = settings.twilio_auth_token.get_secret_value()
    signature = request.headers.get(SIGNATURE_HEADER, "")
    form = await request.form()
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    url = signed_url(settings, request.url.path, request.url.query)
    if not token or not signature or not RequestValidator(token).validate(url, params, signature):
        log.warning(
            "twilio signature refused",
            extra={"path": request.url.path, "signed": bool(signature), "configured": bool(token)},
        )
        raise HTTPException(status_code=403, detail="invalid signature")
    return params
