"""Fixtures every tier shares: settings, both databases, and (lazily) a running stack.

Database tests run on SQLite and on a private PostgreSQL server, migrated once per run,
with one rolled-back transaction per test.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from admin import accounts
from core import migrate
from core.crypto import PhoneVault, new_data_key
from core.db import make_engine
from core.settings import Settings
from tests.fakes import FakeTwilio
from tools.postgres import PostgresServer

# The app wired to fakes (`enlace`, `fake_rasa`), for the channels and conversations tests.
pytest_plugins = ["tests.harness"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test fails the run: a skip there means something CI should have had
    (a server, a file, a tool) was missing, and a green run would hide it."""
    if os.environ.get("CI", "").lower() not in {"true", "1"}:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and exitstatus == pytest.ExitCode.OK:
        if reporter is not None:
            reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) fail the run", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes() -> Iterator[None]:
    """Officers' passwords are still argon2id hashes, salted, made and checked by the app's
    code, but at argon2's smallest cost (1 pass, 1 MiB, 1 lane) instead of the production one
    (3 passes, 64 MiB, 4 lanes): tests/admin made and checked 765 of them, about 0.26 s of
    processor time each, most of that directory's time. An unknown address is still checked
    against the dummy hash made at import, at the production cost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        yield


TEST_KEYS = {"data_key": new_data_key(), "lookup_key": secrets.token_urlsafe(32)}


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "rasa_token": "test-rasa-token",
        "action_token": "test-action-token",
        **TEST_KEYS,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    return postgres_server.url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'enlace.db'}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each database test runs twice: on SQLite and on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose every commit is undone when the test ends."""
    connection = engine.connect()
    transaction = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield db
    db.close()
    transaction.rollback()
    connection.close()


@pytest.fixture(scope="session")
def fake_twilio() -> Iterator[FakeTwilio]:
    """A loopback fake of Twilio's Messages API (tests/fakes.py)."""
    fake = FakeTwilio()
    yield fake
    fake.server.stop()


@pytest.fixture(scope="session")
def vault() -> PhoneVault:
    return PhoneVault(TEST_KEYS["data_key"], TEST_KEYS["lookup_key"])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
