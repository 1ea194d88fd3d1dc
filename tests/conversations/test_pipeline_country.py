"""The country a question is about reaches Rasa with every message, so answers fit it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conversations.awaiting import await_answer
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone


def _ask(what: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A Rasa turn that asks where the person works ("country") or comes from ("origin")."""

    def reply(body: dict[str, Any]) -> dict[str, Any]:
        custom = {"enlace": {"topic": "social_security", f"ask_{what}": True}}
        return rasa_response([f"¿{what}?"], [custom], intent="social_security", confidence=0.9)

    return reply


def _answer(article_id: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def reply(body: dict[str, Any]) -> dict[str, Any]:
        custom = {"enlace": {"topic": "social_security", "article_id": article_id}}
        return rasa_response(["answer"], [custom], intent="social_security", confidence=0.9)

    return reply


def _countries_sent(enlace: Enlace) -> list[str]:
    return [message["metadata"]["country"] for message in enlace.rasa.messages]


def test_unknown_country_is_sent_empty_so_rasa_forgets_a_stale_one(enlace: Enlace) -> None:
    enlace.receive(new_phone(), "mi patron no me paga las horas extra")
    assert _countries_sent(enlace) == [""]


def test_a_country_the_message_names_is_sent_with_it_and_remembered(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "trabajo en Canadá y no me pagan las horas extra")
    enlace.receive(phone, "y cuanto es el minimo?")
    assert _countries_sent(enlace) == ["CA", "CA"]  # the follow-up is about Canada too


def test_a_named_country_wins_over_the_remembered_one_for_that_message(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "mi patron no me paga las horas extra")
    enlace.rasa.reply = enlace.rasa.default_reply
    enlace.receive(phone, "en españa")  # answers the bot's question: remembered
    enlace.receive(phone, "y con la visa h2a como es?")
    enlace.receive(phone, "y si me enfermo?")
    assert _countries_sent(enlace) == ["", "ES", "US", "ES"]


def test_a_place_of_the_country_worked_in_is_not_taken_for_the_origin(enlace: Enlace) -> None:
    """dev o204: a Guatemalan going to Chiapas on the border worker card asked whether it
    serves in Cancún; Cancún made the turn's origin Mexico, no article fitted, and a gap was
    sent instead of the card's article."""
    phone = new_phone()
    enlace.receive(phone, "soy de san marcos guate y me quiero ir al corte de cafe en chiapas")
    enlace.receive(phone, "y esa tarjeta sirve si despues me quiero ir pa cancun?")
    enlace.receive(phone, "and if i get the other card can i work in oaxaca?")
    origins = [message["metadata"]["origin"] for message in enlace.rasa.messages]
    assert origins == ["GT", "GT", "GT"]
    assert _countries_sent(enlace) == ["MX", "MX", "MX"]


def test_answering_where_gets_the_question_answered_for_that_country(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "me toca pension si me regreso?")
    enlace.rasa.reply = _answer("social-security-spain-mexico")
    enlace.receive(phone, "España")
    asked = enlace.rasa.messages[-1]
    assert asked["message"] == "me toca pension si me regreso?"  # the question, asked again
    assert asked["metadata"]["country"] == "ES"
    assert enlace.replies_to(phone)[-1] == "answer"
    with enlace.factory() as session:
        (answer,) = [m for m in enlace.messages(session, phone) if m.body == "España"]
        assert (answer.body, answer.article_id) == ("España", "social-security-spain-mexico")


def test_answering_the_origin_question_is_remembered_and_asks_again(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "me toca pension si me regreso?")
    enlace.rasa.reply = _ask("origin")
    enlace.receive(phone, "usa")
    enlace.rasa.reply = _answer("social-security-us-mexico")
    enlace.receive(phone, "soy de mexico")
    sent = [
        (m["message"], m["metadata"]["country"], m["metadata"]["origin"])
        for m in enlace.rasa.messages
    ]
    question = "me toca pension si me regreso?"
    assert sent == [(question, "", ""), (question, "US", ""), (question, "US", "MX")]
    enlace.receive(phone, "y si me enfermo?")  # both answers are remembered
    metadata = enlace.rasa.messages[-1]["metadata"]
    assert (metadata["country"], metadata["origin"]) == ("US", "MX")


def test_an_answer_with_no_question_before_it_is_thanked(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "MENU")  # answered by the app: no question for the bot
    with enlace.factory() as session:
        conversation = enlace.messages(session, phone)[0].conversation
        await_answer(conversation, "origin")
        session.commit()
    enlace.receive(phone, "guatemala")
    assert enlace.replies_to(phone)[-1].startswith("Gracias, ya sé de qué país eres")
    assert not enlace.rasa.messages
    with enlace.factory() as session:
        assert enlace.person(session, phone).country_origin == "GT"


def test_thanks_after_the_question_where_is_not_read_as_a_place(enlace: Enlace) -> None:
    # "gracias" is one letter from Gràcia, a district of Barcelona.
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "me toca pension si me regreso?")
    enlace.rasa.reply = lambda body: rasa_response(
        ["De nada."], intent="thanks", confidence=0.94, ranking=[("thanks", 0.94)]
    )
    enlace.receive(phone, "gracias")
    assert enlace.rasa.messages[-1]["message"] == "gracias"
    assert _countries_sent(enlace) == ["", ""]


