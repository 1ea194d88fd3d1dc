"""Officers' personal API tokens: made and revoked on the profile page, sent as
`Authorization: Bearer <token>` to the JSON API.

A token is `secrets.token_urlsafe(32)`, shown once; the database keeps its SHA-256 only, so a
copy of the database opens nothing. A revoked token stays as a row (the audit names it); a
token of an inactive or locked-out officer opens nothing either.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Officer, OfficerApiToken, utcnow

NAME_MAX: Final = 100
# `last_used_at` is written at most this often per token, not on every request.
USE_RESOLUTION: Final = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite returns naive UTC
        return moment.replace(tzinfo=UTC)
    return moment


def issue(session: Session, officer: Officer, name: str) -> tuple[str, OfficerApiToken]:
    """A new token for the officer: the secret (to show once) and its row. The caller audits
    and commits."""
    secret = secrets.token_urlsafe(32)
    row = OfficerApiToken(
        officer_id=officer.id,
        name=name.strip()[:NAME_MAX] or "API",
        token_hash=_digest(secret),
    )
    session.add(row)
    session.flush()
    return secret, row


def owned(session: Session, officer: Officer) -> list[OfficerApiToken]:
    """The officer's tokens, newest first, revoked ones included."""
    return list(
        session.scalars(
            select(OfficerApiToken)
            .where(OfficerApiToken.officer_id == officer.id)
            .order_by(OfficerApiToken.id.desc())
        )
    )


def revoke(session: Session, officer: Officer, token_id: int) -> OfficerApiToken | None:
    """Revoke one of the officer's own live tokens; None when there is no such token."""
    row = session.get(OfficerApiToken, token_id)
    if row is None or row.officer_id != officer.id or row.revoked_at is not None:
        return None
    row.revoked_at = utcnow()
    return row


def officer_for(session: Session, secret: str, now: datetime | None = None) -> Officer | None:
    """The officer a bearer token speaks for, or None: unknown, revoked, or its officer
    inactive or locked out. Marks the token used (the caller commits)."""
    now = now or utcnow()
    row = session.scalar(
        select(OfficerApiToken).where(OfficerApiToken.token_hash == _digest(secret))
    )
    if row is None or row.revoked_at is not None:
        return None
    officer = session.get(Officer, row.officer_id)
    if officer is None or not officer.active:
        return None
    locked_until = _aware(officer.locked_until)
    if locked_until is not None and locked_until > now:
        return None
    last = _aware(row.last_used_at)
    if last is None or now - last >= USE_RESOLUTION:
        row.last_used_at = now
    return officer
