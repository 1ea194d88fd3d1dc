"""The app tells the action which article the thread was just answered with, and which of
its parts the person already received, so a follow-up never gets the same text twice."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from knowledge import Article, load_knowledge_base
from knowledge.passages import passages
from knowledge.replies import full_reply
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ARTICLE_ID = "complaints-spain-labour-inspectorate"
FIRST = "donde denuncio a mi jefe en murcia"


@cache
def _article() -> Article:
    """Read once: the fake Rasa answers within the harness's 1 s timeout even on a busy machine."""
    article = load_knowledge_base(KNOWLEDGE).article(ARTICLE_ID)
    assert article is not None
    return article


def _reply(body: dict[str, Any]) -> dict[str, Any]:
    """Every question is answered with the whole article (WhatsApp's answer)."""
    custom = {"enlace": {"topic": "complaints", "article_id": ARTICLE_ID}}
    text = full_reply(_article(), "es")
    intent = "complaints" if body["message"] == FIRST else "out_of_scope"
    return rasa_response([text], [custom], intent=intent, confidence=0.9)


@pytest.fixture
def thread(enlace: Enlace) -> Enlace:
    enlace.rasa.reply = _reply
    return enlace


def test_a_follow_up_carries_the_article_just_sent_and_the_parts_received(
    thread: Enlace,
) -> None:
    phone = new_phone()
    thread.receive(phone, FIRST)
    thread.receive(phone, "y cuanto tarda?")
    metadata = thread.rasa.messages[-1]["metadata"]
    everything = ",".join(str(number) for number in range(len(passages(_article(), "es"))))
    assert metadata["answered"] == ARTICLE_ID
    assert metadata["sent"] == everything


def test_a_first_question_carries_no_article(thread: Enlace) -> None:
    thread.receive(new_phone(), FIRST)
    metadata = thread.rasa.messages[-1]["metadata"]
    assert (metadata["answered"], metadata["sent"]) == ("", "")
