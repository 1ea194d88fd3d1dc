"""What a hand-over says (one message, then the safe-contact question), and the questions after
it: where the person is from and where they are, once each, re-routing the case on an answer."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from admin.accounts import ensure_consulate
from conversations import HANDOVER, TEXTS
from conversations.texts import ALREADY_WITH_HUMAN
from core.models import AuditEvent, Case, Consulate, OwnershipChange
from core.segments import count_segments, strip_accents_for_sms
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

# Nationalities only this module gives consulates to (the test database is shared).
BOLIVIA_US = "Consulado de Bolivia en Washington (pruebas)"
BOLIVIA_TX = "Consulado de Bolivia en Houston (pruebas)"


def _last(enlace: Enlace, phone: str) -> str:
    """The last reply, accent-free (SMS drops accents only when that saves a segment)."""
    return strip_accents_for_sms(enlace.replies_to(phone)[-1])


def _case(enlace: Enlace, phone: str) -> Case:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        case = session.scalar(
            select(Case).where(Case.conversation_id == conversation_id).order_by(Case.id.desc())
        )
        assert case is not None
        return case


def _consulate_id(enlace: Enlace, name: str) -> int:
    with enlace.factory() as session:
        found = session.scalar(select(Consulate.id).where(Consulate.name == name))
        assert found is not None
        return found


@pytest.fixture(scope="module", autouse=True)
def bolivia(enlace: Enlace) -> None:
    """Bolivia's consulates: one for the whole US, one for Texas and Oklahoma."""
    with enlace.factory() as session:
        ensure_consulate(session, BOLIVIA_US, "BO", places=("US",))
        ensure_consulate(session, BOLIVIA_TX, "BO", places=("US-TX", "US-OK"))
        session.commit()


@pytest.mark.parametrize(("word", "language"), [("HUMANO", "es"), ("HUMAN", "en")])
def test_a_hand_over_is_one_message_then_the_safe_contact_question(
    enlace: Enlace, word: str, language: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, word)
    handover, question = enlace.replies_to(phone)
    team = "el equipo consular" if language == "es" else "the consular team"
    with enlace.factory() as session:
        consulate = session.get(Consulate, _case(enlace, phone).consulate_id or 0)
        team = consulate.name if consulate else team
    if language == "es":
        assert handover.startswith(f"Tu caso esta con {strip_accents_for_sms(team)}.")
        assert handover.endswith("¿En peligro? Escribe AYUDA.")
        assert question.startswith("¿Es seguro que alguien te escriba a este numero?")
    else:
        assert handover.startswith(f"Your case is with {team}.")
        assert handover.endswith("In danger? Write HELP.")
        assert question.startswith("Is it safe for someone to write to this number?")
    assert [count_segments(text) for text in (handover, question)] == [1, 1]


def test_a_hand_over_by_the_bot_sends_the_same_two_messages(enlace: Enlace) -> None:
    def handed_over(body: dict[str, Any]) -> dict[str, Any]:
        said = TEXTS.translate("en", HANDOVER)  # what action_request_human says
        return rasa_response(
            [said], [{"enlace": {"escalate": "human_agent"}}], intent="human_agent", confidence=0.9
        )

    enlace.rasa.reply = handed_over
    phone = new_phone()
    enlace.receive(phone, "i need to talk to someone at the consulate please")
    handover, question = enlace.replies_to(phone)
    assert handover.startswith("Your case is with")
    assert question.startswith("Is it safe for someone to write to this number?")


