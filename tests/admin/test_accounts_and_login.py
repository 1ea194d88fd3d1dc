"""Accounts: argon2 hashes, lockout, sessions in a secure cookie, CSRF, logout, password change."""

from __future__ import annotations

from sqlalchemy import select

from admin.accounts import MAX_FAILURES, authenticate, hash_password
from core.models import AuditEvent, Officer
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import PASSWORD
from tests.harness import Enlace


def test_a_password_is_stored_as_an_argon2id_hash(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    with enlace.factory() as session:
        officer = session.scalar(select(Officer).where(Officer.email == browser.email))
        assert officer is not None
        assert officer.password_hash.startswith("$argon2id$")
        assert PASSWORD not in officer.password_hash


def test_signing_in_sets_a_secure_http_only_session_cookie(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    response = browser.login()
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "enlace_session=" in cookie
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "samesite=lax" in cookie.lower()


def test_the_queue_sends_a_stranger_to_the_login_page(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    response = browser.get("/admin")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/login"


def test_a_login_without_its_csrf_token_is_refused(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    response = browser.client.post(
        "/admin/login", data={"email": browser.email, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403


def test_a_wrong_password_is_refused_and_audited(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    assert browser.login("not the password").status_code == 401
    with enlace.factory() as session:
        officer = session.scalar(select(Officer).where(Officer.email == browser.email))
        assert officer is not None
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.officer_id == officer.id)
        ).all()
    assert actions == ["login_failed"]


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    for _ in range(MAX_FAILURES - 1):
        assert browser.login("wrong password!").status_code == 401
    locked = browser.login("wrong password!")
    assert locked.status_code == 401
    assert "bloqueada" in locked.text
    assert browser.login().status_code == 401


def test_authenticate_forgets_failures_after_a_success(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    with enlace.factory() as session:
        for _ in range(MAX_FAILURES - 1):
            assert authenticate(session, browser.email, "nope nope nope").officer is None
        assert authenticate(session, browser.email, PASSWORD).officer is not None
        officer = session.scalar(select(Officer).where(Officer.email == browser.email))
        assert officer is not None
        assert officer.failed_logins == 0


def test_a_post_without_the_session_csrf_token_is_refused(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    response = browser.client.post("/admin/logout", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert browser.get("/admin").status_code == 200


def test_after_logout_the_old_cookie_opens_nothing(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    stolen = browser.client.cookies.get("enlace_session")
    assert stolen
    assert browser.post("/admin/logout").status_code == 303
    browser.client.cookies.clear()
    replayed = browser.client.get(
        "/admin", headers={"cookie": f"enlace_session={stolen}"}, follow_redirects=False
    )
    assert replayed.status_code == 303


def test_changing_the_password_signs_out_and_the_new_one_works(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    browser.login()
    weak = browser.post("/admin/password", current=PASSWORD, new="short")
    assert weak.status_code == 400
    changed = browser.post("/admin/password", current=PASSWORD, new="a much longer passphrase")
    assert changed.status_code == 303
    assert browser.get("/admin").status_code == 303
    assert browser.login(PASSWORD).status_code == 401
    assert browser.login("a much longer passphrase").status_code == 303


def test_a_short_password_is_refused_when_an_account_is_made() -> None:
    import pytest

    from admin.accounts import WeakPassword

    with pytest.raises(WeakPassword):
        hash_password("123456789")
