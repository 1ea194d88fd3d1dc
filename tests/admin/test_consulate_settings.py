"""Consulate settings: admins name consulates, set their first-response targets and create new
ones, audited; a supervisor reads their own consulate's target; officers see none of it."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import select

from core.models import AuditEvent, Consulate, OfficerRole
from tests.admin.conftest import MakeBrowser, Office
from tests.harness import Enlace


def _consulate(enlace: Enlace, consulate_id: int) -> Consulate:
    with enlace.factory() as session:
        found = session.get(Consulate, consulate_id)
        assert found is not None
        return found


def _events(enlace: Enlace, action: str) -> list[AuditEvent]:
    with enlace.factory() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            )
        )


@pytest.fixture
def spare(enlace: Enlace) -> Consulate:
    """A consulate of its own for a test that changes one (the database outlives a test)."""
    with enlace.factory() as session:
        consulate = Consulate(
            name=f"Consulado {secrets.token_hex(3)}", country="NZ", first_response_target_minutes=30
        )
        session.add(consulate)
        session.commit()
        return consulate


def test_an_admin_changes_a_consulates_name_and_target_and_it_is_audited(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, spare: Consulate
) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    page = admin.get("/admin/consulates").text
    assert f'action="/admin/consulates/{spare.id}"' in page
    new_name = spare.name + " (Tijuana)"
    saved = admin.post(f"/admin/consulates/{spare.id}", name=new_name, target_minutes="45")
    assert saved.status_code == 303
    assert "notice=saved" in saved.headers["location"]
    fresh = _consulate(enlace, spare.id)
    assert (fresh.name, fresh.first_response_target_minutes) == (new_name, 45)
    (event,) = [e for e in _events(enlace, "consulate_changed") if e.consulate_id == spare.id]
    assert event.detail == {
        "consulate_id": spare.id,
        "changed": {"name": [spare.name, new_name], "first_response_target_minutes": [30, 45]},
    }


def test_the_queue_clock_follows_the_new_target(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, spare: Consulate
) -> None:
    from admin.clock import targets

    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    admin.post(f"/admin/consulates/{spare.id}", name=spare.name, target_minutes="90")
    with enlace.factory() as session:
        assert targets(session, [spare.id])[spare.id].total_seconds() == 90 * 60


@pytest.mark.parametrize(
    ("name", "target", "error"),
    [
        ("", "30", "Escriba un nombre"),
        ("Consulado (tests)", "30", "Otro consulado ya tiene ese nombre"),
        (None, "0", "El objetivo es un número entero de minutos"),
        (None, "treinta", "El objetivo es un número entero de minutos"),
        (None, "100000", "El objetivo es un número entero de minutos"),
    ],
)
def test_a_wrong_setting_is_refused_with_why_and_nothing_changes(
    enlace: Enlace,
    office: Office,
    make_browser: MakeBrowser,
    spare: Consulate,
    name: str | None,
    target: str,
    error: str,
) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    refused = admin.post(
        f"/admin/consulates/{spare.id}",
        name=spare.name if name is None else name,
        target_minutes=target,
    )
    assert refused.status_code == 400
    assert error in refused.text
    fresh = _consulate(enlace, spare.id)
    assert (fresh.name, fresh.first_response_target_minutes) == (spare.name, 30)


def test_an_admin_creates_a_consulate_and_it_is_audited(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    name = f"Consulado en Auckland {secrets.token_hex(3)}"
    created = admin.post("/admin/consulates", name=name, country="NZ", target_minutes="20")
    assert created.status_code == 303
    with enlace.factory() as session:
        consulate = session.scalar(select(Consulate).where(Consulate.name == name))
        assert consulate is not None
        assert (consulate.country, consulate.first_response_target_minutes) == ("NZ", 20)
        assert not consulate.takes_unrouted
        consulate_id = consulate.id
    (event,) = [e for e in _events(enlace, "consulate_created") if e.consulate_id == consulate_id]
    assert event.detail["first_response_target_minutes"] == 20
    assert name in admin.get("/admin/consulates").text


def test_a_consulate_needs_a_real_country(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    name = f"Consulado {secrets.token_hex(3)}"
    refused = admin.post("/admin/consulates", name=name, country="XX", target_minutes="20")
    assert refused.status_code == 400
    assert "Elija el país" in refused.text
    with enlace.factory() as session:
        assert session.scalar(select(Consulate).where(Consulate.name == name)) is None


def test_a_supervisor_reads_their_own_consulates_target_only(
    office: Office, make_browser: MakeBrowser
) -> None:
    supervisor = make_browser(office.consulate, OfficerRole.SUPERVISOR, "en")
    supervisor.login()
    page = supervisor.get("/admin/consulates")
    assert page.status_code == 200
    assert office.consulate.name in page.text
    assert office.other.name not in page.text
    assert 'class="target"' in page.text
    assert 'action="/admin/consulates' not in page.text  # read only
    assert "Only an administrator can change these settings." in page.text


@pytest.mark.parametrize("role", [OfficerRole.OFFICER, OfficerRole.SUPERVISOR])
def test_nobody_but_an_admin_changes_or_creates_a_consulate(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, spare: Consulate, role: OfficerRole
) -> None:
    browser = make_browser(office.consulate, role)
    browser.login()
    changed = browser.post(f"/admin/consulates/{spare.id}", name="Otro", target_minutes="5")
    mine = browser.post(f"/admin/consulates/{office.consulate.id}", name="Otro", target_minutes="5")
    name = f"Consulado {secrets.token_hex(3)}"
    created = browser.post("/admin/consulates", name=name, country="NZ", target_minutes="5")
    assert (changed.status_code, mine.status_code, created.status_code) == (403, 403, 403)
    assert _consulate(enlace, spare.id).name == spare.name
    assert _consulate(enlace, office.consulate.id).name == office.consulate.name
    with enlace.factory() as session:
        assert session.scalar(select(Consulate).where(Consulate.name == name)) is None


def test_an_officer_cannot_read_the_settings(office: Office, make_browser: MakeBrowser) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    assert officer.get("/admin/consulates").status_code == 403


def test_changing_settings_needs_the_forms_csrf_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, spare: Consulate
) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    forged = admin.client.post(
        f"/admin/consulates/{spare.id}",
        data={"name": "Forjado", "target_minutes": "5"},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    assert _consulate(enlace, spare.id).name == spare.name


def test_an_unknown_consulate_is_404(office: Office, make_browser: MakeBrowser) -> None:
    admin = make_browser(office.other, OfficerRole.ADMIN)
    admin.login()
    assert admin.post("/admin/consulates/999999", name="X", target_minutes="5").status_code == 404
