"""The thread's situation: a visa named once, a short follow-up, a place said unasked."""

from __future__ import annotations

from typing import Any

import pytest

from conversations.situation import (
    asks_to_be_contacted,
    complains_on_the_thread,
    complaint_follow_up,
    is_follow_up,
    only_a_place,
    programme_named,
    relatives_job,
    returns_to_an_earlier_subject,
)
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

READINGS = {
    "me cobraron 1500 por la visa": ("recruitment_fees", 0.92),
    "no me pagan las horas extra": ("wages", 0.9),
    "cuanto cuesta?": ("out_of_scope", 0.7),
    "me golpeo el patron y me duele": ("injury_health", 0.85),
    "gracias": ("thanks", 0.4),
    "y me pagan los dias que no trabaje?": ("wages", 0.6),
    "y a donde me quejo?": ("emergency", 0.4),
    "a quien llamo?": ("emergency", 0.4),
    "alguien nos puede ayudar?": ("greet", 0.7),
    "can someone help me please": ("nlu_fallback", 0.45),
    "y el abogado cuanto sale?": ("human_agent", 0.75),
    "una agencia me ofrece trabajo en españa": ("recruitment_fees", 0.9),
    "donde queda la oficina de trabajo en tegucigalpa?": ("legal_channels", 0.8),
    "y cuando vuelva a colombia hay ayuda?": ("return_reintegration", 0.85),
    "my husband works on a farm in north carolina": ("family_support", 0.51),
    "he says they take 200 dollars from every check for the housing": ("wages", 0.45),
    "and the visa money too?": ("recruitment_fees", 0.6),
}
LONG_QUESTION = "si le digo al doctor lo que paso en la finca me pueden quitar el permiso"
READINGS[LONG_QUESTION] = ("contract", 0.3)
# The classifier's other readings, where a test needs them.
RANKINGS = {
    "can someone help me please": [("nlu_fallback", 0.45), ("human_agent", 0.3), ("greet", 0.2)],
    "y me pagan los dias que no trabaje?": [("wages", 0.6), ("injury_health", 0.2)],
}


def _reply(body: dict[str, Any]) -> dict[str, Any]:
    text = body["message"]
    intent, confidence = READINGS.get(text, (text.lstrip("/"), 1.0))
    custom = {"enlace": {"topic": intent, "article_id": f"{intent}-article"}}
    ranking = RANKINGS.get(text, ())
    return rasa_response(
        ["answer"], [custom], intent=intent, confidence=confidence, ranking=ranking
    )


@pytest.fixture
def thread(enlace: Enlace) -> Enlace:
    enlace.rasa.reply = _reply
    return enlace


