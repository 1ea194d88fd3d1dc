"""Officers' accounts: argon2 password hashes, lockout after repeated failures, sessions.

A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256, with
the CSRF token every form of that session must carry. Logging out deletes the row, so a
stolen cookie dies with the session.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.models import Consulate, Officer, OfficerRole, OfficerSession, utcnow

MAX_FAILURES: Final = 5
LOCKOUT: Final = timedelta(minutes=15)
SESSION_LIFETIME: Final = timedelta(hours=12)
MIN_PASSWORD_LENGTH: Final = 10

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a wrong address takes as long as a wrong
# password and the response time does not tell which accounts exist.
_DUMMY_HASH: Final = _hasher.hash(secrets.token_urlsafe(16))


class WeakPassword(ValueError):
    """Shorter than MIN_PASSWORD_LENGTH."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite returns naive UTC
        return moment.replace(tzinfo=UTC)
    return moment


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_officer(session: Session, email: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.email == normalize_email(email)))


def create_officer(
    session: Session,
    consulate: Consulate,
    email: str,
    password: str,
    display_name: str,
    role: OfficerRole = OfficerRole.OFFICER,
    locale: str = "es",
) -> Officer:
    officer = Officer(
        consulate_id=consulate.id,
        email=normalize_email(email),
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        locale=locale,
    )
    session.add(officer)
    session.flush()
    return officer


@dataclass(frozen=True)
class LoginResult:
    officer: Officer | None
    locked: bool = False


def authenticate(
    session: Session, email: str, password: str, now: datetime | None = None
) -> LoginResult:
    """The officer when the password is right and the account neither locked nor inactive.

    Every failure counts; the MAX_FAILURES-th locks the account for LOCKOUT, during which
    even the right password is refused. The caller commits (failures must be kept)."""
    now = now or utcnow()
    officer = find_officer(session, email)
    if officer is None or not officer.active:
        _verify(_DUMMY_HASH, password)
        return LoginResult(None)
    locked_until = _aware(officer.locked_until)
    if locked_until is not None and locked_until > now:
        return LoginResult(None, locked=True)
    if not _verify(officer.password_hash, password):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILURES:
            officer.locked_until, officer.failed_logins = now + LOCKOUT, 0
            return LoginResult(None, locked=True)
        return LoginResult(None)
    officer.failed_logins, officer.locked_until = 0, None
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = _hasher.hash(password)
    return LoginResult(officer)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def change_password(session: Session, officer: Officer, current: str, new: str) -> bool:
    """False when `current` is wrong; raises WeakPassword. Other sessions are signed out."""
    if not _verify(officer.password_hash, current):
        return False
    officer.password_hash = hash_password(new)
    officer.password_changed_at = utcnow()
    session.execute(delete(OfficerSession).where(OfficerSession.officer_id == officer.id))
    return True


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, officer: Officer) -> tuple[str, OfficerSession]:
    """A new session for the officer: the cookie's token (shown once) and its row."""
    token = secrets.token_urlsafe(32)
    row = OfficerSession(
        token_hash=_digest(token),
        officer_id=officer.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=utcnow() + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return token, row


def session_for_token(session: Session, token: str) -> OfficerSession | None:
    row = session.scalar(select(OfficerSession).where(OfficerSession.token_hash == _digest(token)))
    expires = _aware(row.expires_at) if row is not None else None
    if row is None or expires is None or expires <= utcnow():
        return None
    return row


def end_session(session: Session, token: str) -> None:
    session.execute(delete(OfficerSession).where(OfficerSession.token_hash == _digest(token)))


def ensure_consulate(
    session: Session,
    name: str,
    country: str,
    serves: str = "",
    takes_unrouted: bool = False,
    places: Sequence[str] = (),
) -> Consulate:
    """The consulate named `name`, created if new: the country it represents, where it works
    (`serves` to show, `places` as ISO 3166 codes to route by: "US", "US-TX")."""
    found = session.scalar(select(Consulate).where(Consulate.name == name))
    if found is None:
        found = Consulate(
            name=name,
            country=country.upper(),
            serves=serves,
            takes_unrouted=takes_unrouted,
            places=[code.upper() for code in places],
        )
        session.add(found)
        session.flush()
    return found


def officer_count(session: Session) -> int:
    return session.scalar(select(func.count(Officer.id))) or 0
