"""The audit of officers' actions: one row per view, reply, note, claim, release, redaction,
close and reopening, per export, per API token made or revoked, and per consulate made or
changed.

Rows are only ever added (nothing here updates or deletes them, and no page can); the
detail names what changed by id or category, never message text or a phone number.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import AuditEvent, Case, Officer


class Action(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_CHANGED = "password_changed"
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"
    VIEW = "view"
    CLAIM = "claim"
    RELEASE = "release"
    REPLY = "reply"
    NOTE = "note"
    CLOSE = "close"
    REOPEN = "reopen"
    TRANSFER = "transfer"
    EXPORT = "export"
    REDACT = "redact"
    CONSULATE_CREATED = "consulate_created"
    CONSULATE_CHANGED = "consulate_changed"


def record(
    session: Session,
    officer: Officer | None,
    action: Action,
    case: Case | None = None,
    **detail: Any,
) -> AuditEvent:
    event = AuditEvent(
        officer_id=officer.id if officer else None,
        consulate_id=case.consulate_id if case else (officer.consulate_id if officer else None),
        case_id=case.id if case else None,
        action=action.value,
        detail=detail,
    )
    session.add(event)
    return event


def recent(session: Session, limit: int = 200, case_id: int | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    return list(session.scalars(query))