def test_a_short_follow_up_the_model_cannot_place_stays_on_the_threads_topic(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    thread.receive(phone, "cuanto cuesta?")
    sent = thread.rasa.messages[-1]
    assert sent["message"] == "/recruitment_fees"
    assert (sent["metadata"]["question"], sent["metadata"]["follow_up"]) == ("cuanto cuesta?", "1")


def test_a_place_said_on_the_thread_brings_its_question_back_with_the_words_said(
    thread: Enlace,
) -> None:
    """The action answers the thread's question again, and knows the person only said where
    they are from (it thanks them rather than answer a statement as a question)."""
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    assert thread.rasa.messages[-1]["metadata"]["said"] == ""
    thread.receive(phone, "soy de honduras")
    sent = thread.rasa.messages[-1]["metadata"]
    assert (sent["question"], sent["said"]) == ("me cobraron 1500 por la visa", "soy de honduras")


def test_a_follow_up_carries_what_the_model_read_in_its_own_words(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "y me pagan los dias que no trabaje?")
    assert thread.rasa.messages[-1]["metadata"]["read"] == "wages"
    thread.receive(phone, "me golpeo el patron y me duele")
    assert thread.rasa.messages[-1]["metadata"]["read"] == ""


def test_a_new_subject_the_model_reads_clearly_is_not_a_follow_up(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    thread.receive(phone, "me golpeo el patron y me duele")
    assert thread.rasa.messages[-1]["message"] == "me golpeo el patron y me duele"


def test_a_new_subject_read_less_than_five_times_the_threads_own_stays_on_the_thread(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "y me pagan los dias que no trabaje?")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["follow_up"]) == ("/injury_health", "1")


def test_asking_where_to_complain_after_an_answer_on_pay_is_a_complaint(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "no me pagan las horas extra")
    thread.receive(phone, "y a donde me quejo?")
    sent = thread.rasa.messages[-1]
    assert sent["message"] == "/complaints"
    # Its own article, chosen by its words: not the one the pay question was answered with.
    assert (sent["metadata"]["follow_up"], sent["metadata"]["article"]) == ("1", "")


def test_asking_whom_to_complain_to_after_an_answer_on_recruitment_fees_is_a_complaint(
    thread: Enlace,
) -> None:
    # Fees a recruiter charged are reported where the rest of the job is: the labour
    # department enforces the H-2 no-fee rule, Canada's tip line the employer's.
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    thread.receive(phone, "a quien llamo?")
    assert thread.rasa.messages[-1]["message"] == "/complaints"


def test_asking_for_help_after_an_answer_is_asking_for_a_person(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "alguien nos puede ayudar?")
    assert thread.rasa.messages[-1]["message"] == "/human_agent"


def test_asking_for_help_read_weakly_as_a_person_after_an_answer_asks_for_one(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "can someone help me please")
    assert thread.rasa.messages[-1]["message"] == "/human_agent"


def test_a_question_read_as_asking_for_a_person_but_naming_none_stays_on_the_thread(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "y el abogado cuanto sale?")
    assert thread.rasa.messages[-1]["message"] == "/injury_health"


def test_a_long_message_the_model_gives_up_on_stays_on_the_threads_topic(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, LONG_QUESTION)
    assert thread.rasa.messages[-1]["message"] == "/injury_health"


def test_asking_for_help_first_is_a_greeting(thread: Enlace) -> None:
    thread.receive(new_phone(), "alguien nos puede ayudar?")
    assert thread.rasa.messages[-1]["message"] == "alguien nos puede ayudar?"


def test_thanks_is_never_a_follow_up(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    thread.receive(phone, "gracias")
    assert thread.rasa.messages[-1]["message"] == "gracias"


def test_a_follow_up_with_no_thread_goes_to_the_model_as_written(thread: Enlace) -> None:
    thread.receive(new_phone(), "cuanto cuesta?")
    assert thread.rasa.messages[-1]["metadata"]["follow_up"] == ""


def test_a_place_said_unasked_after_an_answer_answers_that_question_for_it(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "no me pagan las horas extra")
    thread.receive(phone, "en dallas")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["country"]) == ("/wages", "US")
    assert sent["metadata"]["question"] == "no me pagan las horas extra"


def test_where_a_person_is_from_said_unasked_is_remembered(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "no me pagan las horas extra")
    thread.receive(phone, "de honduras")
    thread.receive(phone, "cuanto cuesta?")
    assert thread.rasa.messages[-1]["metadata"]["origin"] == "HN"


def test_a_visa_named_once_goes_with_the_later_questions(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "estoy con la H-2A en georgia")
    thread.receive(phone, "no me pagan las horas extra")
    assert thread.rasa.messages[-1]["metadata"]["programme"] == "H-2A"


def test_no_visa_is_sent_when_the_person_never_named_one(thread: Enlace) -> None:
    thread.receive(new_phone(), "no me pagan las horas extra")
    assert thread.rasa.messages[-1]["metadata"]["programme"] == ""


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("con la h2a", "H-2A"),
        ("tengo visa H-2B", "H-2B"),
        ("i came on an h 2a", "H-2A"),
        ("en el ptat", "SAWP"),
        ("por gecco", "GECCO"),
        ("h2a o h2b?", None),
        ("no me pagan", None),
    ],
)
def test_visas_and_programmes_are_read_as_written(text: str, programme: str | None) -> None:
    assert programme_named(text) == programme


