"""Personal API tokens: made and revoked on the profile page, shown once, stored as a hash,
and opening nothing once revoked, for an inactive or locked-out officer, or as a cookie."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from admin.api import PREFIX
from core.models import AuditEvent, Officer, OfficerApiToken, utcnow
from tests.admin.conftest import MakeApi, MakeBrowser, Office
from tests.admin.support import NEW_TOKEN, Api, Browser
from tests.harness import Enlace


def _officer_id(enlace: Enlace, browser: Browser) -> int:
    with enlace.factory() as session:
        officer = session.scalar(select(Officer).where(Officer.email == browser.email))
        assert officer is not None
        return officer.id


def _made_on_the_page(browser: Browser, name: str = "mi script") -> str:
    page = browser.post("/admin/tokens", name=name)
    assert page.status_code == 200
    found = NEW_TOKEN.search(page.text)
    assert found is not None
    return found[1]


def _token_actions(enlace: Enlace, officer_id: int) -> list[str]:
    with enlace.factory() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.officer_id == officer_id, AuditEvent.action.like("token_%"))
                .order_by(AuditEvent.id)
            )
        )


def test_a_token_made_on_the_profile_page_is_shown_once_and_stored_as_its_hash(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    secret = _made_on_the_page(browser)
    assert secret not in browser.get("/admin/password").text
    assert "mi script" in browser.get("/admin/password").text
    with enlace.factory() as session:
        row = session.scalar(
            select(OfficerApiToken).where(
                OfficerApiToken.officer_id == _officer_id(enlace, browser)
            )
        )
        assert row is not None
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    api = Api(browser.client, secret, 0)
    browser.client.cookies.clear()
    assert api.get(f"{PREFIX}/cases").status_code == 200
    assert _token_actions(enlace, _officer_id(enlace, browser)) == ["token_created"]


def test_making_a_token_needs_the_forms_csrf_token(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    forged = browser.client.post("/admin/tokens", data={"name": "x"}, follow_redirects=False)
    assert forged.status_code == 403
    assert "new-token" not in forged.text


def test_a_revoked_token_opens_nothing_and_the_revocation_is_audited(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    secret = _made_on_the_page(browser)
    with enlace.factory() as session:
        row = session.scalar(select(OfficerApiToken).order_by(OfficerApiToken.id.desc()))
        assert row is not None
        token_id = row.id
    revoked = browser.post(f"/admin/tokens/{token_id}/revoke")
    assert revoked.status_code == 303
    headers = {"Authorization": f"Bearer {secret}"}
    assert enlace.client.get(f"{PREFIX}/cases", headers=headers).status_code == 401
    assert "Revocado" in browser.get("/admin/password").text
    officer_id = _officer_id(enlace, browser)
    assert _token_actions(enlace, officer_id) == ["token_created", "token_revoked"]


def test_an_officer_cannot_revoke_a_colleagues_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, make_api: MakeApi
) -> None:
    api = make_api(office.consulate)
    with enlace.factory() as session:
        row = session.scalar(
            select(OfficerApiToken).where(OfficerApiToken.officer_id == api.officer_id)
        )
        assert row is not None
        token_id = row.id
    colleague = make_browser(office.consulate)
    colleague.login()
    assert colleague.post(f"/admin/tokens/{token_id}/revoke").status_code == 404
    assert api.get(f"{PREFIX}/cases").status_code == 200


def test_no_token_or_a_wrong_one_is_401_with_a_bearer_challenge(
    enlace: Enlace, make_api: MakeApi, office: Office
) -> None:
    missing = enlace.client.get(f"{PREFIX}/cases")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    api = make_api(office.consulate)
    wrong = Api(api.client, api.token + "x", api.officer_id)
    assert wrong.get(f"{PREFIX}/cases").status_code == 401
    basic = api.client.get(f"{PREFIX}/cases", headers={"Authorization": f"Basic {api.token}"})
    assert basic.status_code == 401


def test_a_signed_in_browsers_cookie_alone_opens_no_api_route(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    assert browser.get("/admin").status_code == 200  # the cookie works for the pages
    assert browser.get(f"{PREFIX}/cases").status_code == 401
    assert browser.post(f"{PREFIX}/cases/1/claim").status_code == 401


def test_an_inactive_officers_token_stops_working(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    api = make_api(office.consulate)
    assert api.get(f"{PREFIX}/cases").status_code == 200
    with enlace.factory() as session:
        officer = session.get(Officer, api.officer_id)
        assert officer is not None
        officer.active = False
        session.commit()
    assert api.get(f"{PREFIX}/cases").status_code == 401


def test_a_locked_out_officers_token_stops_working_until_the_lock_ends(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    api = make_api(office.consulate)
    with enlace.factory() as session:
        officer = session.get(Officer, api.officer_id)
        assert officer is not None
        officer.locked_until = utcnow() + timedelta(minutes=10)
        session.commit()
    assert api.get(f"{PREFIX}/cases").status_code == 401
    with enlace.factory() as session:
        officer = session.get(Officer, api.officer_id)
        assert officer is not None
        officer.locked_until = utcnow() - timedelta(minutes=1)
        session.commit()
    assert api.get(f"{PREFIX}/cases").status_code == 200


def test_using_a_token_records_when_it_was_last_used(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    api = make_api(office.consulate)
    api.get(f"{PREFIX}/cases")
    with enlace.factory() as session:
        row = session.scalar(
            select(OfficerApiToken).where(OfficerApiToken.officer_id == api.officer_id)
        )
        assert row is not None
        assert row.last_used_at is not None
        assert row.revoked_at is None
