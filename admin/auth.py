"""Who is asking, and what they may see: the admin's dependencies.

* `SignedInDep`: the officer behind the session cookie, or a redirect to the login page.
* `FormDep`: a POST's form, once its CSRF token matched the session's (403 otherwise).
* `ScopedCaseDep`: the one scope rule. A case outside the officer's consulate is 404, as if
  it did not exist; admins see every case, the fallback queue's included. Every route that
  takes a case id gets the case through it, and every list is filtered by `in_scope`.
* `ApiOfficerDep`, `ApiCaseDep`: the same for the JSON API, whose caller is the officer
  behind an `Authorization: Bearer` token (admin/tokens.py) and never behind the session
  cookie: a cookie alone opens no API route, so the API needs no CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Final

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import ColumnElement, true
from starlette.datastructures import FormData

from admin import tokens
from admin.accounts import session_for_token
from core.deps import SessionDep
from core.models import Case, Officer, OfficerRole, OfficerSession
from core.settings import Settings

COOKIE: Final = "enlace_session"
LOGIN_CSRF_COOKIE: Final = "enlace_login_csrf"
LOGIN_PATH: Final = "/admin/login"


@dataclass(frozen=True)
class SignedIn:
    officer: Officer
    row: OfficerSession

    @property
    def csrf(self) -> str:
        return self.row.csrf_token


def secure_cookies(settings: Settings) -> bool:
    """Cookies travel over HTTPS only, except on a plain-HTTP development or test host."""
    return settings.environment == "production" or settings.public_url.startswith("https:")


def _to_login() -> HTTPException:
    return HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": LOGIN_PATH})


def _signed_in(request: Request, session: SessionDep) -> SignedIn:
    token = request.cookies.get(COOKIE)
    row = session_for_token(session, token) if token else None
    officer = session.get(Officer, row.officer_id) if row is not None else None
    if row is None or officer is None or not officer.active:
        raise _to_login()
    return SignedIn(officer, row)


SignedInDep = Annotated[SignedIn, Depends(_signed_in)]


def same_token(sent: object, expected: str | None) -> bool:
    if not isinstance(sent, str) or not expected:
        return False
    return secrets.compare_digest(sent.encode(), expected.encode())


async def _checked_form(request: Request, signed: SignedInDep) -> FormData:
    form = await request.form()
    sent = form.get("csrf") or request.headers.get("x-csrf-token")
    if not same_token(sent, signed.csrf):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or wrong")
    return form


FormDep = Annotated[FormData, Depends(_checked_form)]


def in_scope(officer: Officer) -> ColumnElement[bool]:
    """The cases this officer may read, list or count."""
    if officer.role == OfficerRole.ADMIN:
        return true()
    return Case.consulate_id == officer.consulate_id


def may_see(officer: Officer, case: Case) -> bool:
    return officer.role == OfficerRole.ADMIN or (
        case.consulate_id is not None and case.consulate_id == officer.consulate_id
    )


def _scoped_case(case_id: int, signed: SignedInDep, session: SessionDep) -> Case:
    case = session.get(Case, case_id)
    if case is None or not may_see(signed.officer, case):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return case


ScopedCaseDep = Annotated[Case, Depends(_scoped_case)]


def _admin_only(signed: SignedInDep) -> SignedIn:
    if signed.officer.role != OfficerRole.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    return signed


AdminDep = Annotated[SignedIn, Depends(_admin_only)]


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="OfficerToken",
    description="A personal API token, made on the officer's profile page (/admin/password).",
)


def _api_officer(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Officer:
    officer = tokens.officer_for(session, credentials.credentials) if credentials else None
    if officer is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "A valid API token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    session.commit()  # the token's last use
    return officer


ApiOfficerDep = Annotated[Officer, Depends(_api_officer)]


def _api_case(case_id: int, officer: ApiOfficerDep, session: SessionDep) -> Case:
    case = session.get(Case, case_id)
    if case is None or not may_see(officer, case):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return case


ApiCaseDep = Annotated[Case, Depends(_api_case)]
