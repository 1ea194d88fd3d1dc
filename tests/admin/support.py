"""Helpers of the admin tests: an officer's browser, a person asking for a human."""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass

from httpx import Response
from sqlalchemy import select

from core.models import Case, Conversation
from tests.harness import Enlace, new_phone

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
_ids = itertools.count(1)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
NEW_TOKEN = re.compile(r'<code id="new-token">([^<]+)</code>')


@dataclass
class Browser:
    """One officer's browser: its own cookies, the session's CSRF token once signed in."""

    client: TestClient
    email: str
    csrf: str = ""

    def login(self, password: str = PASSWORD) -> Response:
        page = self.client.get("/admin/login")
        token = CSRF.search(page.text)
        assert token is not None
        response = self.client.post(
            "/admin/login",
            data={"email": self.email, "password": password, "csrf": token[1]},
            follow_redirects=False,
        )
        if response.status_code == 303:
            queue = self.client.get("/admin")
            found = CSRF.search(queue.text)
            self.csrf = found[1] if found else ""
        return response

    def post(self, path: str, **data: str) -> Response:
        return self.client.post(path, data={"csrf": self.csrf, **data}, follow_redirects=False)

    def get(self, path: str) -> Response:
        return self.client.get(path, follow_redirects=False)


@dataclass
class Api:
    """One officer's script: a client with no cookies, sending its bearer token."""

    client: TestClient
    token: str
    officer_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: str) -> Response:
        return self.client.get(path, params=params, headers=self.headers)

    def post(self, path: str, body: dict[str, object] | None = None) -> Response:
        return self.client.post(path, json=body or {}, headers=self.headers)


def case_of(enlace: Enlace, phone: str) -> Case:
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        case = session.scalar(
            select(Case)
            .join(Conversation)
            .where(Conversation.person_id == person.id)
            .order_by(Case.id.desc())
        )
        assert case is not None
        return case


def ask_for_a_human(enlace: Enlace, text: str = "HUMANO") -> tuple[str, Case]:
    phone = new_phone()
    enlace.receive(phone, text)
    return phone, case_of(enlace, phone)
