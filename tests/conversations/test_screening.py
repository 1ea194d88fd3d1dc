"""The screening after an urgent hand-over: offered once after the safe-contact answer, one
yes/no question at a time, stopped at any point, never in the way of the urgent reply, and its
answers kept on the case as red flags for the officer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from admin.accounts import ensure_consulate
from conversations import ownership, screening
from core.models import AuditEvent, Case, Conversation, Officer
from core.segments import count_segments, strip_accents_for_sms
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

# A nationality only this module gives a consulate to (the test database is shared).
ECUADOR_MADRID = "Consulado del Ecuador en Madrid (pruebas)"
URGENT = {
    "es": "me tienen encerrada en la casa y no me dejan salir",
    "en": "im locked in the house where i work and they dont let me leave",
}


@pytest.fixture(scope="module", autouse=True)
def ecuador(enlace: Enlace) -> None:
    with enlace.factory() as session:
        ensure_consulate(session, ECUADOR_MADRID, "EC", places=("ES-MD",))
        session.commit()


def _replies(enlace: Enlace, phone: str, since: int) -> list[str]:
    return [strip_accents_for_sms(text) for text in enlace.replies_to(phone)[since:]]


def _case(enlace: Enlace, phone: str) -> Case:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        case = session.scalar(
            select(Case).where(Case.conversation_id == conversation_id).order_by(Case.id.desc())
        )
        assert case is not None
        return case


def _offered(enlace: Enlace, language: str = "es") -> str:
    """A person in danger whose nationality and place are known: the urgent reply, the
    safe-contact question, then (answered) the screening's offer."""
    phone = new_phone()
    enlace.receive(phone, URGENT[language])
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        person.country_origin, person.country_destination, person.region_destination = (
            "EC",
            "ES",
            "ES-M",
        )
        session.commit()
    enlace.receive(phone, "2")
    return phone


def test_the_offer_follows_the_safe_contact_answer_and_reminds_of_delete(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, URGENT["es"])
    first = _replies(enlace, phone, 0)
    assert first[0].startswith("En peligro llama:")  # help before any question
    assert first[-1].startswith("¿Es seguro que alguien te escriba")
    assert not any("preguntas cortas" in text for text in first)
    enlace.receive(phone, "solo cuando yo escriba")
    enlace.receive(phone, "ecuador")  # Ecuador has one consulate here: the case goes there
    assert _replies(enlace, phone, 0)[-1] == (
        f"Gracias. Tu caso ahora esta con {ECUADOR_MADRID}. ¿Donde estas ahora (pais, estado)?"
    )
    enlace.receive(phone, "en madrid")
    offer = _replies(enlace, phone, 0)[-1]
    assert offer.startswith("Gracias, anotado. ¿Te hago 7 preguntas cortas de si o no")
    assert "DESPUES" in offer
    assert "BORRAR borra este chat" in offer
    assert _case(enlace, phone).asked == ["origin", "place", "screening"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_full_screening_one_question_at_a_time_briefs_the_officer(
    enlace: Enlace, language: str
) -> None:
    phone = _offered(enlace, language)
    offer = _replies(enlace, phone, 0)[-1]
    assert ("¿Te hago 7 preguntas" if language == "es" else "Can I ask you 7") in offer
    answers = {
        "es": ["si", "Si", "no me dejan", "nop", "sí, a mi familia", "no", "no se", "nel"],
        "en": ["yes", "yeah", "no they dont", "no", "yes", "nope", "idk", "no"],
    }[language]
    before = len(enlace.replies_to(phone))
    questions = []
    for answer in answers:
        enlace.receive(phone, answer)
        questions.append(_replies(enlace, phone, before)[-1])
        before = len(enlace.replies_to(phone))
    assert [q.split(" ", 1)[0] for q in questions[:-1]] == [f"{n}/7" for n in range(1, 8)]
    assert all(count_segments(q) == 1 for q in questions)
    assert questions[-1].startswith("Gracias." if language == "es" else "Thank you.")
    case = _case(enlace, phone)
    assert case.screening is not None
    assert case.screening["answers"] == {
        "documents": True,
        "free_to_leave": False,
        "debt": False,
        "threats": True,
        "pay": False,
        "living": None,
        "isolation": False,
    }
    assert screening.red_flags(case) == [
        "retention of identity documents",
        "restriction of movement",
        "intimidation and threats",
        "withholding of wages",
        "isolation",
    ]
    assert screening.ended(case) == screening.FINISHED
    with enlace.factory() as session:
        event = session.scalar(
            select(AuditEvent).where(
                AuditEvent.case_id == case.id, AuditEvent.action == "screening"
            )
        )
        assert event is not None
        assert event.detail["ended"] == "finished"


@pytest.mark.parametrize("word", ["después", "later", "parar"])
def test_stop_midway_ends_the_questions_and_keeps_what_was_answered(
    enlace: Enlace, word: str
) -> None:
    phone = _offered(enlace)
    enlace.receive(phone, "si")
    enlace.receive(phone, "si")
    enlace.receive(phone, word)
    assert _replies(enlace, phone, 0)[-1].startswith("Esta bien, no mas preguntas.")
    case = _case(enlace, phone)
    assert screening.ended(case) == screening.STOPPED
    assert case.screening is not None
    assert case.screening["answers"] == {"documents": True}
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        assert not person.opted_out
    enlace.rasa.reply = lambda body: rasa_response(["Respuesta."], intent="wages", confidence=0.9)
    enlace.receive(phone, "si")  # no question is awaited any more: a message like any other
    assert _replies(enlace, phone, 0)[-1] == "Respuesta."


def test_declining_the_offer_asks_nothing(enlace: Enlace) -> None:
    phone = _offered(enlace)
    enlace.receive(phone, "no")
    assert _replies(enlace, phone, 0)[-1].startswith("Esta bien, no mas preguntas.")
    assert screening.ended(_case(enlace, phone)) == screening.DECLINED


def test_stop_mid_screening_opts_out_as_everywhere(enlace: Enlace) -> None:
    phone = _offered(enlace)
    enlace.receive(phone, "si")
    enlace.receive(phone, "STOP")
    assert _replies(enlace, phone, 0)[-1].startswith("Listo, ya no te enviaremos mensajes.")
    assert screening.ended(_case(enlace, phone)) == screening.STOPPED


def test_an_urgent_message_mid_screening_gets_the_urgent_reply(enlace: Enlace) -> None:
    phone = _offered(enlace)
    enlace.receive(phone, "si")
    enlace.receive(phone, "si")
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "el patron dice que me va a matar si hablo, tengo miedo")
    replies = _replies(enlace, phone, before)
    assert replies[0].startswith("En peligro llama:")
    assert "maxima prioridad" in replies[1]
    assert not any(text.startswith("2/7") for text in replies)  # not a yes or a no
    case = _case(enlace, phone)
    assert screening.ended(case) == screening.LEFT
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[-len(replies) - 1]
        assert message.urgent


