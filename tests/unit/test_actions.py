"""Actions answer from the knowledge base in the person's language and channel."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import ActionExecutor

from actions.endpoint import build_executor
from actions.knowledge_access import Library, load_library
from core.segments import count_segments, sms_rendering

DATA = Path(__file__).resolve().parents[1] / "data"
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(KNOWLEDGE)


@pytest.fixture(scope="module")
def executor(library: Library) -> ActionExecutor:
    return build_executor(library)


def tracker(text: str, intent: str, **slots: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "initial_tracker.json").read_text())
    state = copy.deepcopy(loaded)
    state["latest_message"].update(
        text=text, intent={"name": intent, "confidence": 0.9}, intent_ranking=[]
    )
    state["slots"].update(slots)
    return state


async def run(executor: ActionExecutor, action: str, state: dict[str, Any]) -> dict[str, Any]:
    call = {
        "next_action": action,
        "sender_id": state["sender_id"],
        "tracker": state,
        "domain": {},
        "version": "3.6.21",
    }
    result = await executor.run(call)
    assert result is not None
    dumped: dict[str, Any] = result.model_dump()
    return dumped


def _texts(result: dict[str, Any]) -> list[str]:
    return [r["text"] for r in result["responses"] if r.get("text")]


def _facts(result: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for response in result["responses"]:
        facts.update((response.get("custom") or {}).get("enlace", {}))
    return facts


@pytest.mark.anyio
async def test_a_topic_is_answered_with_the_short_article_and_more_hint_by_sms(
    executor: ActionExecutor, library: Library
) -> None:
    state = tracker("no me pagan", "wages", country="US")
    result = await run(executor, "action_answer_topic", state)
    facts = _facts(result)
    article = library.kb.article(facts["article_id"])
    assert article is not None
    assert article.topic == "wages"
    (text,) = _texts(result)
    assert text.startswith(article.localized("es").short)
    assert text.endswith("Responde MAS para detalles.")


@pytest.mark.anyio
async def test_whatsapp_gets_the_full_answer_in_english(
    executor: ActionExecutor, library: Library
) -> None:
    state = tracker(
        "they keep my passport", "documents_retained", language="en", channel="whatsapp"
    )
    result = await run(executor, "action_answer_topic", state)
    article = library.kb.article(_facts(result)["article_id"])
    assert article is not None
    assert article.localized("en").full in _texts(result)[0]


@pytest.mark.anyio
async def test_the_country_picks_the_article_for_that_country(executor: ActionExecutor) -> None:
    result = await run(
        executor, "action_answer_topic", tracker("no me pagan", "wages", country="ES")
    )
    assert _facts(result)["article_id"] == "wages-spain"


@pytest.mark.anyio
async def test_the_message_picks_the_article_within_a_topic(executor: ActionExecutor) -> None:
    children = tracker(
        "mis hijos se quedan con la abuela, q papel necesita pa la escuela", "family_support"
    )
    death = tracker("mi hermano murio en texas, como traemos el cuerpo", "family_support")
    assert _facts(await run(executor, "action_answer_topic", children))["article_id"] == (
        "family-children-left-behind"
    )
    assert _facts(await run(executor, "action_answer_topic", death))["article_id"] == (
        "family-death-abroad-repatriation"
    )


@pytest.mark.anyio
async def test_asking_for_a_human_reports_an_escalation(executor: ActionExecutor) -> None:
    result = await run(executor, "action_request_human", tracker("humano", "human_agent"))
    assert _facts(result) == {"escalate": "human_agent"}
    assert "consulado" in _texts(result)[0]


@pytest.mark.anyio
async def test_an_unsure_message_with_no_search_match_gets_the_default_response(
    executor: ActionExecutor,
) -> None:
    result = await run(executor, "action_answer_unsure", tracker("zzzz qqqq", "nlu_fallback"))
    assert [r.get("response") for r in result["responses"]] == ["utter_default"]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("hablame en ingles", "es", "en"),
        ("spanish please", "en", "es"),
        ("no hablo ingles", "en", "es"),
        ("cambiar idioma", "es", "en"),
        ("i dont speak spanish, english pls", "es", "en"),
        ("mi mama no habla frances ni ingles, solo espanol, la atienden?", "es", "es"),
        ("can we talk in english only", "es", "en"),
        ("hablame en espanol, no en ingles", "en", "es"),
    ],
)
async def test_a_language_request_switches_to_the_language_asked_for(
    executor: ActionExecutor, text: str, current: str, expected: str
) -> None:
    result = await run(
        executor, "action_switch_language", tracker(text, "language_switch", language=current)
    )
    assert {"event": "slot", "name": "language", "value": expected}.items() <= next(
        e for e in result["events"] if e.get("event") == "slot"
    ).items()


def test_every_sms_answer_fits_in_two_segments_with_the_hint(library: Library) -> None:
    from core.segments import sms_rendering
    from knowledge.labels import more_hint

    too_long = [
        (a.id, lang)
        for a in library.kb.articles
        for lang in ("es", "en")
        if count_segments(sms_rendering(f"{a.localized(lang).short}\n{more_hint(lang)}")) > 2
    ]
    assert too_long == []


@pytest.mark.anyio
async def test_a_country_specific_topic_asks_for_the_country_when_it_is_unknown(
    executor: ActionExecutor,
) -> None:
    result = await run(executor, "action_answer_topic", tracker("no me pagan", "wages"))
    assert _facts(result) == {"topic": "wages", "ask_country": True}
    assert "país" in _texts(result)[0]


@pytest.mark.anyio
async def test_an_unsure_message_with_a_clear_search_match_gets_that_article(
    executor: ActionExecutor,
) -> None:
    state = tracker("tarjeta bienestar paisano", "nlu_fallback")
    result = await run(executor, "action_answer_unsure", state)
    assert _facts(result)["article_id"] == "return-mexico-te-abraza"


@pytest.mark.anyio
async def test_an_unsure_message_matching_two_articles_equally_is_not_guessed(
    executor: ActionExecutor,
) -> None:
    state = tracker("totalization agreement social security mexico", "nlu_fallback", language="en")
    result = await run(executor, "action_answer_unsure", state)
    assert [r.get("response") for r in result["responses"]] == ["utter_default"]


@pytest.mark.anyio
async def test_a_topic_written_per_origin_asks_the_country_then_the_origin(
    executor: ActionExecutor,
) -> None:
    text = "me toca pension si trabaje 10 años aqui y me regreso"
    asked = await run(executor, "action_answer_topic", tracker(text, "social_security"))
    assert _facts(asked) == {"topic": "social_security", "ask_country": True}
    state = tracker(text, "social_security", country="ES")
    asked_again = await run(executor, "action_answer_topic", state)
    assert _facts(asked_again) == {"topic": "social_security", "ask_origin": True}
    assert "¿de dónde eres?" in _texts(asked_again)[0]


@pytest.mark.anyio
async def test_going_back_to_an_unnamed_country_asks_where_the_person_is_from(
    executor: ActionExecutor,
) -> None:
    """dev o206: "despues de 6 años en valencia me quiero devolver a mi pais": the help at home
    is each country's own (a returnee law, a certificate), not Spain's programmes alone."""
    text = "hola, despues de 6 años en valencia me quiero devolver a mi pais, q ayudas hay pa eso"
    state = tracker(text, "return_reintegration", country="ES")
    assert _facts(await run(executor, "action_answer_topic", state)) == {
        "topic": "return_reintegration",
        "ask_origin": True,
    }
    named = tracker("me quiero regresar a colombia, q ayudas hay", "return_reintegration")
    named["slots"].update(country="ES")
    assert "ask_origin" not in _facts(await run(executor, "action_answer_topic", named))


@pytest.mark.anyio
async def test_the_origin_is_not_asked_when_every_origin_gets_the_same_answer(
    executor: ActionExecutor,
) -> None:
    state = tracker("how do i apply for the h2a visa", "legal_channels", country="US")
    assert _facts(await run(executor, "action_answer_topic", state))["article_id"] == (
        "legal-channels-h2a-us"
    )


@pytest.mark.anyio
async def test_a_topic_that_can_be_urgent_is_answered_without_asking_the_origin(
    executor: ActionExecutor, library: Library
) -> None:
    urgent = [t for t, topic in library.kb.topics.items() if topic.urgent]
    for topic in urgent:
        for country in (None, "US", "CA", "ES", "MX"):
            state = tracker("ayuda", topic, country=country)
            facts = _facts(await run(executor, "action_answer_topic", state))
            assert "ask_origin" not in facts, (topic, country)


@pytest.mark.anyio
async def test_the_origin_a_message_names_picks_the_article_for_it(
    executor: ActionExecutor,
) -> None:
    text = "me toca pension si trabaje 10 años aqui y me regreso"
    state = tracker(text, "social_security", country="ES", origin="MX")
    assert _facts(await run(executor, "action_answer_topic", state))["article_id"] == (
        "social-security-spain-mexico"
    )
    state = tracker(text, "social_security", country="ES", origin="EC")
    assert _facts(await run(executor, "action_answer_topic", state))["article_id"] == (
        "social-security-spain-iberoamerican"
    )


def _unsure(text: str, ranking: list[tuple[str, float]], **slots: Any) -> dict[str, Any]:
    state = tracker(text, "nlu_fallback", **slots)
    state["latest_message"]["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    return state


@pytest.mark.anyio
@pytest.mark.parametrize("language", ["es", "en"])
async def test_an_unsure_message_offers_the_likely_topics_to_choose_from(
    executor: ActionExecutor, language: str
) -> None:
    ranking = [
        ("nlu_fallback", 0.45),
        ("forced_labour", 0.41),
        ("human_agent", 0.2),  # HUMAN is offered in words, not as a topic
        ("documents_retained", 0.15),
        ("greet", 0.1),  # not a knowledge-base topic
        ("wages", 0.06),
        ("contract", 0.04),  # too unlikely
    ]
    state = _unsure("zzzz qqqq", ranking, language=language)
    result = await run(executor, "action_answer_unsure", state)
    assert _facts(result) == {"offer": ["forced_labour", "documents_retained", "wages"]}
    (text,) = _texts(result)
    lines = text.split("\n")
    expected = {
        "es": ["1. Amenazas, encierro, deudas", "2. Me quitaron documentos", "3. Pago y salario"],
        "en": ["1. Threats, confinement, debts", "2. They kept my papers", "3. Pay and wages"],
    }
    assert lines[1:4] == expected[language]
    assert ("HUMANO" if language == "es" else "HUMAN") in lines[4]
    assert ("AYUDA" if language == "es" else "HELP") in lines[5]  # forced labour can be urgent
    assert count_segments(sms_rendering(text)) <= 3


@pytest.mark.anyio
async def test_an_unsure_message_with_no_likely_topic_is_asked_to_reword(
    executor: ActionExecutor,
) -> None:
    state = _unsure("zzzz qqqq", [("nlu_fallback", 0.45), ("greet", 0.4), ("wages", 0.03)])
    result = await run(executor, "action_answer_unsure", state)
    assert [r.get("response") for r in result["responses"]] == ["utter_default"]


@pytest.mark.anyio
async def test_an_offer_of_topics_that_cannot_be_urgent_does_not_mention_danger(
    executor: ActionExecutor,
) -> None:
    state = _unsure("zzzz qqqq", [("nlu_fallback", 0.45), ("wages", 0.4), ("contract", 0.3)])
    (text,) = _texts(await run(executor, "action_answer_unsure", state))
    assert text.count("\n") == 3
    assert "AYUDA" not in text
    assert count_segments(sms_rendering(text)) <= 2


@pytest.mark.anyio
async def test_a_worker_who_named_no_visa_gets_the_general_article_for_the_place(
    executor: ActionExecutor,
) -> None:
    state = tracker("my boss dont pay overtime", "wages", country="US", language="en")
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["article_id"] == "wages-unpaid-us"


@pytest.mark.anyio
async def test_a_worker_on_a_visa_gets_the_article_for_it(executor: ActionExecutor) -> None:
    state = tracker("my boss dont pay overtime", "wages", country="US", language="en")
    state["latest_message"]["metadata"] = {"programme": "H-2A"}
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["article_id"] == "wages-h2-pay-rules-us"


@pytest.mark.anyio
async def test_the_bot_never_asks_where_twice_about_one_thread(executor: ActionExecutor) -> None:
    state = tracker("/wages", "wages")
    state["latest_message"]["metadata"] = {"asked": "1", "question": "cuanto cuesta?"}
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert not facts.get("ask_country")
    assert not facts.get("ask_origin")


@pytest.mark.anyio
async def test_a_follow_up_in_other_words_gets_the_article_it_clearly_names(
    executor: ActionExecutor,
) -> None:
    question = "y lo de la deuda? me cobran la casa y el cuarto y nunca termino de pagar"
    state = tracker("/legal_channels", "legal_channels", country="ES", language="es")
    metadata = {"follow_up": "1", "question": question, "read": "forced_labour"}
    state["latest_message"]["metadata"] = metadata
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["topic"] == "forced_labour"


@pytest.mark.anyio
async def test_a_follow_up_stays_on_its_thread_when_its_words_and_its_reading_disagree(
    executor: ActionExecutor,
) -> None:
    question = "y lo de la deuda? me cobran la casa y el cuarto y nunca termino de pagar"
    state = tracker("/legal_channels", "legal_channels", country="ES", language="es")
    metadata = {"follow_up": "1", "question": question, "read": "wages"}
    state["latest_message"]["metadata"] = metadata
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["topic"] == "legal_channels"


@pytest.mark.anyio
async def test_a_question_on_a_consulate_the_directory_lacks_is_told_so(
    executor: ActionExecutor,
) -> None:
    text = "hay consulado de nicaragua aqui en toronto que me ayude con el pasaporte?"
    state = tracker(text, "consular_services", country="CA", origin="NI")
    result = await run(executor, "action_answer_topic", state)
    assert "article_id" not in _facts(result)
    assert any(
        "informacion revisada" in reply or "información revisada" in reply
        for reply in _texts(result)
    )


@pytest.mark.anyio
async def test_the_words_that_single_out_an_origins_article_get_it_with_the_origin_unknown(
    executor: ActionExecutor,
) -> None:
    text = "me deportaron ayer y estoy en la garita sin nada, me ayuda el programa de mexico?"
    state = tracker(text, "return_reintegration")
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["article_id"] == "return-mexico-te-abraza"


def _again(question: str, sent: str = "") -> dict[str, Any]:
    """A follow-up on the Spanish complaints thread, whose article was just sent by SMS."""
    state = tracker("/complaints", "complaints", country="ES", language="es", channel="sms")
    state["latest_message"]["metadata"] = {
        "follow_up": "1",
        "question": question,
        "article": "complaints-spain-labour-inspectorate",
        "answered": "complaints-spain-labour-inspectorate",
        "sent": sent,
    }
    return state


@pytest.mark.anyio
async def test_a_follow_up_on_the_article_just_sent_gets_the_part_its_words_name(
    executor: ActionExecutor, library: Library
) -> None:
    result = await run(executor, "action_answer_topic", _again("y si es por acoso?"))
    article = library.kb.article("complaints-spain-labour-inspectorate")
    assert article is not None
    (reply,) = _texts(result)
    assert "acoso" in reply
    assert article.es.short not in reply
    assert _facts(result)["article_id"] == article.id


@pytest.mark.anyio
async def test_a_follow_up_no_part_answers_is_told_so_once_not_sent_the_article_again(
    executor: ActionExecutor, library: Library
) -> None:
    result = await run(executor, "action_answer_topic", _again("y mi primo que vive en ohio?"))
    article = library.kb.article("complaints-spain-labour-inspectorate")
    assert article is not None
    (reply,) = _texts(result)
    assert "HUMANO" in reply
    assert article.es.short not in reply
    assert _facts(result)["article_id"] == article.id


@pytest.mark.anyio
async def test_a_part_already_sent_is_not_sent_again(executor: ActionExecutor) -> None:
    first = await run(executor, "action_answer_topic", _again("y si es por acoso?"))
    sent = str(_facts(first)["passage"])
    again = await run(executor, "action_answer_topic", _again("y si es por acoso?", sent))
    assert _texts(again) != _texts(first)


@pytest.mark.anyio
async def test_a_third_follow_up_no_part_answers_does_not_get_the_line_the_second_got(
    executor: ActionExecutor,
) -> None:
    second = await run(executor, "action_answer_topic", _again("y mi primo que vive en ohio?"))
    (line,) = _texts(second)
    state = _again("y mi tio que vive en texas?")
    state["events"] = [*state.get("events", []), {"event": "bot", "text": line}]
    third = _texts(await run(executor, "action_answer_topic", state))
    assert third
    assert line not in third
    assert "HUMANO" in third[0]


@pytest.mark.anyio
async def test_a_follow_up_gets_the_part_for_the_persons_country_never_another_countrys(
    executor: ActionExecutor,
) -> None:
    """A wife whose husband works in Canada asks for a number: Canada's line of the article
    answered country by country, not the US and Spain line."""
    article = "family-report-abuse-for-relative"
    state = tracker("/family_support", "family_support", country="CA", language="en")
    state["latest_message"]["metadata"] = {
        "follow_up": "1",
        "question": "what number can he call if there is danger?",
        "article": article,
        "answered": article,
        "sent": "",
    }
    state["latest_message"]["input_channel"] = "sms"
    result = await run(executor, "action_answer_topic", state)
    (reply,) = _texts(result)
    assert "112" not in reply
    assert "Spain" not in reply
    assert "Canada" in reply
    assert _facts(result)["article_id"] == article


@pytest.mark.anyio
async def test_an_article_about_one_country_is_not_answered_part_by_state(
    executor: ActionExecutor,
) -> None:
    """A wife on the US workers' compensation thread says where her husband is from: the
    article is about the US (some parts name a state, one names Spain too), so no state's rule
    is sent as "the part for his country"."""
    article = "injury-us-workers-comp"
    state = tracker("/injury_health", "injury_health", country="US", language="en")
    state["latest_message"]["metadata"] = {
        "follow_up": "1",
        "question": "he is from guatemala",
        "article": article,
        "answered": article,
        "sent": "0",
    }
    state["latest_message"]["input_channel"] = "sms"
    (reply,) = _texts(await run(executor, "action_answer_topic", state))
    assert "Idaho" not in reply
    assert "Wyoming" not in reply


def _on_the_us_wages_thread(question: str) -> dict[str, Any]:
    article = "wages-unpaid-us"
    state = tracker("/wages", "wages", country="US", language="es")
    state["latest_message"]["metadata"] = {
        "follow_up": "1",
        "question": question,
        "article": article,
        "answered": article,
        "sent": "0",
    }
    state["latest_message"]["input_channel"] = "sms"
    return state


@pytest.mark.anyio
async def test_an_origin_said_on_the_thread_is_thanked_with_that_countrys_consular_line(
    executor: ActionExecutor,
) -> None:
    """ "soy de honduras" after the US wages answer: not "that is what the reviewed information
    says", but thanks and Honduras's consular line for the US."""
    result = await run(executor, "action_answer_topic", _on_the_us_wages_thread("soy de honduras"))
    (reply,) = _texts(result)
    assert reply.startswith("Gracias, lo anoto.")
    assert "SIAMIGH" in reply
    assert "+1 (470) 751-9077" in reply
    assert _facts(result)["article_id"] == "wages-unpaid-us"


