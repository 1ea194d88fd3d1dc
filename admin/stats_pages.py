"""The supervisors' statistics page and the per-case CSV export (no personal data in either).

Supervisors see their own consulate's figures; admins every consulate's, or one of them;
officers get 403. The export is audited like every other action on cases.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from functools import partial
from typing import Annotated, Final

from babel import Locale
from babel.dates import format_timedelta
from babel.numbers import format_decimal, format_percent
from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from admin import audit, stats
from admin.audit import Action
from admin.auth import SignedIn, SignedInDep
from admin.i18n import render
from core.deps import SessionDep
from core.models import Consulate, OfficerRole, utcnow

router = APIRouter(prefix="/admin/stats", include_in_schema=False)

COLUMNS: Final = (
    "case_id",
    "consulate_id",
    "consulate",
    "opened_on",
    "closed_on",
    "priority",
    "topic",
    "nationality",
    "destination",
    "channel",
    "language",
    "outcome",
    "minutes_to_first_response",
    "red_flags",
)
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _supervisor(signed: SignedInDep) -> SignedIn:
    if signed.officer.role not in (OfficerRole.SUPERVISOR, OfficerRole.ADMIN):
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    return signed


SupervisorDep = Annotated[SignedIn, Depends(_supervisor)]


def _consulate_id(signed: SignedIn, consulate: str) -> int | None:
    """Only an admin narrows the figures to one consulate; anyone else gets their own."""
    if signed.officer.role == OfficerRole.ADMIN and consulate.isdigit():
        return int(consulate)
    return None


def _today() -> date:
    return utcnow().date()


def country_name(code: str, locale: str) -> str:
    """An ISO country code in the officer's language ("GT" → "Guatemala")."""
    return str(Locale.parse(locale).territories.get(code, code))


def minutes(value: float | None, locale: str) -> str:
    if value is None:
        return "—"
    return format_timedelta(timedelta(minutes=value), threshold=2, locale=locale)


def share(value: float | None, locale: str) -> str:
    return "—" if value is None else format_percent(value, locale=locale)


def number(value: float, locale: str) -> str:
    return format_decimal(value, format="#,##0.#", locale=locale)


@router.get("", response_class=HTMLResponse)
def stats_page(
    request: Request,
    signed: SupervisorDep,
    session: SessionDep,
    start: str | None = None,
    end: str | None = None,
    consulate: str = "",
) -> HTMLResponse:
    period = stats.Period.parse(start, end, _today())
    chosen = _consulate_id(signed, consulate)
    facts = stats.case_facts(session, signed.officer, period, chosen)
    consulates = (
        list(session.scalars(select(Consulate).order_by(Consulate.name)))
        if signed.officer.role == OfficerRole.ADMIN
        else []
    )
    locale = signed.officer.locale
    return render(
        request,
        "stats.html",
        locale,
        signed=signed,
        period=period,
        consulates=consulates,
        chosen=chosen,
        figures=stats.figures(facts),
        country=partial(country_name, locale=locale),
        minutes=partial(minutes, locale=locale),
        share=partial(share, locale=locale),
        number=partial(number, locale=locale),
    )


def _cell(value: object) -> str:
    """A spreadsheet never reads a cell as a formula (a consulate's name is free text)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(f: stats.CaseFacts) -> list[str]:
    values: list[object] = [
        f.case_id,
        f.consulate_id,
        f.consulate,
        f.opened_at.date().isoformat(),
        f.closed_at.date().isoformat() if f.closed_at else "",
        f.priority,
        f.topic,
        f.nationality,
        f.destination,
        f.channel,
        f.language,
        f.outcome,
        f.first_response_minutes,
        ";".join(f.red_flags),
    ]
    return [_cell(v) for v in values]


@router.get("/cases.csv")
def cases_csv(
    signed: SupervisorDep,
    session: SessionDep,
    start: str | None = None,
    end: str | None = None,
    consulate: str = "",
) -> Response:
    """One row per case in scope and period: categories and durations, no personal data."""
    period = stats.Period.parse(start, end, _today())
    chosen = _consulate_id(signed, consulate)
    facts = stats.case_facts(session, signed.officer, period, chosen)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(f) for f in facts)
    audit.record(
        session,
        signed.officer,
        Action.EXPORT,
        export="cases.csv",
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        consulate_id=chosen,
        rows=len(facts),
    )
    session.commit()
    name = f"enlace-cases-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