def test_a_follow_up_carries_the_article_its_thread_was_answered_with(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _answer("social-security-spain-mexico")
    enlace.receive(phone, "me toca pension en españa si soy mexicano?")
    enlace.rasa.reply = lambda body: rasa_response(
        ["?"], intent="out_of_scope", confidence=0.7, ranking=[("out_of_scope", 0.7)]
    )
    enlace.receive(phone, "y cuanto tarda?")
    follow_up = enlace.rasa.messages[-1]
    assert follow_up["message"] == "/social_security"
    assert follow_up["metadata"]["article"] == "social-security-spain-mexico"


def test_the_origin_of_the_threads_article_goes_with_the_next_question(enlace: Enlace) -> None:
    phone = new_phone()

    def matricula(body: dict[str, Any]) -> dict[str, Any]:
        custom = {
            "enlace": {"topic": "consular_services", "article_id": "consular-mexico-matricula"}
        }
        return rasa_response(["answer"], [custom], intent="consular_services", confidence=0.9)

    enlace.rasa.reply = matricula
    enlace.receive(phone, "necesito mi matricula consular")
    enlace.receive(phone, "y la cita para sacarla como la pido por internet")
    assert [m["metadata"]["origin"] for m in enlace.rasa.messages] == ["", "MX"]
    with enlace.factory() as session:
        person = enlace.messages(session, phone)[0].conversation.person
        assert person.country_origin is None  # read for the turn, never kept


def test_a_long_answer_gives_the_country_and_is_read_as_its_own_question(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "me toca pension si me regreso?")
    enlace.rasa.reply = enlace.rasa.default_reply
    # Mexico named inside a question says nothing of where it is set; answering where, it does.
    long = "hola buenas, pues mire yo ando en mexico en la construccion y queria saber del seguro"
    enlace.receive(phone, long)
    asked = enlace.rasa.messages[-1]
    assert (asked["message"], asked["metadata"]["country"]) == (long, "MX")


def test_a_place_the_person_corrects_gets_the_threads_question_answered_for_it(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola, mi hermano que vive en texas me dio este numero")  # taken as US
    enlace.rasa.reply = _answer("social-security-us-mexico")
    enlace.receive(phone, "me toca pension si me regreso?")
    enlace.rasa.reply = _answer("social-security-spain-mexico")
    enlace.receive(phone, "no, yo no estoy en texas, ese es mi hermano. yo trabajo en valencia")
    asked = enlace.rasa.messages[-1]
    assert asked["metadata"]["question"] == "me toca pension si me regreso?"
    assert asked["metadata"]["country"] == "ES"
    assert enlace.replies_to(phone)[-1] == "answer"


def test_a_denial_of_a_place_nobody_assumed_is_read_as_its_own_message(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _answer("social-security-spain-mexico")
    enlace.receive(phone, "trabajo en valencia, me toca pension si me regreso?")
    text = "no estoy en texas como mi primo, pero igual quiero saber lo del seguro"
    enlace.receive(phone, text)
    assert enlace.rasa.messages[-1]["metadata"]["question"] != "me toca pension si me regreso?"


def test_asked_where_about_a_relative_the_relatives_place_answers(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "mi hermano trabaja en una granja y no le pagan las horas extra")
    enlace.rasa.reply = _answer("social-security-spain-mexico")
    enlace.receive(phone, "yo vivo en dallas pero el no, mi hermano esta en ontario con permiso")
    asked = enlace.rasa.messages[-1]
    assert (
        asked["metadata"]["question"]
        == "mi hermano trabaja en una granja y no le pagan las horas extra"
    )
    assert asked["metadata"]["country"] == "CA"


def test_where_they_are_from_said_in_answering_where_they_are_is_remembered(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("country")
    enlace.receive(phone, "and he pays us in cash with no stub, is that ok")
    enlace.rasa.reply = _answer("wages-unpaid-us")
    enlace.receive(phone, "guatemala. were in omaha")
    enlace.receive(phone, "so the passport thing, where do i go")
    sent = enlace.rasa.messages[-1]["metadata"]
    assert (sent["country"], sent["origin"]) == ("US", "GT")


def test_where_they_are_said_in_answering_where_they_are_from_is_remembered(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.rasa.reply = _ask("origin")
    enlace.receive(phone, "necesito sacar el pasaporte")
    enlace.rasa.reply = _answer("consular-honduras-passport-dni")
    enlace.receive(phone, "soy de honduras, estoy en texas")
    enlace.receive(phone, "y cuanto cuesta?")
    sent = enlace.rasa.messages[-1]["metadata"]
    assert (sent["country"], sent["origin"]) == ("US", "HN")