@pytest.mark.anyio
async def test_an_origin_without_a_consular_line_there_is_thanked_without_a_number(
    executor: ActionExecutor,
) -> None:
    result = await run(executor, "action_answer_topic", _on_the_us_wages_thread("soy de colombia"))
    (reply,) = _texts(result)
    assert reply.startswith("Gracias, lo anoto.")
    assert "HUMANO" in reply
    assert not any(character.isdigit() for character in reply)


@pytest.mark.anyio
async def test_an_origin_said_that_brought_the_threads_question_back_is_thanked(
    executor: ActionExecutor,
) -> None:
    """ "he is from honduras" replays the thread's own question: the words said decide."""
    state = _on_the_us_wages_thread("mi patron no me paga")
    state["latest_message"]["metadata"]["said"] = "he is from honduras"
    (reply,) = _texts(await run(executor, "action_answer_topic", state))
    assert "SIAMIGH" in reply


@pytest.mark.anyio
@pytest.mark.parametrize("doubt", ["es en serio?", "oiga, eso es cierto?", "neta?"])
async def test_a_doubt_about_the_answer_gets_its_review_date_and_sources(
    executor: ActionExecutor, library: Library, doubt: str
) -> None:
    result = await run(executor, "action_answer_topic", _on_the_us_wages_thread(doubt))
    (reply,) = _texts(result)
    article = library.kb.article("wages-unpaid-us")
    assert article is not None
    assert reply.startswith("Sí. Viene de estas fuentes, revisado el")
    assert str(article.reviewed.year) in reply
    first = article.sources[0]
    assert str(first.url or first.title) in reply
    assert _facts(result)["article_id"] == "wages-unpaid-us"


