"""The topic rule inside the urgency check: a confident topic that can be urgent is one signal.

Alone it no longer makes a message urgent (questions *about* trafficking read as trafficking);
with one weak danger signal in the text it does. These tests pin its edges (the threshold,
topics that cannot be urgent, a case already open); tests/unit/test_danger.py pins the signals.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conversations.ownership import Priority
from core.models import Case, ConversationStatus
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

URGENT_PRIORITY = Priority.URGENT

THRESHOLD = 0.55  # ENLACE_NLU_CONFIDENCE_THRESHOLD's default, which the test app uses
ONE_WEAK_SIGNAL = "el contratista tiene mi pasaporte"  # documents held, nothing else


def test_a_confident_urgent_topic_alone_is_not_urgent(enlace: Enlace) -> None:
    phone = new_phone()
    _understood_as(enlace, "trafficking_smuggling", 0.95)
    enlace.receive(phone, "que es la trata de personas?")
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        assert not message.urgent
        assert message.urgency_evidence["markers"] == ["asks_about"]
    assert _cases(enlace, phone) == []


def _understood_as(enlace: Enlace, topic: str, confidence: float) -> None:
    enlace.rasa.reply = lambda body: rasa_response(
        ["respuesta"], intent=topic, confidence=confidence, ranking=[(topic, confidence)]
    )


def _cases(enlace: Enlace, phone: str) -> list[tuple[str, int]]:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        cases = session.scalars(select(Case).where(Case.conversation_id == conversation_id))
        return [(case.reason, case.priority) for case in cases]


def test_the_threshold_in_the_test_settings_is_the_default(enlace: Enlace) -> None:
    assert enlace.app.state.settings.nlu_confidence_threshold == THRESHOLD


@pytest.mark.parametrize("topic", ["forced_labour", "detention", "emergency"])
def test_a_confident_urgent_capable_topic_opens_an_urgent_case(enlace: Enlace, topic: str) -> None:
    phone = new_phone()
    _understood_as(enlace, topic, 0.9)
    enlace.receive(phone, "me tienen encerrado")
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        assert (message.urgent, message.escalated) == (True, True)
        assert message.conversation.status == ConversationStatus.QUEUED
        assert message.urgency_evidence is not None
        assert message.urgency_evidence["topic"] == topic
    assert _cases(enlace, phone) == [("urgent", URGENT_PRIORITY)]


def test_exactly_at_the_threshold_is_urgent(enlace: Enlace) -> None:
    phone = new_phone()
    _understood_as(enlace, "forced_labour", THRESHOLD)
    enlace.receive(phone, ONE_WEAK_SIGNAL)
    assert _cases(enlace, phone) == [("urgent", URGENT_PRIORITY)]


def test_just_below_the_threshold_is_not_urgent(enlace: Enlace) -> None:
    phone = new_phone()
    _understood_as(enlace, "forced_labour", THRESHOLD - 0.01)
    enlace.receive(phone, ONE_WEAK_SIGNAL)
    with enlace.factory() as session:
        assert not enlace.messages(session, phone)[0].urgent
    assert _cases(enlace, phone) == []


@pytest.mark.parametrize("topic", ["wages", "remittances", "legal_channels"])
def test_a_confident_topic_that_cannot_be_urgent_opens_no_case(enlace: Enlace, topic: str) -> None:
    phone = new_phone()
    _understood_as(enlace, topic, 0.99)
    enlace.receive(phone, "una pregunta")
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        assert (message.urgent, message.escalated) == (False, False)
    assert _cases(enlace, phone) == []


def test_an_urgent_message_raises_the_priority_of_an_open_case(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO")
    assert _cases(enlace, phone) == [("human_agent", Priority.NORMAL)]
    _understood_as(enlace, "forced_labour", 0.9)
    enlace.receive(phone, "ahora me encerraron")
    assert _cases(enlace, phone) == [("urgent", URGENT_PRIORITY)]  # the same case, raised


def test_a_later_ordinary_message_does_not_lower_an_urgent_case(enlace: Enlace) -> None:
    phone = new_phone()
    _understood_as(enlace, "forced_labour", 0.9)
    enlace.receive(phone, "me encerraron")
    enlace.receive(phone, "HUMANO")
    assert _cases(enlace, phone) == [("urgent", URGENT_PRIORITY)]
