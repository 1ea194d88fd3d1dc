"""The country a question is about reaches Rasa with every message, so answers fit it."""

from __future__ import annotations

from typing import Any

from tests.channels.conftest import Enlace, new_phone


def _ask_country(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "messages": [
            {"text": "¿De qué país se trata?"},
            {"custom": {"enlace": {"topic": "wages", "ask_country": True}}},
        ],
        "intent": "wages",
        "confidence": 0.9,
    }


def _countries_sent(enlace: Enlace) -> list[str]:
    return [message["metadata"]["country"] for message in enlace.rasa.messages]


def test_unknown_country_is_sent_empty_so_rasa_forgets_a_stale_one(enlace: Enlace) -> None:
    enlace.receive(new_phone(), "mi patron no me paga las horas extra")
    assert _countries_sent(enlace) == [""]


def test_a_country_the_message_names_is_sent_with_it(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "trabajo en Canadá y no me pagan las horas extra")
    enlace.receive(phone, "y cuanto es el minimo?")
    assert _countries_sent(enlace) == ["CA", ""]  # named for that question, not remembered


def test_a_named_country_wins_over_the_remembered_one_for_that_message(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask_country
    enlace.receive(phone, "mi patron no me paga las horas extra")
    enlace.rasa.reply = enlace.rasa.default_reply
    enlace.receive(phone, "en españa")  # answers the bot's question: remembered
    enlace.receive(phone, "y con la visa h2a como es?")
    enlace.receive(phone, "y si me enfermo?")
    assert _countries_sent(enlace) == ["", "US", "ES"]
