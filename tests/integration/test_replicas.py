"""Two app replicas on one PostgreSQL, the trained model, and Twilio's API (a local fake):
many people writing at once are each answered once per message, in the order they wrote.
Then a replica dies in the middle of a turn, and the message is still answered once."""

from __future__ import annotations

import os
import random
import secrets
import signal
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from channels.models import OutboxItem
from core.models import Direction, Message, ProcessingState
from tests.fakes import TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, FakeRasa, FakeTwilio
from tests.integration.conftest import app_beside, app_env
from tools.ports import free_port
from tools.postgres import PostgresServer
from tools.stack import Stack

pytestmark = pytest.mark.stack

PUBLIC_URL = "https://enlace.example.org"  # one URL for Twilio; a load balancer in front
SENDERS, MESSAGES = 50, 20
GREETINGS = ("hola", "buenos dias", "hello", "good morning", "gracias", "thanks")


def _twilio_env(fake_twilio: FakeTwilio) -> dict[str, str]:
    return {
        "ENLACE_PUBLIC_URL": PUBLIC_URL,
        "ENLACE_TWILIO_API_BASE_URL": fake_twilio.url,
        "TWILIO_ACCOUNT_SID": TEST_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": TEST_AUTH_TOKEN,
        "TWILIO_SMS_FROM": "+15005550006",
        "ENLACE_OUTBOX_POLL_SECONDS": "0.1",
        "ENLACE_WORKER_POLL_SECONDS": "0.1",
        "ENLACE_SMS_PER_SECOND": "0",  # a messaging service with many numbers
    }


def _post(app_url: str, sender: str, body: str) -> None:
    form = {
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": TEST_ACCOUNT_SID,
        "From": sender,
        "To": "+15005550006",
        "Body": body,
        "NumMedia": "0",
    }
    signature = RequestValidator(TEST_AUTH_TOKEN).compute_signature(
        f"{PUBLIC_URL}/twilio/sms", form
    )
    response = httpx.post(
        f"{app_url}/twilio/sms", data=form, headers={"X-Twilio-Signature": signature}, timeout=30
    )
    response.raise_for_status()


@pytest.fixture(scope="module")
def replicas(
    rasa_and_sqlite_app: Stack,
    postgres_server: PostgresServer,
    fake_twilio: FakeTwilio,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, list[Stack]]]:
    database = postgres_server.create_database("enlace_replicas")
    env = {**app_env(database, rasa_and_sqlite_app), **_twilio_env(fake_twilio)}  # shared keys
    stacks: list[Stack] = []
    try:  # both start together and migrate the empty database: they take turns
        for n in range(2):
            stacks.append(
                app_beside(rasa_and_sqlite_app, tmp_path_factory.mktemp(f"replica{n}"), env)
            )
        for stack in stacks:
            stack.wait_healthy()
        yield database, stacks
    finally:
        for stack in stacks:
            stack.stop()


def test_two_replicas_answer_every_message_once_and_in_each_persons_order(
    replicas: tuple[str, list[Stack]], fake_twilio: FakeTwilio
) -> None:
    database, stacks = replicas
    senders = [f"+1555{7000000 + n:07d}" for n in range(SENDERS)]
    rng = random.Random(20261202)

    def write(sender: str) -> None:  # one person, writing fast, each message to either replica
        for n in range(MESSAGES):
            _post(rng.choice(stacks).app_url, sender, f"{GREETINGS[n % len(GREETINGS)]}")

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(write, senders))

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(fake_twilio.accepted) < SENDERS * MESSAGES:
        time.sleep(0.5)

    engine = create_engine(database.replace("postgresql+psycopg", "postgresql+psycopg"))
    with Session(engine) as session:
        states = dict(
            session.execute(
                select(Message.state, func.count())
                .where(Message.direction == Direction.INBOUND)
                .group_by(Message.state)
            ).all()
        )
        answers = dict(
            session.execute(
                select(OutboxItem.provider_sid, Message.in_reply_to_id).join(
                    Message, OutboxItem.message_id == Message.id
                )
            ).all()
        )
        replies_per_message = session.execute(
            select(Message.in_reply_to_id, func.count())
            .where(Message.direction == Direction.OUTBOUND)
            .group_by(Message.in_reply_to_id)
        ).all()
    engine.dispose()
    assert states == {ProcessingState.PROCESSED: SENDERS * MESSAGES}
    assert len(replies_per_message) == SENDERS * MESSAGES
    assert {count for _, count in replies_per_message} == {1}  # one reply each, none twice
    assert len(fake_twilio.accepted) == SENDERS * MESSAGES
    order: dict[str, list[int]] = defaultdict(list)
    for sid, form in fake_twilio.accepted:
        order[form["To"]].append(answers[sid])
    assert sorted(order) == sorted(senders)
    for sender, answered in order.items():
        assert answered == sorted(answered), f"{sender} got replies out of order"
        assert len(answered) == MESSAGES


def test_a_replica_killed_mid_turn_leaves_the_message_to_be_answered_once_after_restart(
    postgres_server: PostgresServer,
    fake_twilio: FakeTwilio,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    rasa = FakeRasa()
    rasa.slow = True  # every Rasa call takes 3 s: the turn is under way when the kill comes
    database = postgres_server.create_database("enlace_kill")
    env = {
        **app_env(database),
        **_twilio_env(fake_twilio),
        "ENLACE_RASA_URL": rasa.url,
        "ENLACE_PROCESSING_LEASE_SECONDS": "4",
    }
    tmp: Path = tmp_path_factory.mktemp("kill")
    stacks: list[Stack] = []
    try:
        first = _app_on_fake_rasa(rasa, tmp / "first", env, stacks)
        sender = "+15558880001"
        _post(first.app_url, sender, "hola, necesito ayuda")
        _wait(lambda: bool(rasa.messages or rasa.parses))  # the turn reached Rasa
        for process in first.processes:  # the whole app, mid-turn, with no chance to clean up
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        first.processes.clear()
        rasa.slow = False
        _app_on_fake_rasa(rasa, tmp / "second", env, stacks)
        _wait(lambda: len(fake_twilio.sent(sender)) >= 1, timeout=30)
        time.sleep(2)  # a second answer, if there were one, would come now
        assert [form["Body"] for form in fake_twilio.sent(sender)] == ["Hola, soy Enlace."]
    finally:
        for stack in stacks:
            stack.stop()
        rasa.server.stop()


def _app_on_fake_rasa(
    rasa: FakeRasa, log_dir: Path, env: dict[str, str], started: list[Stack]
) -> Stack:
    stack = Stack(
        app_port=free_port(), rasa_port=int(rasa.url.rsplit(":", 1)[1]), log_dir=log_dir, env=env
    )
    started.append(stack)
    stack.start_app()
    stack.wait_healthy(timeout=60)
    return stack


def _wait(condition: object, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")
