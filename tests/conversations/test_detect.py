"""The detect step runs on every message, whatever the conversation is doing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from conversations.ownership import Priority, assign, queue_for_human
from core.models import Case, Consulate, ConversationStatus, Officer
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

DANGER = "me tienen encerrado en la casa donde trabajo"


def _danger_is_read_as_forced_labour(enlace: Enlace) -> None:
    """NLU reads the danger message as forced labour, anything else as a greeting."""

    def reply(body: dict[str, Any]) -> dict[str, Any]:
        if "encerrad" in body["message"]:
            return rasa_response(
                ["respuesta"],
                intent="forced_labour",
                confidence=0.9,
                ranking=[("forced_labour", 0.9)],
            )
        return enlace.rasa.default_reply(body)

    enlace.rasa.reply = reply


def _last_inbound(enlace: Enlace, phone: str) -> Any:
    with enlace.factory() as session:
        return [m for m in enlace.messages(session, phone) if m.direction.value == "in"][-1]


def _case(enlace: Enlace, phone: str) -> tuple[str, int, int | None]:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        (case,) = session.scalars(select(Case).where(Case.conversation_id == conversation_id))
        return case.reason, case.priority, case.officer_id


def test_a_message_during_a_hand_over_is_checked_answered_with_help_and_raises_the_case(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        conversation = enlace.messages(session, phone)[0].conversation
        consulate = Consulate(name="Consulado", country="MX")
        session.add(consulate)
        session.flush()
        officer = Officer(
            consulate_id=consulate.id,
            email=f"{phone}@example.org",
            display_name="O",
            password_hash="x",
        )
        session.add(officer)
        session.flush()
        queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
        assign(session, conversation, officer.id, "taken")
        officer_id = officer.id
        session.commit()
    _danger_is_read_as_forced_labour(enlace)
    replies_before = len(enlace.replies_to(phone))
    enlace.receive(phone, DANGER)
    message = _last_inbound(enlace, phone)
    assert message.urgent
    assert message.urgency_evidence["topic"] == "forced_labour"
    assert _case(enlace, phone) == ("urgent", Priority.URGENT, officer_id)  # raised, same officer
    # Help, not the bot's answer; then what the person could not be told unasked: that an
    # officer took the case (their safe contact was not known).
    (help_lines, human, told) = enlace.replies_to(phone)[replies_before:]
    assert help_lines.startswith("En peligro llama:")
    assert "maxima prioridad" in human  # SMS text is shaped to GSM-7
    assert told.startswith("Una persona del consulado ya tiene tu conversacion")
    assert enlace.rasa.messages[-1]["message"] != DANGER.lower()  # Rasa's dialogue never saw it


def test_a_message_after_stop_is_checked_and_queued_but_nothing_is_sent(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "STOP")
    sent_after_stop = len(enlace.replies_to(phone))
    _danger_is_read_as_forced_labour(enlace)
    enlace.receive(phone, DANGER)
    message = _last_inbound(enlace, phone)
    assert message.urgent
    assert _case(enlace, phone)[:2] == ("urgent", Priority.URGENT)
    assert len(enlace.replies_to(phone)) == sent_after_stop  # they asked for silence


def test_an_answer_the_bot_was_waiting_for_is_checked_too(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "MENU")  # the bot now waits for a number
    _danger_is_read_as_forced_labour(enlace)
    enlace.receive(phone, DANGER)
    message = _last_inbound(enlace, phone)
    assert message.urgent
    assert DANGER.lower() in enlace.rasa.parses
    assert _case(enlace, phone)[:2] == ("urgent", Priority.URGENT)


def test_a_keyword_is_checked_too(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "AYUDA")
    message = _last_inbound(enlace, phone)
    assert message.urgency_evidence is not None
    assert message.urgency_evidence["topic"] == "greet"
    assert not message.urgent


def test_with_rasa_down_the_text_alone_still_catches_danger(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.down = True
    enlace.receive(phone, DANGER)
    message = _last_inbound(enlace, phone)
    assert message.urgent
    assert message.urgency_evidence["unknown"] == "the language model is unavailable"
    assert "confined" in message.urgency_evidence["signals"]
    assert _case(enlace, phone)[:2] == ("urgent", Priority.URGENT)


def test_with_rasa_down_an_ordinary_question_asks_a_human_at_normal_priority(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.rasa.down = True
    enlace.receive(phone, "cuanto cuesta la matricula consular")
    message = _last_inbound(enlace, phone)
    assert not message.urgent
    assert message.urgency_evidence["unknown"] == "the language model is unavailable"
    assert _case(enlace, phone)[:2] == ("rasa_unavailable", Priority.NORMAL)
    with enlace.factory() as session:
        conversation = enlace.messages(session, phone)[0].conversation
        assert conversation.status == ConversationStatus.QUEUED
    assert enlace.replies_to(phone)[0].startswith("Perdon")


def test_a_message_with_no_words_is_checked_without_asking_nlu(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "🙏🙏")
    message = _last_inbound(enlace, phone)
    assert message.urgency_evidence["unknown"] == "no words to read"
    assert enlace.rasa.parses == []
