"""A short message whose few words are the thread's article's stays on the thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conversations.leaning import clearly_in_the_topic_read, leans_on_the_thread, read_words
from conversations.situation import is_follow_up
from knowledge import ArticleIndex, KnowledgeBase, load_knowledge_base
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
THREAD = "complaints-spain-labour-inspectorate"
READ = "harassment_discrimination"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> ArticleIndex:
    return ArticleIndex(kb)


def test_words_found_in_the_threads_article_lean_on_the_thread(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    assert leans_on_the_thread(read_words(index, "y lo del buzon anonimo?", "es"), kb, THREAD, READ)


def test_words_the_topic_read_matches_better_do_not(kb: KnowledgeBase, index: ArticleIndex) -> None:
    assert not leans_on_the_thread(
        read_words(index, "y el acoso sexual en el trabajo?", "es"), kb, THREAD, READ
    )


def test_a_message_with_a_subject_of_its_own_does_not(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    text = "mi patron me grita todos los dias y me insulta delante de todos"
    assert not leans_on_the_thread(read_words(index, text, "es"), kb, THREAD, READ)


def test_without_an_article_on_the_thread_nothing_leans(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    assert not leans_on_the_thread(
        read_words(index, "y lo del buzon anonimo?", "es"), kb, None, READ
    )


CERTIFICATE = "return-ecuador-certificado-retornado"
ASKED_AT_THE_CONSULATE = "ese certificado lo saco aqui en el consulado o alla?"


def test_only_articles_that_could_answer_the_person_count_against_the_thread(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    # Guatemala's passport article matches "certificado… consulado" better than Ecuador's
    # returnee certificate does, but says nothing to an Ecuadorian.
    text, read = ASKED_AT_THE_CONSULATE, "consular_services"
    assert leans_on_the_thread(
        read_words(index, text, "es"),
        kb,
        CERTIFICATE,
        read,
        destination="ES",
        origin="EC",
        elliptic=True,
    )
    assert not leans_on_the_thread(
        read_words(index, text, "es"), kb, CERTIFICATE, read, elliptic=True
    )


def test_a_message_that_points_back_is_compared_beyond_four_words(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    text, read = ASKED_AT_THE_CONSULATE, "consular_services"
    situation = {"destination": "ES", "origin": "EC"}
    assert not leans_on_the_thread(
        read_words(index, text, "es"), kb, CERTIFICATE, read, **situation
    )


@pytest.mark.parametrize(("confidence", "follow_up"), [(0.7, True), (0.97, False)])
def test_a_leaning_message_stays_on_the_thread_unless_read_near_certainly(
    confidence: float, follow_up: bool
) -> None:
    text = "y lo del buzon anonimo?"
    assert is_follow_up(text, READ, confidence, 0.0, leans_on_thread=True) is follow_up
    assert not is_follow_up(text, READ, confidence, 0.0)


FIRST = "donde denuncio a mi jefe en murcia"
READINGS = {FIRST: ("complaints", 0.9), "y lo del buzon anonimo?": (READ, 0.7)}


def _reply(body: dict[str, Any]) -> dict[str, Any]:
    intent, confidence = READINGS.get(body["message"], (body["message"].lstrip("/"), 1.0))
    custom = {"enlace": {"topic": "complaints", "article_id": THREAD}}
    return rasa_response(["answer"], [custom], intent=intent, confidence=confidence)


def test_the_app_keeps_a_leaning_message_on_the_threads_topic(enlace: Enlace) -> None:
    enlace.rasa.reply = _reply
    phone = new_phone()
    enlace.receive(phone, FIRST)
    enlace.receive(phone, "y lo del buzon anonimo?")
    sent = enlace.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["follow_up"]) == ("/complaints", "1")


def test_a_follow_ups_words_are_searched_in_the_knowledge_base_once(
    enlace: Enlace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether they clearly name the topic read, lean on the thread, or are weak in the topic
    # read: three questions on one search of the message's words.
    enlace.rasa.reply = _reply
    phone = new_phone()
    enlace.receive(phone, FIRST)
    searched: list[str] = []
    scores = ArticleIndex.scores

    def counted(index: ArticleIndex, text: str, language: str) -> dict[str, float]:
        searched.append(text)
        return scores(index, text, language)

    monkeypatch.setattr(ArticleIndex, "scores", counted)
    enlace.receive(phone, "y lo del buzon anonimo?")
    assert searched == ["y lo del buzon anonimo?"]
    assert enlace.rasa.messages[-1]["message"] == "/complaints"


def test_words_about_a_relatives_pay_clearly_name_pay_on_a_family_thread(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    text = "he says they take 200 dollars from every check for the housing"
    assert clearly_in_the_topic_read(read_words(index, text, "en"), kb, "wages", "family_support")


def test_words_family_matters_match_nearly_as_well_do_not(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    text = "the company says its not their problem"
    assert not clearly_in_the_topic_read(
        read_words(index, text, "en"), kb, "working_conditions", "family_support"
    )
