"""Unsure, the bot offers topics; the person's number brings their question back for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

Reply = Callable[[dict[str, Any]], dict[str, Any]]

STALE_PICK_ES = (  # as sent by SMS: without the accents GSM-7 lacks
    "Ese numero no responde a ninguna lista que te haya enviado hace un momento. Dime en pocas"
    " palabras qué necesitas, o escribe MENU para ver los temas."
)


def _offer(*topics: str) -> Reply:
    def reply(body: dict[str, Any]) -> dict[str, Any]:
        ranking = [("nlu_fallback", 0.55), *((t, 0.3 - 0.1 * i) for i, t in enumerate(topics))]
        custom = {"enlace": {"offer": list(topics)}}
        return rasa_response(
            ["¿Es sobre…?"], [custom], intent="nlu_fallback", confidence=0.55, ranking=ranking
        )

    return reply


def _turn(custom: dict[str, Any], text: str = "answer") -> Reply:
    def reply(body: dict[str, Any]) -> dict[str, Any]:
        topic = body["message"].lstrip("/")
        payload = {"enlace": {"topic": topic, **custom}}
        return rasa_response([text], [payload], intent=topic, confidence=1.0)

    return reply


def _sent(enlace: Enlace) -> list[tuple[str, str]]:
    return [(m["message"], m["metadata"]["country"]) for m in enlace.rasa.messages]


def test_choosing_a_number_answers_the_question_for_that_topic(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _offer("forced_labour", "documents_retained")
    enlace.receive(phone, "en la granja de canada trabajamos de noche sin contrato")
    enlace.rasa.reply = _turn({"article_id": "forced-labour-canada"})
    enlace.receive(phone, "1")
    assert _sent(enlace)[-1] == ("/forced_labour", "CA")  # the question's country, too
    with enlace.factory() as session:
        choice = enlace.messages(session, phone)[-2]
        assert (choice.body, choice.topic, choice.article_id) == (
            "1",
            "forced_labour",
            "forced-labour-canada",
        )


def test_a_chosen_topic_that_needs_the_country_is_answered_once_it_is_given(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.rasa.reply = _offer("wages", "contract")
    enlace.receive(phone, "el patron no me quiere dar lo mio")
    enlace.rasa.reply = _turn({"ask_country": True}, "¿De qué país se trata?")
    enlace.receive(phone, "1")
    enlace.rasa.reply = _turn({"article_id": "wages-spain"})
    enlace.receive(phone, "España")
    assert _sent(enlace)[1:] == [("/wages", ""), ("/wages", "ES")]
    assert enlace.replies_to(phone)[-1] == "answer"


def test_words_instead_of_a_number_are_a_new_question(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _offer("wages", "contract")
    enlace.receive(phone, "el patron no me quiere dar lo mio")
    enlace.rasa.reply = enlace.rasa.default_reply
    enlace.receive(phone, "no me pago la semana")
    enlace.receive(phone, "2")  # the offer is over: the number is not guessed at
    assert [m for m, _ in _sent(enlace)] == [
        "el patron no me quiere dar lo mio",
        "no me pago la semana",
    ]
    assert enlace.replies_to(phone)[-1] == STALE_PICK_ES


def test_a_number_outside_the_offer_is_not_a_choice(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _offer("wages", "contract")
    enlace.receive(phone, "el patron no me quiere dar lo mio")
    enlace.rasa.reply = enlace.rasa.default_reply
    enlace.receive(phone, "7")
    assert _sent(enlace)[-1][0] == "el patron no me quiere dar lo mio"  # "7" is no topic
    assert enlace.replies_to(phone)[-1] == STALE_PICK_ES


def test_a_number_with_no_list_open_is_not_read_as_a_topic(enlace: Enlace) -> None:
    phone = new_phone()
    for text in ("1", "3"):
        enlace.receive(phone, text)
    assert _sent(enlace) == []
    assert enlace.replies_to(phone) == [STALE_PICK_ES, STALE_PICK_ES]
    enlace.receive(phone, "911")  # a number that is not a pick is read as any message
    assert _sent(enlace) == [("911", "")]


def test_a_person_cannot_name_an_intent_by_typing_a_slash(enlace: Enlace) -> None:
    enlace.receive(new_phone(), "/emergency")
    assert _sent(enlace) == [("emergency", "")]


def test_an_unsure_message_is_recorded_with_its_best_ranked_topic(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _offer("forced_labour", "documents_retained")
    enlace.receive(phone, "en la granja nos encierran de noche")
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        assert (message.topic, message.confidence) == ("forced_labour", 0.3)
