"""One real stack per test run: the trained Rasa model, and the app on SQLite and PostgreSQL.

Rasa loads once (about 30 s); both apps talk to it, and it calls the SQLite app's action
endpoint (actions read only the knowledge base, so either app would do).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from core.crypto import new_data_key
from tools.ports import free_port
from tools.postgres import PostgresServer
from tools.stack import Stack
from tools.train import model_path

TOKEN_NAMES = ("ENLACE_RASA_TOKEN", "ENLACE_ACTION_TOKEN")


def app_env(database_url: str, rasa: Stack | None = None) -> dict[str, str]:
    """An app's settings; apps beside a running Rasa share its API and action tokens."""
    tokens = (
        {name: rasa.env[name] for name in TOKEN_NAMES}
        if rasa is not None
        else {name: secrets.token_urlsafe(16) for name in TOKEN_NAMES}
    )
    return {
        "ENLACE_ENVIRONMENT": "test",
        "ENLACE_DATABASE_URL": database_url,
        "ENLACE_DATA_KEY": new_data_key(),
        "ENLACE_LOOKUP_KEY": secrets.token_urlsafe(32),
        "ENLACE_OUTBOX_POLL_SECONDS": "0.2",
        **tokens,
    }


def app_beside(rasa: Stack, log_dir: Path, env: dict[str, str], port: int | None = None) -> Stack:
    """A second app process talking to the session's Rasa server."""
    stack = Stack(app_port=port or free_port(), rasa_port=rasa.rasa_port, log_dir=log_dir, env=env)
    stack.start_app()
    return stack


@pytest.fixture(scope="session")
def rasa_and_sqlite_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    model = model_path()
    if not model.exists():
        pytest.fail(f"no trained model at {model}: run `make train` (make test does)")
    tmp = tmp_path_factory.mktemp("stack")
    stack = Stack(
        app_port=free_port(),
        rasa_port=free_port(),
        log_dir=tmp,
        env=app_env(f"sqlite:///{tmp / 'enlace.db'}"),
    )
    stack.start_rasa(model)
    stack.start_app()
    with stack.serving() as running:
        yield running


@pytest.fixture(scope="session")
def postgres_app(
    rasa_and_sqlite_app: Stack,
    postgres_server: PostgresServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    """The app on a PostgreSQL database of its own: the database tests commit rows there
    under other keys (replies still queued for retry), which this app must never claim."""
    env = app_env(postgres_server.create_database("enlace_stack"), rasa_and_sqlite_app)
    stack = app_beside(rasa_and_sqlite_app, tmp_path_factory.mktemp("pgstack"), env)
    with stack.serving() as running:
        yield running


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def app_url(request: pytest.FixtureRequest) -> str:
    stack: Stack = request.getfixturevalue(
        "rasa_and_sqlite_app" if request.param == "sqlite" else "postgres_app"
    )
    return stack.app_url


class Phone:
    """A person texting through the simulator: the path of a Twilio message after its check."""

    def __init__(self, base_url: str, channel: str = "sms") -> None:
        self.number = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))
        self.channel = channel
        self._client = httpx.Client(base_url=base_url, timeout=30)

    def send(self, text: str) -> dict[str, Any]:
        response = self._client.post(
            "/simulator/api/messages",
            json={"channel": self.channel, "phone": self.number, "text": text},
        )
        response.raise_for_status()
        turn: dict[str, Any] = response.json()
        return turn

    def thread(self) -> list[dict[str, Any]]:
        response = self._client.get(
            "/simulator/api/messages", params={"phone": self.number, "channel": self.channel}
        )
        response.raise_for_status()
        messages: list[dict[str, Any]] = response.json()
        return messages

    def close(self) -> None:
        self._client.close()


@pytest.fixture
def phone(app_url: str) -> Iterator[Phone]:
    device = Phone(app_url)
    yield device
    device.close()


@pytest.fixture
def whatsapp(app_url: str) -> Iterator[Phone]:
    device = Phone(app_url, channel="whatsapp")
    yield device
    device.close()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "data"
