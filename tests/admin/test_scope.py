"""An officer never reads, lists or counts another consulate's case, through any route."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from admin import case_tools, login, pages
from core.models import OfficerRole
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace

# Every route of the admin's routers (the app mounts these, see admin/__init__.py).
ROUTES = [*login.router.routes, *pages.router.routes, *case_tools.router.routes]
CASE_ROUTES = [
    (method, route.path)
    for route in ROUTES
    if isinstance(route, APIRoute) and "{case_id}" in route.path
    for method in sorted(route.methods)
]
OTHER_ROUTES = [
    (method, route.path)
    for route in ROUTES
    if isinstance(route, APIRoute) and "{case_id}" not in route.path
    for method in sorted(route.methods)
]


def test_the_walk_covers_the_case_routes() -> None:
    paths = {path for _, path in CASE_ROUTES}
    assert {
        "/admin/cases/{case_id}",
        "/admin/cases/{case_id}/reply",
        "/admin/cases/{case_id}/segments",
        "/admin/cases/{case_id}/messages/{message_id}/redact",
    } <= paths
    assert len(CASE_ROUTES) >= 9


@pytest.mark.parametrize(("method", "path"), CASE_ROUTES)
def test_every_case_route_is_404_for_an_officer_of_another_consulate(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    assert case.consulate_id == office.consulate.id
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    with enlace.factory() as session:
        from core.models import Message

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
        from core.models import Case, CaseNote, Conversation, ConversationStatus

        message = session.get(Message, message_id)
        assert message is not None
        assert message.body == "HUMANO"
        assert message.redacted_at is None

        fresh = session.get(Case, case.id)
        assert fresh is not None
        assert fresh.officer_id is None
        assert fresh.closed_at is None
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.QUEUED
        assert session.query(CaseNote).filter_by(case_id=case.id).count() == 0


@pytest.mark.parametrize(("method", "path"), OTHER_ROUTES)
def test_no_other_route_shows_another_consulates_case(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, method: str, path: str
) -> None:
    _, case = ask_for_a_human(enlace)
    stranger = make_browser(office.other)
    stranger.login()
    if method != "GET":
        return  # login, logout and password change take no case
    response = stranger.get(path)
    assert response.status_code in (200, 303, 403)
    assert f"/admin/cases/{case.id}" not in response.text
    assert f'data-case="{case.id}"' not in response.text


def test_the_audit_log_is_for_admins_only(office: Office, make_browser: MakeBrowser) -> None:
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR)
    supervisor.login()
    assert supervisor.get("/admin/audit").status_code == 403
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert admin.get("/admin/audit").status_code == 200


def test_an_admin_sees_every_consulates_cases(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert f'data-case="{case.id}"' in admin.get("/admin/queue/rows").text
    assert admin.get(f"/admin/cases/{case.id}").status_code == 200