def test_an_urgent_answer_gets_the_urgent_reply_before_the_next_question(enlace: Enlace) -> None:
    phone = _offered(enlace)
    for answer in ("si", "no", "no", "no"):
        enlace.receive(phone, answer)
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "si, me amenazan con matarme")  # the threats question
    replies = _replies(enlace, phone, before)
    assert replies[0].startswith("En peligro llama:")
    assert replies[-1].startswith("5/7")
    answers = _case(enlace, phone).screening
    assert answers is not None
    assert answers["answers"]["threats"] is True


def test_no_more_questions_once_an_officer_holds_the_case(enlace: Enlace) -> None:
    phone = _offered(enlace)
    enlace.receive(phone, "si")  # the offer
    enlace.receive(phone, "si")  # documents
    with enlace.factory() as session:
        case = session.get_one(Case, _case(enlace, phone).id)
        conversation = session.get_one(Conversation, case.conversation_id)
        officer = Officer(
            consulate_id=ensure_consulate(session, ECUADOR_MADRID, "EC").id,
            email=f"screening{case.id}@example.org",
            display_name="O",
            password_hash="x",
        )
        session.add(officer)
        session.flush()
        ownership.assign(session, conversation, officer.id, "taken")
        session.commit()
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "no")
    # Only the owed notice that an officer has it (the person holds the phone now), no question.
    assert _replies(enlace, phone, before) == [
        "Una persona del consulado ya tiene tu conversacion y te va a responder aqui."
    ]
    case = _case(enlace, phone)
    assert screening.ended(case) == screening.CLAIMED
    assert case.screening is not None
    assert case.screening["answers"] == {"documents": True, "free_to_leave": False}


def test_a_normal_hand_over_offers_no_screening(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        person.country_origin, person.country_destination = "EC", "ES"
        person.region_destination = "ES-M"
        session.commit()
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "1")
    assert not any("preguntas cortas" in text for text in _replies(enlace, phone, 0))
    assert _case(enlace, phone).screening is None
