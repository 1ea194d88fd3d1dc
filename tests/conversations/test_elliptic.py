"""A short message that refers back ("how does she sign up for it", "y eso es gratis?") is
read against the thread unless its own words clearly name the topic the classifier read (better
than the thread's topic); a message that
only says the visa the person is on answers the thread's question again for that visa."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conversations.leaning import read_words, weak_in_the_topic_read
from conversations.situation import (
    is_follow_up,
    only_a_programme,
    origin_gone_back_to,
    refers_back,
)
from knowledge import ArticleIndex, KnowledgeBase, load_knowledge_base
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> ArticleIndex:
    return ArticleIndex(kb)


@pytest.mark.parametrize(
    ("text", "refers"),
    [
        ("y eso cuanto tarda?", True),
        ("what about the bus ticket", True),
        ("how does she sign up for it", True),
        ("se lo puedo pedir asi?", True),
        ("me los tienen que regresar?", True),
        ("nos las cobraron todas", True),
        ("los papeles que pide el consulado", False),
        ("necesito sacar mi pasaporte", False),
        ("my boss does not pay overtime", False),
    ],
)
def test_a_message_refers_back_by_its_opening_or_by_a_word_standing_for_someone(
    text: str, refers: bool
) -> None:
    assert refers_back(text) is refers


def test_a_few_words_shared_with_another_topic_are_weak_in_it(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    assert weak_in_the_topic_read(
        read_words(index, "y eso es gratis?", "es"), kb, "recruitment_fees"
    )


def test_words_that_name_the_topic_read_are_not(kb: KnowledgeBase, index: ArticleIndex) -> None:
    text = "y si me quejo con la inspeccion de trabajo?"
    assert not weak_in_the_topic_read(read_words(index, text, "es"), kb, "complaints", "wages")


def test_words_the_threads_topic_matches_as_well_are_weak_in_the_topic_read(
    kb: KnowledgeBase, index: ArticleIndex
) -> None:
    text = "is he maybe in detention now?"
    assert not weak_in_the_topic_read(read_words(index, text, "en"), kb, "detention")
    assert weak_in_the_topic_read(read_words(index, text, "en"), kb, "detention", "missing_person")


@pytest.mark.parametrize(
    ("text", "weak", "confidence", "follow_up"),
    [
        ("how does she sign up for it", True, 0.77, True),
        ("how does she sign up for it", True, 0.9, False),
        ("how does she sign up for it", False, 0.77, False),
        ("necesito sacar mi pasaporte", True, 0.77, False),
    ],
)
def test_an_elliptic_message_weak_in_the_topic_read_stays_on_the_thread(
    text: str, weak: bool, confidence: float, follow_up: bool
) -> None:
    assert is_follow_up(text, "legal_channels", confidence, weak_elsewhere=weak) is follow_up


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("he is on h2a", True),
        ("vine con la h2b", True),
        ("we came with the ptat program", True),
        ("ah y vengo con la h2a, se me olvido decirle", True),
        ("is he on h2a?", False),
        ("my wife works h2a in a farm and they dont pay", False),
        ("en el campo", False),
    ],
)
def test_a_message_may_say_nothing_but_the_visa(text: str, only: bool) -> None:
    assert only_a_programme(text) is only


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("want to go back to mexico for good", "MX"),
        ("y cuando vuelva a colombia hay ayuda?", "CO"),
        ("me quiero regresar a mi pais", None),
        ("back to the van thing, who do i call?", None),
    ],
)
def test_the_country_a_person_goes_back_to_is_their_origin(text: str, origin: str | None) -> None:
    assert origin_gone_back_to(text) == origin


READINGS = {
    "me golpeo el patron y me duele": ("injury_health", 0.85),
    "he is on h2a": ("legal_channels", 0.8),
    "my husband works on a farm in north carolina": ("family_support", 0.51),
}
LONG = "my husband says they take money from every check for the housing, is that legal"


def _reply(body: dict[str, Any]) -> dict[str, Any]:
    text = body["message"]
    intent, confidence = READINGS.get(text, (text.lstrip("/"), 1.0))
    if text == LONG:
        intent, confidence = "nlu_fallback", 0.3
    custom = {"enlace": {"topic": intent, "article_id": f"{intent}-article"}}
    return rasa_response(["answer"], [custom], intent=intent, confidence=confidence)


@pytest.fixture
def thread(enlace: Enlace) -> Enlace:
    enlace.rasa.reply = _reply
    return enlace


def test_a_visa_said_after_a_question_answers_that_question_again_for_it(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "he is on h2a")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["programme"]) == ("/injury_health", "H-2A")
    assert sent["metadata"]["question"] == "me golpeo el patron y me duele"
    # Chosen afresh for the visa, not kept as the thread's article.
    assert (sent["metadata"]["follow_up"], sent["metadata"]["article"]) == ("", "")


def test_a_question_filed_under_family_matters_is_read_again_with_the_visa(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "my husband works on a farm in north carolina")
    thread.receive(phone, LONG)
    thread.receive(phone, "he is on h2a")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["programme"]) == (LONG, "H-2A")


def test_a_visa_said_with_the_place_gives_both_to_the_threads_question(thread: Enlace) -> None:
    phone = new_phone()
    thread.receive(phone, "me golpeo el patron y me duele")
    thread.receive(phone, "en wenachi washington. trae la visa h2a")
    sent = thread.rasa.messages[-1]
    assert (sent["message"], sent["metadata"]["country"]) == ("/injury_health", "US")
    assert sent["metadata"]["programme"] == "H-2A"
