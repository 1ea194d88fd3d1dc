"""Consulate settings: admins name consulates, set their first-response targets and create new
ones; a supervisor reads their own consulate's (officers get 403).

The target is what the queue's clock is coloured against and what the statistics count the
share of cases answered within (admin/clock.py, admin/stats.py). Every change is audited with
the fields it changed, old and new. Where a consulate works and which nationalities it takes
are routing (conversations/ownership.py) and are not edited here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Annotated, Final

from babel import Locale
from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from admin import audit
from admin.audit import Action
from admin.auth import AdminDep, FormDep, SignedIn, SignedInDep
from admin.dates import duration
from admin.i18n import render
from core.deps import SessionDep
from core.models import FIRST_RESPONSE_TARGET_MINUTES, Consulate, OfficerRole

router = APIRouter(prefix="/admin/consulates", include_in_schema=False)

NAME_MAX: Final = 200
TARGET_MINUTES_MAX: Final = 7 * 24 * 60  # a week: anything longer is not a target
# Notices and errors the page shows (`?notice=`, or the re-rendered form's `error`): keys.
NOTICES: Final = {"created", "saved"}
ERRORS: Final = {"name", "name_taken", "country", "target"}
# Two-letter territory codes CLDR names that are no country: unknown, EU, eurozone, UN.
_NOT_COUNTRIES: Final = frozenset({"ZZ", "EU", "EZ", "UN"})


class Invalid(Exception):
    def __init__(self, reason: str) -> None:
        assert reason in ERRORS
        super().__init__(reason)
        self.reason = reason


def _supervisor(signed: SignedInDep) -> SignedIn:
    if signed.officer.role not in (OfficerRole.SUPERVISOR, OfficerRole.ADMIN):
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    return signed


SupervisorDep = Annotated[SignedIn, Depends(_supervisor)]


def countries(locale: str) -> list[tuple[str, str]]:
    """ISO 3166 countries as (code, name in the officer's language), by name."""
    names = Locale.parse(locale).territories
    codes = [
        c
        for c in names
        if isinstance(c, str) and len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES
    ]
    return sorted(((c, str(names[c])) for c in codes), key=lambda pair: pair[1])


@dataclass(frozen=True)
class Fields:
    name: str
    target_minutes: int


def _fields(session: Session, form: FormData, current: Consulate | None = None) -> Fields:
    name = " ".join(str(form.get("name", "")).split())
    if not name or len(name) > NAME_MAX:
        raise Invalid("name")
    taken = session.scalar(
        select(Consulate.id).where(func.lower(Consulate.name) == name.lower()).limit(1)
    )
    if taken is not None and (current is None or taken != current.id):
        raise Invalid("name_taken")
    raw = str(form.get("target_minutes", "")).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= TARGET_MINUTES_MAX:
        raise Invalid("target")
    return Fields(name, int(raw))


def create(session: Session, signed: SignedIn, form: FormData) -> Consulate:
    fields = _fields(session, form)
    country = str(form.get("country", "")).strip().upper()
    if country not in dict(countries("en")):
        raise Invalid("country")
    consulate = Consulate(
        name=fields.name, country=country, first_response_target_minutes=fields.target_minutes
    )
    session.add(consulate)
    session.flush()
    event = audit.record(
        session,
        signed.officer,
        Action.CONSULATE_CREATED,
        consulate_id=consulate.id,
        name=consulate.name,
        country=country,
        first_response_target_minutes=fields.target_minutes,
    )
    event.consulate_id = consulate.id
    return consulate


def change(session: Session, signed: SignedIn, consulate: Consulate, form: FormData) -> bool:
    """Save the name and target; audited with what changed (nothing changed: no row)."""
    fields = _fields(session, form, consulate)
    changed: dict[str, list[object]] = {}
    if fields.name != consulate.name:
        changed["name"] = [consulate.name, fields.name]
        consulate.name = fields.name
    if fields.target_minutes != consulate.first_response_target_minutes:
        changed["first_response_target_minutes"] = [
            consulate.first_response_target_minutes,
            fields.target_minutes,
        ]
        consulate.first_response_target_minutes = fields.target_minutes
    if changed:
        event = audit.record(
            session,
            signed.officer,
            Action.CONSULATE_CHANGED,
            consulate_id=consulate.id,
            changed=changed,
        )
        event.consulate_id = consulate.id
    return bool(changed)


def _page(
    request: Request,
    signed: SignedIn,
    session: Session,
    status_code: int = 200,
    notice: str | None = None,
    error: str | None = None,
    failed: int | None = None,
) -> HTMLResponse:
    """Admins: every consulate, editable, and the form to create one. A supervisor: their own
    consulate's settings, to read."""
    query = select(Consulate).order_by(Consulate.name)
    is_admin = signed.officer.role == OfficerRole.ADMIN
    if not is_admin:
        query = query.where(Consulate.id == signed.officer.consulate_id)
    locale = signed.officer.locale
    names = dict(countries(locale))
    return render(
        request,
        "consulates.html",
        locale,
        status_code,
        signed=signed,
        consulates=list(session.scalars(query)),
        editable=is_admin,
        countries=countries(locale) if is_admin else [],
        country=lambda code: names.get(code, code),
        target=partial(_target, locale=locale),
        notice=notice if notice in NOTICES else None,
        error=error if error in ERRORS else None,
        failed=failed,
        target_max=TARGET_MINUTES_MAX,
        default_target=FIRST_RESPONSE_TARGET_MINUTES,
    )


def _target(minutes: int, locale: str) -> str:
    return duration(timedelta(minutes=minutes), locale)


@router.get("", response_class=HTMLResponse)
def consulates_page(
    request: Request, signed: SupervisorDep, session: SessionDep, notice: str | None = None
) -> HTMLResponse:
    return _page(request, signed, session, notice=notice)


@router.post("", response_class=HTMLResponse)
def create_consulate(
    request: Request, signed: AdminDep, session: SessionDep, form: FormDep
) -> Response:
    try:
        consulate = create(session, signed, form)
    except Invalid as invalid:
        session.rollback()
        return _page(request, signed, session, 400, error=invalid.reason, failed=0)
    session.commit()
    return RedirectResponse(f"/admin/consulates?notice=created#consulate-{consulate.id}", 303)


@router.post("/{consulate_id}", response_class=HTMLResponse)
def change_consulate(
    consulate_id: int, request: Request, signed: AdminDep, session: SessionDep, form: FormDep
) -> Response:
    consulate = session.get(Consulate, consulate_id)
    if consulate is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    try:
        change(session, signed, consulate, form)
    except Invalid as invalid:
        session.rollback()
        return _page(request, signed, session, 400, error=invalid.reason, failed=consulate_id)
    session.commit()
    return RedirectResponse(f"/admin/consulates?notice=saved#consulate-{consulate.id}", 303)
