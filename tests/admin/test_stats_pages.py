"""The statistics page and the CSV export through the app: who may see them, what the export
holds (never personal data), that it is audited, and the first-response clock on the pages."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from admin.stats_pages import COLUMNS
from core.models import AuditEvent, Case, Officer, OfficerRole
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import Browser, ask_for_a_human, case_of
from tests.harness import Enlace


def _rows(browser: Browser, query: str = "") -> list[dict[str, str]]:
    response = browser.get(f"/admin/stats/cases.csv{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _clock(rows: str, case: Case) -> str:
    """The first-response clock's state in the case's row of the queue."""
    row = rows[rows.index(f'data-case="{case.id}"') :]
    row = row[: row.index("</tr>")]
    return row[row.index('data-clock="') + len('data-clock="') :].split('"')[0]


def _total(browser: Browser) -> int:
    page = browser.get("/admin/stats")
    assert page.status_code == 200
    start = page.text.index('id="total">') + len('id="total">')
    return int(page.text[start : page.text.index("<", start)].replace(",", "").replace(".", ""))


def test_officers_get_403_and_supervisors_see_the_page_linked_from_the_nav(
    office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    assert officer.get("/admin/stats").status_code == 403
    assert officer.get("/admin/stats/cases.csv").status_code == 403
    assert 'href="/admin/stats"' not in officer.get("/admin").text
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR, locale="en")
    supervisor.login()
    assert 'href="/admin/stats"' in supervisor.get("/admin").text
    page = supervisor.get("/admin/stats")
    assert page.status_code == 200
    assert "Cases by topic" in page.text
    assert "<svg" in page.text


def test_the_page_is_in_the_officers_language(office: Office, make_browser: MakeBrowser) -> None:
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR, locale="es")
    supervisor.login()
    page = supervisor.get("/admin/stats")
    assert "Casos por tema" in page.text
    assert "Cases by topic" not in page.text


def test_the_export_has_one_row_per_case_and_no_personal_data(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    enlace.receive(phone, "soy Rosa Example, vivo en Springfield")
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    officer.post(f"/admin/cases/{case.id}/reply", text="Hola Rosa, le escribe el consulado")
    officer.post(f"/admin/cases/{case.id}/notes", body="Vive en la calle Falsa 123")
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR)
    supervisor.login()
    response = supervisor.get("/admin/stats/cases.csv")
    text = response.text
    for personal in (phone, phone[2:], "Rosa", "Springfield", "Falsa", "escribe", "Officer"):
        assert personal not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == COLUMNS
    (row,) = [r for r in rows if r["case_id"] == str(case.id)]
    assert row["topic"] == "human_agent"
    assert row["channel"] == "sms"
    assert row["outcome"] == "open"
    assert float(row["minutes_to_first_response"]) >= 0
    assert len({r["case_id"] for r in rows}) == len(rows)


def test_the_export_is_audited(enlace: Enlace, office: Office, make_browser: MakeBrowser) -> None:
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR)
    supervisor.login()
    rows = _rows(supervisor, "?start=2026-01-01&end=2026-12-31")
    with enlace.factory() as session:
        me = session.scalar(select(Officer).where(Officer.email == supervisor.email))
        assert me is not None
        event = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.officer_id == me.id, AuditEvent.action == "export")
            .order_by(AuditEvent.id.desc())
        )
    assert event is not None
    assert event.detail["rows"] == len(rows)
    assert event.detail["start"] == "2026-01-01"
    assert event.consulate_id == office.consulate.id


def test_a_supervisor_of_another_consulate_neither_counts_nor_exports_the_case(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    before = _total(stranger)
    _, case = ask_for_a_human(enlace)
    assert _total(stranger) == before
    asked_for_it = f"?consulate={office.consulate.id}"
    assert str(case.id) not in {r["case_id"] for r in _rows(stranger, asked_for_it)}
    assert str(case.id) not in {r["case_id"] for r in _rows(stranger)}


def test_an_admin_sees_every_consulate_or_one_of_them(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert str(case.id) in {r["case_id"] for r in _rows(admin)}
    home = {r["case_id"] for r in _rows(admin, f"?consulate={office.consulate.id}")}
    other = {r["case_id"] for r in _rows(admin, f"?consulate={office.other.id}")}
    assert str(case.id) in home
    assert str(case.id) not in other


def test_a_reply_stops_the_first_response_clock_and_the_persons_next_message_restarts_it(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    assert _clock(officer.get("/admin/queue/rows").text, case) == "ok"
    officer.post(f"/admin/cases/{case.id}/claim")
    officer.post(f"/admin/cases/{case.id}/reply", text="Hola")
    answered = case_of(enlace, phone)
    assert answered.first_response_at is not None
    assert _clock(officer.get("/admin/queue/rows").text, case) == "paused"
    assert 'data-clock="paused"' in officer.get(f"/admin/cases/{case.id}").text

    officer.post(f"/admin/cases/{case.id}/reply", text="¿Sigue ahí?")
    with enlace.factory() as session:
        again = session.get(Case, case.id)
        assert again is not None
        assert again.first_response_at == answered.first_response_at  # the first one stays

    enlace.receive(phone, "sí, tengo otra pregunta")
    assert _clock(officer.get("/admin/queue/rows").text, case) == "ok"
