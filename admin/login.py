"""Signing in and out, one's password and API tokens (the profile page), and the audit log
admins read."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin import accounts, audit, tokens
from admin.audit import Action
from admin.auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    AdminDep,
    FormDep,
    SignedIn,
    SignedInDep,
    same_token,
    secure_cookies,
)
from admin.i18n import browser_locale, render
from core.deps import SessionDep, SettingsDep
from core.models import Officer

router = APIRouter(prefix="/admin", include_in_schema=False)


def _login_page(request: Request, error: str | None, status_code: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    page = render(
        request, "login.html", browser_locale(request), status_code, csrf=token, error=error
    )
    page.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/admin")
    return page


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request, None)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not same_token(csrf, request.cookies.get(LOGIN_CSRF_COOKIE)):
        return _login_page(request, "expired", 403)
    result = accounts.authenticate(session, email, password)
    if result.officer is None:
        failed = accounts.find_officer(session, email)
        audit.record(session, failed, Action.LOGIN_FAILED, locked=result.locked)
        session.commit()
        return _login_page(request, "locked" if result.locked else "wrong", 401)
    token, _row = accounts.start_session(session, result.officer)
    audit.record(session, result.officer, Action.LOGIN)
    session.commit()
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        secure=secure_cookies(settings),
        samesite="lax",
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/admin")
    return response


@router.post("/logout")
def logout(request: Request, signed: SignedInDep, session: SessionDep, _: FormDep) -> Response:
    accounts.end_session(session, request.cookies.get(COOKIE, ""))
    audit.record(session, signed.officer, Action.LOGOUT)
    session.commit()
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _profile(
    request: Request,
    signed: SignedIn,
    session: SessionDep,
    status_code: int = 200,
    error: str | None = None,
    new_token: str | None = None,
) -> HTMLResponse:
    """The profile page: password change, and the officer's API tokens (a new one shown once)."""
    locale = signed.officer.locale
    return render(
        request,
        "password.html",
        locale,
        status_code,
        signed=signed,
        error=error,
        tokens=tokens.owned(session, signed.officer),
        new_token=new_token,
    )


@router.get("/password", response_class=HTMLResponse)
def password_form(request: Request, signed: SignedInDep, session: SessionDep) -> HTMLResponse:
    return _profile(request, signed, session)


@router.post("/password", response_class=HTMLResponse)
def change_password(
    request: Request, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    current, new = str(form.get("current", "")), str(form.get("new", ""))
    try:
        changed = accounts.change_password(session, signed.officer, current, new)
    except accounts.WeakPassword:
        return _profile(request, signed, session, 400, error="weak")
    if not changed:
        return _profile(request, signed, session, 400, error="wrong")
    audit.record(session, signed.officer, Action.PASSWORD_CHANGED)
    session.commit()
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/tokens", response_class=HTMLResponse)
def create_token(
    request: Request, signed: SignedInDep, session: SessionDep, form: FormDep
) -> HTMLResponse:
    """A new API token, shown on this response only (the database keeps its hash)."""
    secret, row = tokens.issue(session, signed.officer, str(form.get("name", "")))
    audit.record(session, signed.officer, Action.TOKEN_CREATED, token_id=row.id)
    session.commit()
    page = _profile(request, signed, session, new_token=secret)
    page.headers["Cache-Control"] = "no-store"
    return page


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: int, signed: SignedInDep, session: SessionDep, _: FormDep) -> Response:
    """Only one's own tokens: another officer's token id is 404, as if it did not exist."""
    row = tokens.revoke(session, signed.officer, token_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    audit.record(session, signed.officer, Action.TOKEN_REVOKED, token_id=row.id)
    session.commit()
    return RedirectResponse("/admin/password", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_log(request: Request, signed: AdminDep, session: SessionDep) -> HTMLResponse:
    events = audit.recent(session)
    names = {o.id: o.display_name for o in session.query(Officer).all()}
    return render(
        request,
        "audit.html",
        signed.officer.locale,
        signed=signed,
        events=[(e, names.get(e.officer_id or 0)) for e in events],
    )