@pytest.mark.parametrize(
    ("text", "names", "alone"),
    [
        ("en madrid", ["madrid"], True),
        ("estados unidos ya le dije, north carolina", ["estados unidos", "north carolina"], True),
        ("en almeria en los invernaderos", ["almeria"], False),
        ("en dallas?", ["dallas"], False),
        ("gracias", [], False),
        ("we live in houston tx", ["houston", "tx"], True),
        ("canada, near vancouver", ["canada", "vancouver"], True),
        ("my husband is in houston and he has no lawyer", ["houston"], False),
        # A town the gazetteer does not know, named before its state.
        ("estamos en lodi california", ["california"], True),
        ("we work in dalhart texas", ["texas"], True),
        ("en lodi", [], False),
        ("ayuda en texas", ["texas"], False),
        ("seguro texas", ["texas"], False),
        ("en el rancho texas", ["texas"], False),
        ("en escobar, provincia de buenos aires", ["buenos aires"], True),
        # Contractions and verbs of being somewhere, as texted.
        ("hes in worthington mn", ["worthington", "mn"], True),
        ("ando en michigan", ["michigan"], True),
        ("trabaja en georgia", ["georgia"], True),
        ("hes in worthington with no papers", ["worthington"], False),
    ],
)
def test_only_a_place_is_a_message_that_says_nothing_but_where(
    text: str, names: list[str], alone: bool
) -> None:
    assert only_a_place(text, names) is alone


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "follow_up"),
    [
        ("cuanto cuesta?", "out_of_scope", 0.9, True),
        ("can i text?", "family_support", 0.4, True),
        ("can i text?", "family_support", 0.8, False),
        # A relative named in a short message is whom the thread is about, not a new subject.
        ("y mi esposa?", "family_support", 0.57, True),
        ("can my kids come too", "family_support", 0.89, True),
        ("how do i bring my kids", "family_support", 0.95, False),
        # A clear enough reading changes the subject, unless the message points back.
        ("sin papeles puedo denunciar?", "complaints", 0.52, False),
        ("el raite al campo tambien lo cobran", "wages", 0.54, True),
        ("can he fire me if i ask for them back?", "contract", 0.55, True),
        ("y si no tengo papeles igual me toca?", "harassment_discrimination", 0.6, True),
        ("thank you", "thanks", 0.3, False),
        # Read as thanks, an acknowledgement that asks on is more of the thread.
        ("ok y?", "thanks", 0.86, True),
        ("ok y a argentina?", "thanks", 0.46, True),
        ("k and about the tips?", "thanks", 0.3, True),
        ("ok gracias?", "thanks", 0.9, False),
        ("ok thank you so much!!", "thanks", 0.95, False),
        # Longer, only when the classifier gives up on it; never when it says a new subject.
        ("y que pasa si mi patron no me paga las horas extras de la semana", "wages", 0.3, True),
        ("y que pasa si mi patron no me paga las horas extras de la semana", "wages", 0.5, False),
        ("and if my boss finds out i wrote to you here can he send me away", "contract", 0.2, True),
        ("otra cosa, mi hermana quiere saber si puede venir", "family_support", 0.3, False),
        ("different thing, how much is it", "out_of_scope", 0.6, False),
        (" ".join(["si"] * 21), "out_of_scope", 0.2, False),
        # A question read weakly as a greeting or a goodbye is no small talk.
        ("y si no consigue papeles lo sacan del pais luego luego?", "goodbye", 0.6, True),
        ("and if she is not there?", "greet", 0.4, True),
        ("hola, como estas?", "greet", 0.95, False),
        ("hola?", "greet", 0.5, False),
        ("ok bye then", "goodbye", 0.6, False),
        ("una cosa mas, cuanto cobran por mandar dinero?", "out_of_scope", 0.4, False),
        # A request for a person names one or the way to reach them.
        ("cuanto me cobra un abogado?", "human_agent", 0.8, True),
        ("will they charge me for the lawyer", "human_agent", 0.7, True),
        ("que alguien me llame por favor", "human_agent", 0.8, False),
        ("can i talk to a real person", "human_agent", 0.9, False),
        ("me pueden ayudar ustedes?", "human_agent", 0.6, False),
    ],
)
def test_a_follow_up_is_short_and_weakly_read(
    text: str, intent: str, confidence: float, follow_up: bool
) -> None:
    assert is_follow_up(text, intent, confidence) is follow_up


