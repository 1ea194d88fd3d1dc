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

from tests.fakes import rasa_parse_example, rasa_response_example, shape
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


@pytest.fixture(scope="module")
def real_parses(rasa_and_sqlite_app: Stack) -> dict[str, dict[str, Any]]:
    url = f"{rasa_and_sqlite_app.rasa_url}/model/parse"
    token = rasa_and_sqlite_app.env["ENLACE_RASA_TOKEN"]
    parses = {}
    for name, text in QUESTIONS.items():
        response = httpx.post(url, params={"token": token}, json={"text": text}, timeout=60)
        response.raise_for_status()
        parses[name] = response.json()
    return parses


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_the_fake_parse_has_the_shape_of_the_real_one(
    real_parses: dict[str, dict[str, Any]], name: str
) -> None:
    real, example = real_parses[name], rasa_parse_example()
    assert set(real) == set(example)
    assert shape(real["intent"]) == shape(example["intent"])
    assert shape(real["intent_ranking"]) == shape(example["intent_ranking"])


def test_the_dialogue_takes_the_apps_parse_instead_of_its_own(rasa_and_sqlite_app: Stack) -> None:
    """The app reads a message once (for urgency) and hands that reading to the dialogue."""
    base = rasa_and_sqlite_app.rasa_url
    token = rasa_and_sqlite_app.env["ENLACE_RASA_TOKEN"]
    text = "hola buenos dias"
    parse = httpx.post(f"{base}/model/parse", params={"token": token}, json={"text": text}).json()
    forced = {**parse, "intent": {"name": "thanks", "confidence": 0.99}}
    body = {
        "sender": uuid.uuid4().hex,
        "message": text,
        "metadata": {"language": "es", "channel": "sms", "country": "", "origin": ""},
        "parse": forced,
    }
    answer = httpx.post(f"{base}/webhooks/enlace/webhook", json=body, timeout=60).json()
    assert (answer["intent"], answer["confidence"]) == ("thanks", 0.99)
