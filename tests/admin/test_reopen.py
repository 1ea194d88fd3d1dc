"""Reopening a closed case: back in its consulate's queue, unassigned, through the owner state
machine and audited; on the case page and in the API, under the same scope rule."""

from __future__ import annotations

from sqlalchemy import select

from admin.api import PREFIX
from core.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Conversation,
    ConversationStatus,
    OfficerRole,
    OwnershipChange,
)
from tests.admin.conftest import MakeApi, MakeBrowser, Office
from tests.admin.support import Browser, ask_for_a_human, case_of
from tests.harness import Enlace


def _closed_case(enlace: Enlace, officer: Browser) -> tuple[str, Case]:
    phone, case = ask_for_a_human(enlace)
    assert officer.post(f"/admin/cases/{case.id}/claim").status_code == 303
    assert officer.post(f"/admin/cases/{case.id}/close", outcome="referred").status_code == 303
    return phone, case


def _state(enlace: Enlace, case: Case) -> tuple[CaseStatus, ConversationStatus]:
    with enlace.factory() as session:
        fresh = session.get(Case, case.id)
        conversation = session.get(Conversation, case.conversation_id)
        assert fresh is not None
        assert conversation is not None
        return fresh.status, conversation.status


def test_an_officer_reopens_a_closed_case_into_the_queue_and_it_is_audited(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    phone, case = _closed_case(enlace, officer)
    enlace.receive(phone, "sigo con el mismo problema del pasaporte")
    page = officer.get(f"/admin/cases/{case.id}").text
    assert 'id="reopen"' in page
    assert "Mensajes de la persona desde que se cerró: 1" in page

    reopened = officer.post(f"/admin/cases/{case.id}/reopen")
    assert reopened.headers["location"].endswith("?notice=reopened")
    assert "Caso reabierto" in officer.get(reopened.headers["location"]).text
    with enlace.factory() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        assert (fresh.status, fresh.officer_id, fresh.closed_at, fresh.outcome) == (
            CaseStatus.OPEN,
            None,
            None,
            None,
        )
        move = session.scalars(
            select(OwnershipChange)
            .where(OwnershipChange.conversation_id == case.conversation_id)
            .order_by(OwnershipChange.id.desc())
        ).first()
        assert move is not None
        assert (move.from_status, move.to_status, move.reason) == (
            ConversationStatus.BOT,
            ConversationStatus.QUEUED,
            "reopened",
        )
        actions = [
            (e.action, e.detail)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
            )
            if e.action in ("close", "reopen")
        ]
        assert actions == [
            ("close", {"outcome": "referred"}),
            ("reopen", {"closed_with": "referred"}),
        ]
    assert f'data-case="{case.id}"' in officer.get("/admin/queue/rows").text


def test_reopening_needs_the_forms_csrf_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    _, case = _closed_case(enlace, officer)
    forged = officer.client.post(f"/admin/cases/{case.id}/reopen", follow_redirects=False)
    assert forged.status_code == 403
    assert _state(enlace, case) == (CaseStatus.CLOSED, ConversationStatus.BOT)


def test_an_open_case_is_not_reopened(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    _, case = ask_for_a_human(enlace)
    refused = officer.post(f"/admin/cases/{case.id}/reopen")
    assert refused.headers["location"].endswith("?notice=still_open")
    assert _state(enlace, case) == (CaseStatus.OPEN, ConversationStatus.QUEUED)


def test_a_case_the_person_asked_again_since_points_to_the_later_one(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    phone, old = _closed_case(enlace, officer)
    enlace.receive(phone, "HUMANO")
    new = case_of(enlace, phone)
    assert new.id != old.id
    page = officer.get(f"/admin/cases/{old.id}").text
    assert 'id="reopen"' not in page
    assert f'href="/admin/cases/{new.id}"' in page
    refused = officer.post(f"/admin/cases/{old.id}/reopen")
    assert refused.headers["location"].endswith("?notice=newer")
    assert _state(enlace, old)[0] == CaseStatus.CLOSED


def test_an_officer_of_another_consulate_cannot_reopen_a_closed_case(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, make_api: MakeApi
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    _, case = _closed_case(enlace, officer)
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    assert stranger.post(f"/admin/cases/{case.id}/reopen").status_code == 404
    script = make_api(office.other, OfficerRole.SUPERVISOR)
    assert script.post(f"{PREFIX}/cases/{case.id}/reopen").status_code == 404
    assert _state(enlace, case) == (CaseStatus.CLOSED, ConversationStatus.BOT)


def test_the_api_reopens_a_closed_case_and_refuses_an_open_one(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, make_api: MakeApi
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    _, case = _closed_case(enlace, officer)
    api = make_api(office.consulate)
    reopened = api.post(f"{PREFIX}/cases/{case.id}/reopen")
    assert reopened.status_code == 200
    body = reopened.json()
    assert (body["status"], body["officer_id"], body["closed_at"], body["outcome"]) == (
        "open",
        None,
        None,
        None,
    )
    again = api.post(f"{PREFIX}/cases/{case.id}/reopen")
    assert (again.status_code, again.json()["detail"]) == (409, "still_open")
    assert _state(enlace, case) == (CaseStatus.OPEN, ConversationStatus.QUEUED)
    # The reopened case can be claimed and worked like any other.
    assert api.post(f"{PREFIX}/cases/{case.id}/claim").json()["status"] == "assigned"


def test_the_queue_lists_a_closed_case_the_person_wrote_about_again(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    phone, case = _closed_case(enlace, officer)
    assert f'data-closed-case="{case.id}"' not in officer.get("/admin").text  # nothing new
    enlace.receive(phone, "otra vez no me pagaron")
    queue = officer.get("/admin").text
    assert f'data-closed-case="{case.id}"' in queue
    stranger = make_browser(office.other, OfficerRole.SUPERVISOR)
    stranger.login()
    assert f'data-closed-case="{case.id}"' not in stranger.get("/admin").text
    officer.post(f"/admin/cases/{case.id}/reopen")
    assert f'data-closed-case="{case.id}"' not in officer.get("/admin").text  # open again


def test_a_closed_case_with_a_later_case_is_not_listed_to_reopen(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    phone, case = _closed_case(enlace, officer)
    enlace.receive(phone, "HUMANO")
    assert f'data-closed-case="{case.id}"' not in officer.get("/admin").text