@pytest.mark.anyio
async def test_a_second_doubt_in_a_row_is_not_answered_with_the_same_text(
    executor: ActionExecutor,
) -> None:
    first = _texts(await run(executor, "action_answer_topic", _on_the_us_wages_thread("neta?")))
    state = _on_the_us_wages_thread("de verdad?")
    state["events"] = [*state.get("events", []), {"event": "bot", "text": first[0]}]
    (again,) = _texts(await run(executor, "action_answer_topic", state))
    assert again != first[0]
    assert "HUMANO" in again


@pytest.mark.anyio
async def test_a_question_about_legality_is_no_doubt_about_the_answer(
    executor: ActionExecutor,
) -> None:
    result = await run(executor, "action_answer_topic", _on_the_us_wages_thread("eso es legal?"))
    assert not any(text.startswith("Sí. Viene de") for text in _texts(result))


@pytest.mark.anyio
async def test_a_place_where_the_person_is_is_not_taken_for_where_they_come_from(
    executor: ActionExecutor,
) -> None:
    """dev o81: "can i get that paper at the consulate here in barcelona" was thanked as if the
    person had said they were Venezuelan (Barcelona is a Venezuelan city too)."""
    state = _on_the_us_wages_thread("can i get that paper at the consulate here in barcelona")
    result = await run(executor, "action_answer_topic", state)
    assert not any(
        text.startswith(("Gracias, lo anoto.", "Thank you, noted")) for text in _texts(result)
    )


