"""Consulates and officers' browsers for the admin tests, on the harness app."""

from __future__ import annotations

import itertools
import secrets
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from admin import tokens
from admin.accounts import create_officer, ensure_consulate
from core.models import Consulate, OfficerRole
from tests.admin.support import PASSWORD, Api, Browser
from tests.harness import Enlace

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

_ids = itertools.count(1)
MakeBrowser = Callable[..., Browser]
MakeApi = Callable[..., Api]


@dataclass
class Office:
    consulate: Consulate
    other: Consulate


@pytest.fixture(scope="module")
def office(enlace: Enlace) -> Office:
    """The consulate that takes unrouted cases (as the demo one does) and another one."""
    with enlace.factory() as session:  # the database outlives a module: found by name
        home = ensure_consulate(session, "Consulado (tests)", "MX", takes_unrouted=True)
        other = ensure_consulate(session, "Otro consulado (tests)", "GT")
        session.commit()
        return Office(home, other)


@pytest.fixture
def make_browser(enlace: Enlace) -> Iterator[MakeBrowser]:
    clients: list[TestClient] = []

    def make(
        consulate: Consulate, role: OfficerRole = OfficerRole.OFFICER, locale: str = "es"
    ) -> Browser:
        email = f"officer{next(_ids)}-{secrets.token_hex(3)}@consulado.example"
        with enlace.factory() as session:
            create_officer(
                session, consulate, email, PASSWORD, f"Officer {email[:9]}", role, locale
            )
            session.commit()
        client = TestClient(enlace.app, base_url="https://testserver")
        clients.append(client)
        return Browser(client, email)

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def make_api(enlace: Enlace) -> Iterator[MakeApi]:
    """An officer (made here) and an API client holding one of their tokens."""
    clients: list[TestClient] = []

    def make(consulate: Consulate, role: OfficerRole = OfficerRole.OFFICER) -> Api:
        email = f"api{next(_ids)}-{secrets.token_hex(3)}@consulado.example"
        with enlace.factory() as session:
            officer = create_officer(
                session, consulate, email, PASSWORD, f"Officer {email[:9]}", role
            )
            secret, _row = tokens.issue(session, officer, "tests")
            session.commit()
            officer_id = officer.id
        client = TestClient(enlace.app, base_url="https://testserver")
        clients.append(client)
        return Api(client, secret, officer_id)

    yield make
    for client in clients:
        client.close()
