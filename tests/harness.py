"""The app wired to a fake Twilio and a fake Rasa, plus helpers to talk to it like Twilio.

A pytest plugin of the root conftest (`pytest_plugins`), so the channels, conversations and
admin tests share its fixtures. One app per database per test run (start-up loads the
knowledge base and language models: 3-6 s each on a loaded machine, and there were about 70,
one per module and database); the database persists between tests, as it always did, so every test
uses its own phone numbers and consulates are found by name. The fakes are reset before
every test; a test that swaps something on `app.state` puts it back (docs/testing.md).
"""

from __future__ import annotations

import itertools
import random
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from twilio.request_validator import RequestValidator

from actions.knowledge_access import Library, load_library
from app import main as app_main
from app.main import create_app
from channels.models import DeliveryStatus, OutboxItem
from channels.outbox import deliver_due
from channels.senders import Sender
from core.models import Channel, Conversation, Message, Person, utcnow
from core.settings import REPO_ROOT
from tests.conftest import make_settings
from tests.fakes import TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, FakeRasa, FakeTwilio

with warnings.catch_warnings():  # this starlette deprecates httpx for its test client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

AUTH_TOKEN = TEST_AUTH_TOKEN
ACCOUNT_SID = TEST_ACCOUNT_SID
PUBLIC_URL = "https://enlace.example.org"
SMS_FROM = "+15550000000"
WHATSAPP_FROM = "whatsapp:+15550000001"

_numbers = itertools.count(random.randrange(1_000_000, 8_000_000))
_sids = itertools.count(1)


def new_phone() -> str:
    return f"+1555{next(_numbers):07d}"


def new_sid() -> str:
    return f"SM{random.getrandbits(96):024x}{next(_sids):08d}"


def sign(url: str, params: dict[str, str], token: str = AUTH_TOKEN) -> str:
    signature: str = RequestValidator(token).compute_signature(url, params)
    return signature


@pytest.fixture(scope="session")
def fake_rasa() -> Iterator[FakeRasa]:
    fake = FakeRasa()
    yield fake
    fake.server.stop()


@pytest.fixture(autouse=True)
def _reset_fakes(request: pytest.FixtureRequest) -> None:
    for name in ("fake_twilio", "fake_rasa"):
        if name in request.fixturenames:
            request.getfixturevalue(name).reset()


@pytest.fixture(autouse=True)
def _restore_app_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """The app outlives a test, so what a test swaps on `app.state` (settings, the queue) is
    put back after it, whatever the test did: pytest's `monkeypatch.setattr` on a Starlette
    `State` deletes the attribute on undo instead of restoring it (it looks in `__dict__`)."""
    if "enlace" not in request.fixturenames:
        yield
        return
    state = request.getfixturevalue("enlace").app.state
    before = dict(state._state)
    yield
    state._state.clear()
    state._state.update(before)


@pytest.fixture(scope="session", autouse=True)
def _one_knowledge_base_per_run() -> Iterator[None]:
    """Every app a test starts reads the repository's knowledge base: read and index it once
    per run (3-4 s an app otherwise). The library is read-only once built, as the app shares it
    between requests; any other folder is still read afresh."""
    knowledge = (REPO_ROOT / "knowledge").resolve()
    loaded: list[Library] = []

    def load(root: Path) -> Library:
        if Path(root).resolve() != knowledge:
            return load_library(root)
        if not loaded:
            loaded.append(load_library(root))
        return loaded[0]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_main, "load_library", load)
        yield


@dataclass
class Enlace:
    """The running app as Twilio and a test see it."""

    app: FastAPI
    client: TestClient
    twilio: FakeTwilio
    rasa: FakeRasa

    @property
    def factory(self) -> sessionmaker[Session]:
        factory: sessionmaker[Session] = self.app.state.session_factory
        return factory

    def post(self, path: str, params: dict[str, str], *, signature: str | None = None) -> Response:
        url = f"{PUBLIC_URL}{path}"
        headers = {"X-Twilio-Signature": sign(url, params) if signature is None else signature}
        return self.client.post(path, data=params, headers=headers)

    def receive(
        self,
        phone: str,
        body: str = "",
        *,
        channel: Channel = Channel.SMS,
        sid: str | None = None,
        deliver: bool = True,
        **fields: str,
    ) -> Response:
        """Twilio delivering one inbound message; then the turn runs and the outbox drains."""
        whatsapp = channel == Channel.WHATSAPP
        params = {
            "MessageSid": sid or new_sid(),
            "AccountSid": ACCOUNT_SID,
            "From": f"whatsapp:{phone}" if whatsapp else phone,
            "To": WHATSAPP_FROM if whatsapp else SMS_FROM,
            "Body": body,
            "NumMedia": "0",
            **fields,
        }
        if whatsapp:
            params.setdefault("ProfileName", "Rosa Example")
        response = self.post(f"/twilio/{channel.value}", params)
        self.process()
        if deliver:
            self.deliver()
        return response

    def process(self) -> None:
        self.client.portal.call(self.app.state.stored_messages.drain)

    def deliver(self, sender: Sender | None = None) -> int:
        state = self.app.state
        accepted: int = self.client.portal.call(
            deliver_due,
            self.factory,
            sender or state.sender,
            state.vault,
            state.settings.outbox_max_attempts,
            200,
        )
        return accepted

    def make_retries_due(self) -> None:
        with self.factory() as session:
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.status == DeliveryStatus.QUEUED)
                .values(next_attempt_at=utcnow())
            )
            session.commit()

    def replies_to(self, phone: str) -> list[str]:
        return [form.get("Body", "") for form in self.twilio.sent(phone)]

    def person(self, session: Session, phone: str) -> Person | None:
        digest = self.app.state.vault.lookup_hash(phone)
        return session.scalar(select(Person).where(Person.address_hash == digest))

    def messages(self, session: Session, phone: str) -> list[Message]:
        person = self.person(session, phone)
        if person is None:
            return []
        return list(
            session.scalars(
                select(Message)
                .join(Conversation)
                .where(Conversation.person_id == person.id)
                .order_by(Message.id)
            )
        )

    def outbox(self, session: Session, phone: str) -> list[OutboxItem]:
        ids = [m.id for m in self.messages(session, phone)]
        return list(
            session.scalars(
                select(OutboxItem).where(OutboxItem.message_id.in_(ids)).order_by(OutboxItem.id)
            )
        )


def build_settings(database_url: str, twilio: FakeTwilio, rasa: FakeRasa, **extra: Any) -> Any:
    return make_settings(
        database_url=database_url,
        public_url=PUBLIC_URL,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=AUTH_TOKEN,
        twilio_sms_from=SMS_FROM,
        twilio_whatsapp_from=WHATSAPP_FROM,
        twilio_api_base_url=twilio.url,
        rasa_url=rasa.url,
        rasa_timeout_seconds=1.0,
        outbox_max_attempts=3,
        **extra,
    )


@pytest.fixture(scope="session")
def enlace(database_url: str, fake_twilio: FakeTwilio, fake_rasa: FakeRasa) -> Iterator[Enlace]:
    settings = build_settings(database_url, fake_twilio, fake_rasa)
    app = create_app(settings, run_workers=False)
    with TestClient(app) as client:
        yield Enlace(app, client, fake_twilio, fake_rasa)
