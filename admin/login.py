"""Signing in and out, changing one's password, and the audit log admins read."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin import accounts, audit
from admin.audit import Action
from admin.auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    AdminDep,
    FormDep,
    SignedInDep,
    same_token,
    secure_cookies,
)
from admin.i18n import browser_locale, render, when
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


@router.get("/password", response_class=HTMLResponse)
def password_form(request: Request, signed: SignedInDep) -> HTMLResponse:
    return render(request, "password.html", signed.officer.locale, signed=signed, error=None)


@router.post("/password", response_class=HTMLResponse)
def change_password(
    request: Request, signed: SignedInDep, session: SessionDep, form: FormDep
) -> Response:
    current, new = str(form.get("current", "")), str(form.get("new", ""))
    try:
        changed = accounts.change_password(session, signed.officer, current, new)
    except accounts.WeakPassword:
        return render(
            request, "password.html", signed.officer.locale, 400, signed=signed, error="weak"
        )
    if not changed:
        return render(
            request, "password.html", signed.officer.locale, 400, signed=signed, error="wrong"
        )
    audit.record(session, signed.officer, Action.PASSWORD_CHANGED)
    session.commit()
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/audit", response_class=HTMLResponse)
def audit_log(request: Request, signed: AdminDep, session: SessionDep) -> HTMLResponse:
    events = audit.recent(session)
    names = {o.id: o.display_name for o in session.query(Officer).all()}
    locale = signed.officer.locale
    return render(
        request,
        "audit.html",
        locale,
        signed=signed,
        events=[(e, names.get(e.officer_id or 0), when(e.at, locale)) for e in events],
    )
