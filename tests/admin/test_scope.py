"""An officer never reads, lists or counts another consulate's case, through any route.

The routes are discovered from the assembled app (every path under /admin, pages and JSON
API alike), so a route added anywhere cannot escape the walk.
"""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import select

from admin.api import PREFIX
from app.main import create_app
from core.models import (
    Case,
    CaseNote,
    Consulate,
    Conversation,
    ConversationStatus,
    Message,
    OfficerRole,
)
from tests.admin.conftest import MakeApi, MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.conftest import make_settings
from tests.harness import Enlace

ROUTES = sorted(
    {
        (method, context.path)
        for context in iter_route_contexts(create_app(make_settings(), run_workers=False).routes)
        if context.path and context.path.startswith("/admin")
        for method in context.methods or ()
        if method != "HEAD"
    }
)
PAGE_ROUTES = [(m, p) for m, p in ROUTES if not p.startswith(PREFIX)]
API_ROUTES = [(m, p) for m, p in ROUTES if p.startswith(PREFIX)]
CASE_ROUTES = [(m, p) for m, p in PAGE_ROUTES if "{case_id}" in p]
OTHER_ROUTES = [(m, p) for m, p in PAGE_ROUTES if "{case_id}" not in p]
API_CASE_ROUTES = [(m, p) for m, p in API_ROUTES if "{case_id}" in p]
API_OTHER_ROUTES = [(m, p) for m, p in API_ROUTES if "{case_id}" not in p]
# A body each API operation would accept from the case's own consulate.
API_BODY: dict[str, object] = {
    "text": "hola",
    "body": "nota",
    "outcome": "informed",
    "reason": "prueba",
}


def test_the_walk_covers_the_case_routes() -> None:
    paths = {path for _, path in CASE_ROUTES}
    assert {
        "/admin/cases/{case_id}",
        "/admin/cases/{case_id}/reply",
        "/admin/cases/{case_id}/segments",
        "/admin/cases/{case_id}/messages/{message_id}/redact",
        "/admin/cases/{case_id}/reopen",
    } <= paths
    assert len(CASE_ROUTES) >= 10


def test_the_walk_covers_every_api_operation() -> None:
    operations = {path.removeprefix(PREFIX) for _, path in API_CASE_ROUTES}
    assert {
        "/cases/{case_id}",
        "/cases/{case_id}/claim",
        "/cases/{case_id}/release",
        "/cases/{case_id}/reply",
        "/cases/{case_id}/notes",
        "/cases/{case_id}/transfer",
        "/cases/{case_id}/close",
        "/cases/{case_id}/reopen",
    } <= operations
    assert ("GET", f"{PREFIX}/cases") in API_OTHER_ROUTES


def _untouched(enlace: Enlace, case: Case) -> None:
    with enlace.factory() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        assert fresh.officer_id is None
        assert fresh.closed_at is None
        assert fresh.consulate_id == case.consulate_id
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.QUEUED
        assert session.query(CaseNote).filter_by(case_id=case.id).count() == 0