@pytest.mark.parametrize(
    ("confidence", "thread_confidence", "follow_up"),
    [(0.6, 0.2, True), (0.6, 0.12, True), (0.6, 0.1, False), (0.9, 0.05, False)],
)
def test_a_new_subject_must_be_read_five_times_the_threads_own_to_change_it(
    confidence: float, thread_confidence: float, follow_up: bool
) -> None:
    text = "me pagan los dias que no trabaje?"
    assert is_follow_up(text, "wages", confidence, thread_confidence) is follow_up


@pytest.mark.parametrize(
    ("text", "thread", "topic"),
    [
        ("a donde llamo", "wages", "complaints"),
        ("can he still complain?", "wages", "complaints"),
        ("y si me corren por reclamar?", "working_conditions", "complaints"),
        ("y si me quejo?", "contract", "complaints"),
        ("si denuncio me pueden sacar del pais?", "harassment_discrimination", None),
        ("a donde llamo", "injury_health", None),
        ("a donde llamo", "recruitment_fees", "complaints"),
        ("y cuanto cuesta?", "wages", None),
        ("where do i go to claim what they owe me", "contract", "complaints"),
    ],
)
def test_where_to_complain_is_a_complaint_only_on_a_thread_about_a_right_at_work(
    text: str, thread: str, topic: str | None
) -> None:
    assert complaint_follow_up(text, thread) == topic


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "thread", "complains"),
    [
        (
            "i have no papers yet, can i still report my boss to the labor people?",
            "legal_channels",
            0.7,
            "wages",
            True,
        ),
        (
            "i have no papers yet, can i still report my boss to the labor people?",
            "legal_channels",
            0.9,
            "wages",
            False,
        ),
        (
            "sin papeles puedo denunciar al patron?",
            "legal_channels",
            0.6,
            "injury_health",
            False,
        ),
        ("otra cosa, puedo denunciar a mi vecino?", "legal_channels", 0.6, "wages", False),
        ("gracias, ya lo voy a reportar", "thanks", 0.6, "wages", False),
    ],
)
def test_a_word_of_complaining_on_a_workplace_thread_outweighs_an_unsure_other_reading(
    text: str, intent: str, confidence: float, thread: str, complains: bool
) -> None:
    assert complains_on_the_thread(text, intent, confidence, thread) is complains


ASKED_WHERE = "me lastime la mano en la mina"
ASKED_READINGS = {
    ASKED_WHERE: ("injury_health", 0.9),
    "el jefe dice que no tengo seguro": ("injury_health", 0.3),
    "y si me corre por eso?": ("contract", 0.3),
}


def _asks_where_first(body: dict[str, Any]) -> dict[str, Any]:
    text = body["message"]
    intent, confidence = ASKED_READINGS.get(text, (text.lstrip("/"), 1.0))
    facts: dict[str, Any] = {"topic": intent}
    if text == ASKED_WHERE:
        facts["ask_country"] = True
    return rasa_response(["answer"], [{"enlace": facts}], intent=intent, confidence=confidence)


