"""`make admin-user` creates an account; the demo login exists in development only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from admin.accounts import authenticate
from admin.demo import DEMO_EMAIL, NotDevelopment, ensure_demo
from conversations import routing
from core import migrate
from core.db import make_engine, make_session_factory
from core.models import Consulate, Officer, OfficerRole, Person
from core.settings import get_settings
from tests.conftest import TEST_KEYS
from tools import admin_user


@pytest.fixture
def sqlite_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ENLACE_DATABASE_URL", url)
    monkeypatch.setenv("ENLACE_ENVIRONMENT", "test")
    monkeypatch.setenv("ENLACE_DATA_KEY", TEST_KEYS["data_key"])
    monkeypatch.setenv("ENLACE_LOOKUP_KEY", TEST_KEYS["lookup_key"])
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_admin_user_creates_an_admin_who_can_sign_in(
    sqlite_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_NEW_PASSWORD", "una clave bastante larga")
    code = admin_user.main(
        ["--email", "Jefa@Consulado.example", "--consulate", "Consulado en Houston"]
    )
    assert code == 0
    engine = make_engine(sqlite_db)
    with make_session_factory(engine)() as session:
        result = authenticate(session, "jefa@consulado.example", "una clave bastante larga")
        assert result.officer is not None
        assert result.officer.role == OfficerRole.ADMIN
    engine.dispose()


def test_admin_user_gives_a_new_consulate_the_places_it_serves(
    sqlite_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_NEW_PASSWORD", "una clave bastante larga")
    argv = ["--email", "h@consulado.example", "--consulate", "Houston", "--serves", "us-tx, US-OK"]
    assert admin_user.main(argv) == 0
    engine = make_engine(sqlite_db)
    with make_session_factory(engine)() as session:
        consulate = session.scalars(select(Consulate).where(Consulate.name == "Houston")).one()
        assert (consulate.places, consulate.serves) == (["US-TX", "US-OK"], "US-TX, US-OK")
    engine.dispose()
    wrong = ["--email", "x@consulado.example", "--consulate", "X", "--serves", "US-XX"]
    assert admin_user.main(wrong) == 1


def test_admin_user_refuses_a_short_password(
    sqlite_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_NEW_PASSWORD", "corta")
    assert admin_user.main(["--email", "a@b.example", "--consulate", "X"]) == 1


def test_the_demo_officer_is_made_once_and_only_in_development(sqlite_db: str) -> None:
    engine = make_engine(sqlite_db)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        with pytest.raises(NotDevelopment):
            ensure_demo(session, "production", "una clave de demo larga")
        ensure_demo(session, "development", "una clave de demo larga")
        ensure_demo(session, "development", "una clave de demo larga")
        officers = session.scalars(select(Officer).where(Officer.email == DEMO_EMAIL)).all()
        assert len(officers) == 1
        consulate = session.get(Consulate, officers[0].consulate_id)
        assert consulate is not None
        assert consulate.takes_unrouted
        assert (consulate.country, consulate.places) == ("MX", ["US-TX"])
        # A HUMANO from the simulator lands in the demo queue whatever the person says.
        for origin, where, region in [
            (None, None, None),
            ("MX", "US", "US-TX"),
            ("MX", "US", None),
            ("GT", "US", "US-CA"),
        ]:
            person = Person(
                address_hash=f"demo{origin}{region}",
                address_encrypted=b"x",
                country_origin=origin,
                country_destination=where,
                region_destination=region,
            )
            assert routing.route(session, person) == consulate.id
    engine.dispose()
