"""Every time and duration the admin shows is Babel's, in the officer's language (es or en) and
the admin's time zone, which it names: the queue, a case's thread, the audit log, API tokens."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from admin.dates import when
from core.models import AuditEvent, Message, OfficerApiToken, OfficerRole
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace


def _first_message_at(enlace: Enlace, conversation_id: int) -> datetime:
    with enlace.factory() as session:
        moment = session.scalar(
            select(Message.created_at)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.id)
        )
        assert moment is not None
        return moment


@pytest.fixture
def pacific(enlace: Enlace) -> Iterator[ZoneInfo]:
    """The app's admin time zone set to Los Angeles for one test."""
    before = enlace.app.state.settings
    enlace.app.state.settings = before.model_copy(update={"admin_time_zone": "America/Los_Angeles"})
    yield ZoneInfo("America/Los_Angeles")
    enlace.app.state.settings = before


def test_the_queue_says_how_long_ago_in_each_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    spanish = make_browser(office.consulate, OfficerRole.OFFICER, "es")
    english = make_browser(office.consulate, OfficerRole.OFFICER, "en")
    spanish.login()
    english.login()
    row_es = _row(spanish.get("/admin/queue/rows").text, case.id)
    row_en = _row(english.get("/admin/queue/rows").text, case.id)
    assert "hace " in row_es
    assert " ago" in row_en
    assert "SMS" in row_es  # the channel by its name, not "sms"


def _row(html: str, case_id: int) -> str:
    start = html.index(f'data-case="{case_id}"')
    return html[start : html.index("</tr>", start)]


def test_a_case_thread_dates_each_message_in_the_officers_language_in_utc(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    at = _first_message_at(enlace, case.conversation_id)
    spanish = make_browser(office.consulate, OfficerRole.OFFICER, "es")
    english = make_browser(office.consulate, OfficerRole.OFFICER, "en")
    spanish.login()
    english.login()
    es_text, en_text = when(at, "es"), when(at, "en")
    assert es_text != en_text
    assert es_text.endswith(" UTC")
    assert es_text in spanish.get(f"/admin/cases/{case.id}/thread").text
    assert en_text in english.get(f"/admin/cases/{case.id}/thread").text
    assert "M UTC" in en_text  # AM/PM in English; 24-hour clock in Spanish
    assert "M UTC" not in es_text


def test_times_follow_the_admin_time_zone_and_name_it(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, pacific: ZoneInfo
) -> None:
    _, case = ask_for_a_human(enlace)
    at = _first_message_at(enlace, case.conversation_id)
    english = make_browser(office.consulate, OfficerRole.OFFICER, "en")
    english.login()
    thread = english.get(f"/admin/cases/{case.id}/thread").text
    shown = when(at, "en", pacific)
    assert shown.endswith(("PST", "PDT"))
    assert shown in thread
    assert when(at, "en") not in thread


def test_the_audit_log_names_actions_and_dates_them_in_the_admins_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    officer.get(f"/admin/cases/{case.id}")
    with enlace.factory() as session:
        viewed = session.scalar(
            select(AuditEvent.at).where(AuditEvent.case_id == case.id, AuditEvent.action == "view")
        )
        assert viewed is not None
    english = make_browser(office.other, OfficerRole.ADMIN, "en")
    spanish = make_browser(office.other, OfficerRole.ADMIN, "es")
    english.login()
    spanish.login()
    log_en, log_es = english.get("/admin/audit").text, spanish.get("/admin/audit").text
    assert "Read the case" in log_en
    assert "Leyó el caso" in log_es
    assert when(viewed, "en") in log_en
    assert when(viewed, "es") in log_es


def test_api_tokens_are_dated_in_the_officers_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    for locale in ("es", "en"):
        officer = make_browser(office.consulate, OfficerRole.OFFICER, locale)
        officer.login()
        assert officer.post("/admin/tokens", name="portátil").status_code == 200
        with enlace.factory() as session:
            created = session.scalar(
                select(OfficerApiToken.created_at).order_by(OfficerApiToken.id.desc())
            )
            assert created is not None
        assert when(created, locale) in officer.get("/admin/password").text