@pytest.mark.anyio
async def test_asked_when_the_line_answers_the_line_and_its_hours_are_sent(
    executor: ActionExecutor, library: Library
) -> None:
    """ "a q hora atienden ese numero" after the US unpaid-wages answer: Wage and Hour's line
    and its hours from the directory, not "that is what the reviewed information says"."""
    state = _on_the_us_wages_thread("a q hora atienden ese numero")
    result = await run(executor, "action_answer_topic", state)
    (reply,) = _texts(result)
    line = library.kb.contacts["us-dol-whd"]
    assert reply.splitlines()[0] == f"{line.name.get('es')}: {line.phone}"
    assert line.hours.get("es") in reply
    assert _facts(result)["article_id"] == "wages-unpaid-us"


@pytest.mark.anyio
async def test_asked_for_a_whatsapp_the_line_has_none_says_so(executor: ActionExecutor) -> None:
    (reply,) = _texts(
        await run(executor, "action_answer_topic", _on_the_us_wages_thread("tienen whatsapp?"))
    )
    assert "No hay un número de WhatsApp publicado para esta línea." in reply


@pytest.mark.anyio
async def test_asked_for_the_consulates_number_the_articles_line_is_not_sent(
    executor: ActionExecutor, library: Library
) -> None:
    state = _on_the_us_wages_thread("y el numero del consulado?")
    texts = _texts(await run(executor, "action_answer_topic", state))
    line = library.kb.contacts["us-dol-whd"]
    assert not any(text.startswith(f"{line.name.get('es')}:") for text in texts)


