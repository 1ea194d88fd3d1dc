"""A message stored while the worker is idle has its text read by NLU as it is handed over,
before its turn: the turn then waits for no reading of its own, and the dialogue is given
that reading rather than classifying the text again."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from conversations import Worker
from conversations.pipeline import TurnResult
from core.models import Message
from tests.fakes import rasa_response
from tests.harness import ACCOUNT_SID, SMS_FROM, Enlace, new_phone, new_sid

QUESTION = "cuanto cuesta sacar la matricula consular en el consulado de houston"


@pytest.fixture
def serving(enlace: Enlace) -> Iterator[Worker]:
    """The worker claiming and answering as it does in the running app."""
    worker: Worker = enlace.app.state.stored_messages
    loop = enlace.client.portal.start_task_soon(worker.serve)
    for _ in range(500):
        if worker.serving:
            break
        enlace.client.portal.call(asyncio.sleep, 0.01)
    assert worker.serving
    yield worker
    loop.cancel()
    for _ in range(500):
        if not worker.serving:
            break
        enlace.client.portal.call(asyncio.sleep, 0.01)


def _answered(enlace: Enlace, worker: Worker, phone: str, body: str) -> TurnResult:
    sid = new_sid()
    params = {"MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": phone, "To": SMS_FROM}
    assert enlace.post("/twilio/sms", {**params, "Body": body, "NumMedia": "0"}).status_code == 200
    with enlace.factory() as session:
        message_id = session.scalar(select(Message.id).where(Message.provider_sid == sid))
    assert message_id is not None
    result: TurnResult = enlace.client.portal.call(worker.outcome, message_id)
    return result


def test_a_message_handed_to_an_idle_worker_is_read_once_and_the_dialogue_gets_the_reading(
    enlace: Enlace, serving: Worker
) -> None:
    result = _answered(enlace, serving, new_phone(), QUESTION)
    assert enlace.rasa.parses == [QUESTION]
    (turn,) = enlace.rasa.messages
    assert turn["message"] == QUESTION
    assert turn["parse"]["text"] == QUESTION
    assert result.replies


def test_a_message_read_ahead_as_danger_gets_help_first(enlace: Enlace, serving: Worker) -> None:
    def reply(body: dict[str, Any]) -> dict[str, Any]:
        ranking = [("forced_labour", 0.95)]
        return rasa_response(["ayuda"], intent="forced_labour", confidence=0.95, ranking=ranking)

    enlace.rasa.reply = reply
    result = _answered(enlace, serving, new_phone(), "me tienen encerrado y no me dejan salir")
    assert result.urgent
    assert result.escalated
    assert len(enlace.rasa.parses) == 1


def test_when_nlu_fails_to_read_ahead_the_dialogue_still_answers_the_message(
    enlace: Enlace, serving: Worker
) -> None:
    answered: list[dict[str, Any]] = []

    def reply(body: dict[str, Any]) -> dict[str, Any]:
        if body["sender"] == "parse":
            raise ConnectionError("NLU failed")  # the fake answers 500
        answered.append(body)
        return enlace.rasa.default_reply(body)

    enlace.rasa.reply = reply
    result = _answered(enlace, serving, new_phone(), QUESTION)
    assert [body["message"] for body in answered] == [QUESTION]
    assert "parse" not in answered[0]
    assert result.replies == ["Hola, soy Enlace."]