def test_a_thread_whose_place_was_asked_once_is_never_asked_again(enlace: Enlace) -> None:
    enlace.rasa.reply = _asks_where_first
    phone = new_phone()
    enlace.receive(phone, ASKED_WHERE)
    enlace.receive(phone, "el jefe dice que no tengo seguro")
    assert enlace.rasa.messages[-1]["metadata"]["asked"] == "1"
    enlace.receive(phone, "y si me corre por eso?")
    sent = enlace.rasa.messages[-1]
    assert sent["message"] == "/injury_health"
    assert sent["metadata"]["asked"] == "1"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("can the consulate call us?", True),
        ("can someone from the consulate call him?", True),
        ("el consulado me puede llamar?", True),
        ("nos puede llamar alguien del consulado?", True),
        ("who do i call", False),
        ("can i call them at the consulate", False),
        ("will the consulate call the police?", False),
        ("si le llamo al consulado me ayudan?", False),
        ("my boss will call immigration on me", False),
    ],
)
def test_asking_that_the_consulate_or_someone_call_is_asking_for_a_person(
    text: str, asks: bool
) -> None:
    assert asks_to_be_contacted(text) is asks


def test_a_question_set_where_the_person_comes_from_says_so_to_the_action(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "una agencia me ofrece trabajo en españa")
    assert thread.rasa.messages[-1]["metadata"]["at_origin"] == ""
    thread.receive(phone, "donde queda la oficina de trabajo en tegucigalpa?")
    sent = thread.rasa.messages[-1]["metadata"]
    assert (sent["country"], sent["origin"], sent["at_origin"]) == ("ES", "HN", "1")


def test_going_back_home_sets_the_question_where_the_person_comes_from(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "y cuando vuelva a colombia hay ayuda?")
    sent = thread.rasa.messages[-1]["metadata"]
    assert (sent["origin"], sent["at_origin"]) == ("CO", "1")


@pytest.mark.parametrize(
    ("intent", "clearly", "thread", "topic"),
    [
        ("wages", True, "family_support", "wages"),
        ("wages", False, "family_support", None),
        ("wages", True, "legal_channels", None),
        ("remittances", True, "family_support", None),
    ],
)
def test_the_relatives_job_named_clearly_on_a_family_thread_is_its_own_topic(
    intent: str, clearly: bool, thread: str, topic: str | None
) -> None:
    assert relatives_job(intent, thread, clearly) == topic


def test_a_relatives_pay_after_a_family_question_is_read_as_pay(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "my husband works on a farm in north carolina")
    thread.receive(phone, "he says they take 200 dollars from every check for the housing")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["follow_up"]) == ("/wages", "")
    assert sent["metadata"]["country"] == "US"


def test_a_message_read_as_an_earlier_subject_goes_back_to_it_not_on_the_thread(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, "me cobraron 1500 por la visa")
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "and the visa money too?")
    assert thread.rasa.messages[-1]["message"] == "and the visa money too?"


def test_the_same_message_with_no_earlier_subject_stays_on_the_thread(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "and the visa money too?")
    assert thread.rasa.messages[-1]["message"] == "/injury_health"


@pytest.mark.parametrize(
    ("intent", "confidence", "earlier", "back"),
    [
        ("harassment_discrimination", 0.68, {"harassment_discrimination"}, True),
        ("harassment_discrimination", 0.4, {"harassment_discrimination"}, False),
        ("harassment_discrimination", 0.68, {"wages"}, False),
        ("asylum_protection", 0.9, {"asylum_protection"}, False),
        ("thanks", 0.9, {"thanks"}, False),
    ],
)
def test_going_back_to_an_earlier_subject_needs_a_reading_of_it(
    intent: str, confidence: float, earlier: set[str], back: bool
) -> None:
    thread = "asylum_protection"
    assert returns_to_an_earlier_subject(intent, confidence, thread, earlier) is back
