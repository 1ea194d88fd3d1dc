"""The fake Rasa of the channel tests answers in the shape the real channel does.

The channel tests run against `tests.fakes.FakeRasa`, whose every reply is built
from `tests/data/rasa_webhook_response.json`. Here the trained model answers through
`bot/connectors/enlace.py` and its answers are compared with that example, so a change on
either side of the seam fails here instead of passing against a fake that drifted.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.fakes import rasa_response_example, shape
from tools.stack import Stack

pytestmark = pytest.mark.stack

QUESTIONS = {
    "confident": "hola buenos dias",
    "topic": "mi patron no me paga las horas extra en texas",
    "unsure": "tengo una duda con lo de la cosa esa",
}


@pytest.fixture(scope="module")
def real_responses(rasa_and_sqlite_app: Stack) -> dict[str, dict[str, Any]]:
    url = f"{rasa_and_sqlite_app.rasa_url}/webhooks/enlace/webhook"
    metadata = {"language": "es", "channel": "sms", "country": "", "origin": ""}
    responses = {}
    for name, text in QUESTIONS.items():
        body = {"sender": uuid.uuid4().hex, "message": text, "metadata": metadata}
        response = httpx.post(url, json=body, timeout=60)
        response.raise_for_status()
        responses[name] = response.json()
    return responses


def _message_kinds(response: dict[str, Any]) -> set[tuple[str, ...]]:
    return {tuple(sorted(message)) for message in response["messages"]}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_the_real_channel_answers_with_the_keys_of_the_example(
    real_responses: dict[str, dict[str, Any]], name: str
) -> None:
    real, example = real_responses[name], rasa_response_example()
    assert set(real) == set(example)
    assert shape(real["intent"]) == shape(example["intent"])
    assert shape(real["confidence"]) == shape(example["confidence"])
    assert shape(real["ranking"]) == shape(example["ranking"])
    assert 1 <= len(real["ranking"]) <= 3


def test_the_example_messages_are_kinds_the_real_channel_sends(
    real_responses: dict[str, dict[str, Any]],
) -> None:
    real_kinds = set().union(*(_message_kinds(r) for r in real_responses.values()))
    assert _message_kinds(rasa_response_example()) <= real_kinds


def test_an_unsure_answer_ranks_topics_under_the_key_the_app_reads(
    real_responses: dict[str, dict[str, Any]],
) -> None:
    unsure = real_responses["unsure"]
    assert unsure["intent"] == "nlu_fallback"
    assert any(entry["name"] != "nlu_fallback" for entry in unsure["ranking"])