@pytest.mark.anyio
async def test_a_question_naming_an_origin_is_not_taken_for_a_statement(
    executor: ActionExecutor,
) -> None:
    result = await run(
        executor, "action_answer_topic", _on_the_us_wages_thread("y si soy de honduras?")
    )
    assert not any(text.startswith("Gracias, lo anoto.") for text in _texts(result))


@pytest.mark.anyio
async def test_a_second_gap_in_a_row_is_not_the_same_text_again(executor: ActionExecutor) -> None:
    text = "hay consulado de nicaragua aqui en toronto que me ayude con el pasaporte?"
    first = _texts(
        await run(
            executor,
            "action_answer_topic",
            tracker(text, "consular_services", country="CA", origin="NI"),
        )
    )
    state = tracker(text, "consular_services", country="CA", origin="NI")
    state["events"] = [*state.get("events", []), {"event": "bot", "text": first[0]}]
    again = _texts(await run(executor, "action_answer_topic", state))
    assert again != first
    assert again[0].startswith("Tampoco tengo información revisada")


@pytest.mark.anyio
async def test_a_complaint_follow_up_is_not_sent_back_to_the_article_just_answered(
    executor: ActionExecutor, library: Library
) -> None:
    question = "ok so for the bucket pay thing, where do i report it"
    state = tracker("/complaints", "complaints", country="US", language="en")
    state["latest_message"]["metadata"] = {
        "follow_up": "1",
        "question": question,
        "read": "wages",
        "programme": "H-2A",
        "answered": "wages-h2-pay-rules-us",
    }
    facts = _facts(await run(executor, "action_answer_topic", state))
    assert facts["topic"] == "complaints"
    assert facts["article_id"].startswith("complaints-")
