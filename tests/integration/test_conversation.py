"""The trained bot, end to end through the simulator path, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import httpx
import pytest

from knowledge import topic_label
from tests.integration.conftest import Phone

pytestmark = pytest.mark.stack


def test_a_spanish_greeting_is_answered_in_spanish(phone: Phone) -> None:
    turn = phone.send("hola, me pueden ayudar?")
    assert (turn["language"], turn["topic"]) == ("es", "greet")
    assert "Enlace" in turn["reply"]
    assert "ayudar" in turn["reply"]


def test_an_english_greeting_is_answered_in_english(phone: Phone) -> None:
    turn = phone.send("hi can you help me")
    assert (turn["language"], turn["topic"]) == ("en", "greet")
    assert "How can I help" in turn["reply"]


def test_a_topic_question_gets_a_knowledge_base_answer_with_the_more_hint(phone: Phone) -> None:
    turn = phone.send("el reclutador me cobro 2000 dolares para darme la visa, es legal?")
    assert turn["topic"] == "recruitment_fees"
    assert turn["article_id"] is not None
    assert "MAS para detalles" in turn["reply"]
    assert turn["sms_segments"] <= 3


def test_whatsapp_gets_the_full_article(whatsapp: Phone) -> None:
    turn = whatsapp.send("what are the signs of forced labor")
    assert turn["topic"] == "forced_labour"
    assert turn["article_id"] is not None
    assert "Reply MORE" not in turn["reply"]
    assert len(turn["reply"]) > 300


def test_a_country_specific_question_asks_where_the_person_works(phone: Phone) -> None:
    turn = phone.send("mi patron no me quiere pagar las horas extra de la semana")
    assert turn["topic"] == "wages"
    assert "España" in turn["reply"] or "Espana" in turn["reply"]


def test_the_reply_follows_the_language_of_each_message(phone: Phone) -> None:
    assert phone.send("hola")["language"] == "es"
    assert phone.send("thank you so much")["language"] == "en"


def test_nonsense_gets_a_helpful_answer_not_a_topic_article(phone: Phone) -> None:
    turn = phone.send("asdfgh qwerty")
    assert turn["article_id"] is None
    assert turn["topic"] in {"out_of_scope", None} or turn["confidence"] < 0.55
    assert turn["reply"]


def test_asking_for_a_human_hands_the_conversation_over(phone: Phone) -> None:
    turn = phone.send("quiero hablar con una persona del consulado")
    assert turn["topic"] == "human_agent"
    assert turn["escalated"] is True
    assert "consulado" in turn["reply"]


def test_an_urgent_message_is_flagged_and_escalated(phone: Phone) -> None:
    turn = phone.send("my boss took my passport and wont let me leave the farm")
    assert turn["urgent"] is True
    assert turn["escalated"] is True


def test_replies_are_stored_and_delivered_through_the_outbox(phone: Phone) -> None:
    phone.send("hola")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        thread = phone.thread()
        if thread[-1]["delivery"] == "sent":
            break
        time.sleep(0.2)
    assert [m["direction"] for m in thread] == ["in", "out"]
    assert thread[-1]["delivery"] == "sent"


def test_health_reports_every_part_ready(app_url: str) -> None:
    body = httpx.get(f"{app_url}/healthz").json()
    assert body["parts"] == {"database": True, "rasa_model": True, "knowledge": True}


def test_naming_the_country_answers_the_pending_question_for_that_country(phone: Phone) -> None:
    phone.send("mi patron no me quiere pagar las horas extra de la semana")
    turn = phone.send("en españa")
    assert turn["topic"] == "wages"
    assert turn["article_id"] == "wages-spain"


def test_a_question_that_names_its_country_is_answered_for_it_and_the_place_kept(
    phone: Phone,
) -> None:
    turn = phone.send("trabajo en canada y no me quieren pagar las horas extra")
    assert (turn["topic"], turn["article_id"]) == ("wages", "wages-canada")
    programme = phone.send("how do i apply for the h2a visa")
    assert (programme["topic"], programme["article_id"]) == (
        "legal_channels",
        "legal-channels-h2a-us",
    )
    later = phone.send("mi patron no me quiere pagar las horas extra de la semana")
    # The first place named is where the person works from then on (issue 19); the US named
    # with the visa question was for that question only.
    assert later["article_id"] == "wages-canada"


def test_a_place_the_person_corrects_gets_the_question_answered_again_for_it(
    phone: Phone,
) -> None:
    phone.send("hola, mi hermano que vive en texas me dio este numero")
    first = phone.send("mi patron no me quiere pagar las horas extra de la semana")
    assert first["article_id"] == "wages-unpaid-us"  # the brother's place, taken as the person's
    corrected = phone.send("no, yo no estoy en texas, ese es mi hermano. yo trabajo en valencia")
    assert (corrected["topic"], corrected["article_id"]) == ("wages", "wages-spain")


def test_domestic_work_with_no_country_asks_where_then_answers_for_it(phone: Phone) -> None:
    asked = phone.send("cuido a los niños de una familia y no me dan ningun dia libre en la semana")
    assert (asked["topic"], asked["article_id"]) == ("domestic_work", None)
    answered = phone.send("en houston")
    assert (answered["topic"], answered["article_id"]) == (
        "domestic_work",
        "domestic-work-rights-us",
    )


def test_a_pension_question_asks_where_then_where_from_and_answers_for_both(phone: Phone) -> None:
    asked = phone.send("me toca pension si trabaje 10 años y me regreso a mi pais?")
    assert (asked["topic"], asked["article_id"]) == ("social_security", None)
    assert phone.send("en españa")["article_id"] is None  # now: where are you from?
    answered = phone.send("soy de ecuador")
    assert (answered["topic"], answered["article_id"]) == (
        "social_security",
        "social-security-spain-iberoamerican",
    )
    assert "Ecuador" in answered["reply"]


def test_an_unclear_question_offers_topics_and_a_number_answers_it(phone: Phone) -> None:
    offered = phone.send("i have a problem at work")
    assert offered["article_id"] is None
    lines = offered["reply"].split("\n")
    assert lines[0] == "I'm not sure I understood. Is it about one of these?"
    assert lines[1].startswith("1. ")
    chosen = phone.send("1")
    assert topic_label(chosen["topic"], "en") == lines[1].removeprefix("1. ")
    assert chosen["article_id"] is not None or "?" in chosen["reply"]  # answer, or "where?"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "they give us no water or shade at the construction site in texas",
            "can they fire me if i complain?",
        ),
        ("en la obra no nos dan agua ni sombra, estoy en texas", "me pueden despedir si me quejo?"),
    ],
)
def test_asking_about_being_fired_for_complaining_is_answered_as_a_complaint_not_repeated(
    phone: Phone, first: str, then: str
) -> None:
    answered = phone.send(first)
    assert (answered["topic"], answered["article_id"]) == (
        "working_conditions",
        "working-conditions-safety-us",
    )
    turn = phone.send(then)
    assert turn["topic"] == "complaints"
    assert turn["article_id"] is not None
    assert turn["reply"] != answered["reply"]


def test_two_follow_ups_on_the_article_just_sent_never_get_the_same_reply_twice(
    phone: Phone,
) -> None:
    first = phone.send("trabajo en un invernadero en almeria, como denuncio a mi jefe?")
    assert first["article_id"] == "complaints-spain-labour-inspectorate"
    replies = [first["reply"]]
    for text in ("y puedo denunciar sin dar mi nombre?", "y eso cuanto tarda?"):
        turn = phone.send(text)
        assert turn["article_id"] == first["article_id"]
        assert turn["reply"] not in replies
        replies.append(turn["reply"])


@pytest.mark.parametrize(
    ("question", "acknowledgements"),
    [
        ("me lastime la mano en la fabrica en texas", ("ok", "va", "sale")),
        ("i hurt my hand at the factory in texas", ("ok", "k", "got it")),
    ],
)
def test_an_acknowledgement_after_an_answer_is_small_talk_not_a_menu_or_a_passage(
    phone: Phone, question: str, acknowledgements: tuple[str, ...]
) -> None:
    answered = phone.send(question)
    assert answered["article_id"] == "injury-us-workers-comp"
    for text in acknowledgements:
        turn = phone.send(text)
        assert (turn["topic"], turn["article_id"]) == ("thanks", None), text
        assert "1." not in turn["reply"], text