@pytest.mark.parametrize(("method", "path"), CASE_ROUTES)
def test_every_case_route_is_404_for_an_officer_of_another_consulate(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    assert case.consulate_id == office.consulate.id
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    with enlace.factory() as session:
        message_id = session.scalar(
            select(Message.id).where(Message.conversation_id == case.conversation_id)
        )
    url = path.format(case_id=case.id, message_id=message_id)
    response = (
        stranger.get(url)
        if method == "GET"
        else stranger.post(url, text="hola", body="nota", outcome="informed")
    )
    assert response.status_code in (403, 404)
    assert "segments" not in response.text  # no count leaks either
    with enlace.factory() as session:
        message = session.get(Message, message_id)
        assert message is not None
        assert message.body == "HUMANO"
        assert message.redacted_at is None
    _untouched(enlace, case)


def test_the_walk_covers_the_statistics_and_the_export() -> None:
    assert {("GET", "/admin/stats"), ("GET", "/admin/stats/cases.csv")} <= set(OTHER_ROUTES)


SETTINGS_ROUTES = [(m, p) for m, p in OTHER_ROUTES if p.startswith("/admin/consulates")]


def test_the_walk_covers_the_consulate_settings() -> None:
    assert {
        ("GET", "/admin/consulates"),
        ("POST", "/admin/consulates"),
        ("POST", "/admin/consulates/{consulate_id}"),
    } <= set(SETTINGS_ROUTES)


@pytest.mark.parametrize("role", [OfficerRole.OFFICER, OfficerRole.SUPERVISOR])
@pytest.mark.parametrize(("method", "path"), [r for r in SETTINGS_ROUTES if r[0] == "POST"])
def test_only_an_admin_changes_any_consulates_settings(
    enlace: Enlace,
    office: Office,
    make_browser: MakeBrowser,
    method: str,
    path: str,
    role: OfficerRole,
) -> None:
    for consulate in (office.consulate, office.other):  # another consulate's, and one's own
        browser = make_browser(consulate, role)
        browser.login()
        url = path.format(consulate_id=office.consulate.id)
        response = browser.post(url, name="Cambiado", country="NZ", target_minutes="1")
        assert response.status_code == 403
    with enlace.factory() as session:
        home = session.get(Consulate, office.consulate.id)
        assert home is not None
        assert (home.name, home.first_response_target_minutes) == (
            office.consulate.name,
            office.consulate.first_response_target_minutes,
        )
        assert session.scalar(select(Consulate).where(Consulate.name == "Cambiado")) is None


def test_a_supervisor_sees_no_other_consulates_settings(
    office: Office, make_browser: MakeBrowser
) -> None:
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    page = stranger.get("/admin/consulates")
    assert page.status_code == 200
    assert f'data-consulate="{office.other.id}"' in page.text
    assert f'data-consulate="{office.consulate.id}"' not in page.text
    assert office.consulate.name not in page.text


@pytest.mark.parametrize("role", [OfficerRole.OFFICER, OfficerRole.SUPERVISOR])
@pytest.mark.parametrize(("method", "path"), OTHER_ROUTES)
def test_no_other_route_shows_another_consulates_case(
    enlace: Enlace,
    office: Office,
    make_browser: MakeBrowser,
    method: str,
    path: str,
    role: OfficerRole,
) -> None:
    _, case = ask_for_a_human(enlace)
    stranger = make_browser(office.other, role)
    stranger.login()
    if method != "GET":
        return  # login, logout, password change and API tokens take no case
    response = stranger.get(f"{path}?consulate={office.consulate.id}")
    # A path with another parameter is asked literally ("{token_id}"): 404 or 422 then.
    assert response.status_code in ((200, 303, 403, 404, 422) if "{" in path else (200, 303, 403))
    assert f"/admin/cases/{case.id}" not in response.text
    assert f'data-case="{case.id}"' not in response.text
    if path.endswith(".csv") and response.status_code == 200:  # one row per case, id first
        assert f"\r\n{case.id}," not in response.text


@pytest.mark.parametrize(("method", "path"), API_CASE_ROUTES)
def test_every_api_case_route_is_404_for_an_officer_of_another_consulate(
    enlace: Enlace, office: Office, make_api: MakeApi, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    assert case.consulate_id == office.consulate.id
    stranger = make_api(office.other, OfficerRole.SUPERVISOR)
    url = path.format(case_id=case.id)
    body = {**API_BODY, "to_consulate_id": office.other.id}
    response = stranger.get(url) if method == "GET" else stranger.post(url, body)
    assert response.status_code in (403, 404)
    assert "HUMANO" not in response.text
    _untouched(enlace, case)


@pytest.mark.parametrize(("method", "path"), API_OTHER_ROUTES)
def test_no_other_api_route_shows_another_consulates_case(
    enlace: Enlace, office: Office, make_api: MakeApi, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    stranger = make_api(office.other, OfficerRole.SUPERVISOR)
    response = stranger.get(path) if method == "GET" else stranger.post(path, API_BODY)
    assert response.status_code in (200, 403, 404, 422)
    listed = response.json() if response.status_code == 200 else []
    assert isinstance(listed, list)
    assert case.id not in [item["case"]["id"] for item in listed]
    assert "HUMANO" not in response.text


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_no_api_route_opens_to_a_signed_in_browser_without_a_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    browser = make_browser(office.consulate, OfficerRole.ADMIN)
    browser.login()
    url = path.format(case_id=case.id)
    response = browser.get(url) if method == "GET" else browser.post(url, text="hola")
    assert response.status_code == 401
    _untouched(enlace, case)


def test_the_audit_log_is_for_admins_only(office: Office, make_browser: MakeBrowser) -> None:
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR)
    supervisor.login()
    assert supervisor.get("/admin/audit").status_code == 403
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert admin.get("/admin/audit").status_code == 200


def test_an_admin_sees_every_consulates_cases(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert f'data-case="{case.id}"' in admin.get("/admin/queue/rows").text
    assert admin.get(f"/admin/cases/{case.id}").status_code == 200
    api = make_api(office.other, OfficerRole.ADMIN)
    assert case.id in [item["case"]["id"] for item in api.get(f"{PREFIX}/cases").json()]
    assert api.get(f"{PREFIX}/cases/{case.id}").status_code == 200