def test_the_questions_follow_the_safe_contact_answer_and_reroute_the_case(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "2")
    noted, question = _last(enlace, phone).rsplit(". ", 1)  # one SMS
    assert noted.startswith("Anotado: nadie te va a escribir primero.")
    assert question == "¿De qué pais eres?"
    enlace.receive(phone, "de bolivia")
    # Two consulates of Bolivia in the US: where the person is decides.
    assert _last(enlace, phone) == "Gracias, anotado. ¿Donde estas ahora (pais, estado)?"
    enlace.receive(phone, "en houston tx")
    assert _last(enlace, phone) == f"Gracias. Tu caso ahora esta con {BOLIVIA_TX}."
    case = _case(enlace, phone)
    assert case.consulate_id == _consulate_id(enlace, BOLIVIA_TX)  # the state before the country
    assert case.asked == ["origin", "place"]
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        assert (person.country_origin, person.country_destination, person.region_destination) == (
            "BO",
            "US",
            "US-TX",
        )
        events = session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
        assert [e.action for e in events] == ["safe_contact", "rerouted"]
        change = session.scalars(
            select(OwnershipChange)
            .where(OwnershipChange.conversation_id == case.conversation_id)
            .order_by(OwnershipChange.id.desc())
        ).first()
        assert change is not None
        assert change.reason == "rerouted: place"


def test_a_person_in_a_state_no_consulate_serves_goes_to_the_country_one(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMAN")
    enlace.receive(phone, "only when i text")
    enlace.receive(phone, "bolivia")
    enlace.receive(phone, "california")
    assert enlace.replies_to(phone)[-1] == f"Thanks. Your case is now with {BOLIVIA_US}."
    assert _case(enlace, phone).consulate_id == _consulate_id(enlace, BOLIVIA_US)


def test_an_answer_that_says_both_saves_the_second_question(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "2")
    enlace.receive(phone, "soy de bolivia pero estoy en houston")
    assert _last(enlace, phone) == f"Gracias. Tu caso ahora esta con {BOLIVIA_TX}."
    assert _case(enlace, phone).asked == ["origin"]


def test_what_is_known_is_not_asked(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        person.country_origin, person.country_destination = "BO", "US"
        session.commit()
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "1")
    assert _last(enlace, phone) == (
        "Anotado: una persona del consulado puede escribirte aqui cuando sea."
    )
    case = _case(enlace, phone)
    assert case.consulate_id == _consulate_id(enlace, BOLIVIA_US)  # routed at once
    assert case.asked == []


def test_a_question_the_person_ignores_is_handled_as_a_message_and_not_asked_again(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMAN")
    enlace.receive(phone, "2")
    asked = len(enlace.replies_to(phone))
    enlace.rasa.reply = lambda body: rasa_response(["The answer."], intent="wages", confidence=0.9)
    enlace.receive(phone, "how much should they pay me per hour")
    enlace.receive(phone, "and overtime?")
    assert enlace.replies_to(phone)[asked:] == ["The answer.", "The answer."]
    assert _case(enlace, phone).asked == ["origin"]


def test_a_question_of_the_person_that_names_a_country_is_not_taken_for_the_answer(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "2")
    enlace.rasa.reply = lambda body: rasa_response(
        ["Respuesta."], intent="consular_services", confidence=0.9
    )
    enlace.receive(phone, "cuanto cuesta el pasaporte en guatemala")
    assert enlace.replies_to(phone)[-1] == "Respuesta."
    assert _case(enlace, phone).asked == ["origin"]


def test_the_questions_wait_for_the_safe_contact_answer(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO")
    enlace.rasa.reply = lambda body: rasa_response(["Respuesta."], intent="wages", confidence=0.9)
    enlace.receive(phone, "cuanto me deben pagar por hora")
    assert enlace.replies_to(phone)[-1] == "Respuesta."
    assert _case(enlace, phone).asked == []


def test_asking_for_a_person_again_while_the_case_is_open_is_not_a_second_hand_over(
    enlace: Enlace,
) -> None:
    def handed_over(body: dict[str, Any]) -> dict[str, Any]:
        said = TEXTS.translate("en", HANDOVER)  # what action_request_human says
        return rasa_response(
            [said], [{"enlace": {"escalate": "human_agent"}}], intent="human_agent", confidence=0.9
        )

    enlace.rasa.reply = handed_over
    phone = new_phone()
    enlace.receive(phone, "i need to talk to someone at the consulate please")
    enlace.receive(phone, "1")
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "can somebody from the consulate call me")
    again = enlace.replies_to(phone)[before:]
    assert again == [TEXTS.translate("en", ALREADY_WITH_HUMAN)]
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        cases = session.scalars(select(Case).where(Case.conversation_id == conversation_id))
        assert len(cases.all()) == 1
