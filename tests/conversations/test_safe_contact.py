"""Whether someone may write to the person's phone: read as people answer it, asked once at a
hand-over (or taken from the message itself), kept on the case, and honoured by every notice."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from admin.accounts import ensure_consulate
from channels import send_officer_reply
from conversations import ownership
from conversations.handover import HandOver
from conversations.safe_contact import parse_answer, said_in_message
from core.models import (
    AuditEvent,
    Author,
    Case,
    Channel,
    Consulate,
    Conversation,
    Direction,
    Message,
    Officer,
    Person,
    SafeContact,
)
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone

ANYTIME, WRITES, NEVER = (
    SafeContact.ANYTIME,
    SafeContact.WHEN_PERSON_WRITES,
    SafeContact.NEVER,
)

QUESTION_EN = "Is it safe for someone to write to this number? Reply:\n1 Yes, anytime"
CLAIMED_ES = "Una persona del consulado ya tiene tu conversacion y te va a responder aqui."

# Answers to the question as people type them: numbers, words, sentences, typos, both languages.
ANSWERS = [
    ("1", ANYTIME),
    ("1.", ANYTIME),
    (" 2 ", WRITES),
    ("3", NEVER),
    ("la 2", WRITES),
    ("opcion 3", NEVER),
    ("option 1", ANYTIME),
    ("dos", WRITES),
    ("uno", ANYTIME),
    ("si", ANYTIME),
    ("Sí", ANYTIME),
    ("sii claro", ANYTIME),
    ("si, cuando sea", ANYTIME),
    ("yes", ANYTIME),
    ("yes anytime", ANYTIME),
    ("ok", ANYTIME),
    ("its safe", ANYTIME),
    ("solo cuando yo escriba", WRITES),
    ("Solo cuando yo les escriba", WRITES),
    ("solo cuamdo yo escrivo", WRITES),
    ("cuando yo les mande mensaje", WRITES),
    ("yo les escribo primero", WRITES),
    ("no, mi patron revisa el cel", WRITES),
    ("no", WRITES),
    ("no es seguro", WRITES),
    ("mi esposo me revisa el celular", WRITES),
    ("only when i text", WRITES),
    ("onli when i text", WRITES),
    ("only when I write first", WRITES),
    ("when i message u", WRITES),
    ("no, my husband reads my messages", WRITES),
    ("its not safe", WRITES),
    ("2 porfavor", WRITES),
    ("nunca, yo llamo", NEVER),
    ("nunka", NEVER),
    ("nunca me escriban", NEVER),
    ("yo les llamo", NEVER),
    ("3 yo llamo", NEVER),
    ("never", NEVER),
    ("i will call", NEVER),
    ("ill call u", NEVER),
    ("never text me, i will call", NEVER),
]
# Messages that do not answer it: handled as any other message.
NOT_ANSWERS = [
    "que pasa con mi caso?",
    "hola",
    "gracias",
    "me llamo maria",
    "nunca me pagaron",
    "si me despiden que hago",
    "how long will it take",
    "estoy encerrado en la fabrica",
    "if i call that number will they deport me",
    "can i call the hotline for my sister?",  # asks about calling, chooses nothing
    "should i call them myself or wait",
    "simon, q alguien del consulado lo llame porfa",  # someone else to call: not "I will call"
    "ok gracias",
    "ok thx",
]
# What a message says unasked about this phone.
SAID = [
    ("no q no me escriban, ella ve el cel en la noche", WRITES),
    ("estoy encerrada, no me escriban", WRITES),
    ("la senora revisa mi cel", WRITES),
    ("dont text me he checks my phone", WRITES),
    ("he checks my phone every night, please dont text me back", WRITES),
    ("nunca me escriban yo les llamo", NEVER),
    ("please never message me", NEVER),
    ("estoy encerrado en la fabrica y no me dejan salir", None),
    ("im locked in the house where i work, they took my phone", None),
    ("no me dejan escribir a mi familia", None),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERS)
def test_an_answer_is_read_as_people_write_it(text: str, expected: SafeContact) -> None:
    assert parse_answer(text) == expected


@pytest.mark.parametrize("text", NOT_ANSWERS)
def test_a_message_that_does_not_answer_is_not_read_as_an_answer(text: str) -> None:
    assert parse_answer(text) is None


@pytest.mark.parametrize(("text", "expected"), SAID)
def test_what_a_message_says_unasked_about_the_phone(
    text: str, expected: SafeContact | None
) -> None:
    assert said_in_message(text) == expected


def _consulate_for(
    enlace: Enlace, phone: str, name: str, country: str, places: tuple[str, ...] = ()
) -> None:
    """The person's nationality, and a consulate of it (so the case goes there)."""
    with enlace.factory() as session:
        ensure_consulate(session, name, country).places = list(places)
        person = enlace.person(session, phone)
        assert person is not None
        person.country_origin = country
        session.commit()


def _case(enlace: Enlace, phone: str) -> Case:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        case = session.scalar(
            select(Case).where(Case.conversation_id == conversation_id).order_by(Case.id.desc())
        )
        assert case is not None
        return case


def _greeted(enlace: Enlace) -> str:
    phone = new_phone()
    enlace.receive(phone, "hola")
    return phone


def test_a_hand_over_names_the_consulate_then_asks_one_question(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    _consulate_for(enlace, phone, "Consulado de El Salvador (pruebas)", "SV")
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "HUMANO")
    queued, question = enlace.replies_to(phone)[before:]  # one hand-over message, one question
    assert queued.startswith("Tu caso esta con Consulado de El Salvador (pruebas).")
    assert "antes del tuyo" in queued or "siguiente" in queued  # a wait it can know
    assert queued.endswith("Escribe AYUDA.")  # where help is, while the person waits
    assert "Es seguro que alguien te escriba a este numero?" in question
    assert "3 Nunca: yo llamo" in question
    assert _case(enlace, phone).safe_contact == SafeContact.UNKNOWN


def test_the_answer_is_kept_on_the_case_with_its_time_and_audited(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, "solo cuando yo escriba")
    case = _case(enlace, phone)
    assert case.safe_contact == SafeContact.WHEN_PERSON_WRITES
    assert case.safe_contact_at is not None
    assert enlace.replies_to(phone)[-1].startswith("Anotado: nadie te va a escribir primero")
    with enlace.factory() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
        assert [(e.action, e.officer_id, e.detail["safe_contact"]) for e in events] == [
            ("safe_contact", None, "when_person_writes")
        ]


def test_a_message_that_does_not_answer_is_handled_and_not_asked_again(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    enlace.receive(phone, "HUMAN")
    asked = len(enlace.replies_to(phone))
    enlace.rasa.reply = lambda body: rasa_response(["The answer."], intent="wages", confidence=0.9)
    enlace.receive(phone, "how much should they pay me per hour in texas")
    assert enlace.replies_to(phone)[asked:] == ["The answer."]  # no second question
    assert _case(enlace, phone).safe_contact == SafeContact.UNKNOWN


def test_a_bare_number_after_another_message_asks_the_question_again_not_guessed(
    enlace: Enlace,
) -> None:
    phone = _greeted(enlace)
    enlace.receive(phone, "HUMAN")
    assert enlace.replies_to(phone)[-1].startswith(QUESTION_EN)
    enlace.rasa.reply = lambda body: rasa_response(["The answer."], intent="wages", confidence=0.9)
    enlace.receive(phone, "how much should they pay me per hour in texas")
    sent_to_rasa = len(enlace.rasa.messages)
    enlace.receive(phone, "1")  # maybe the question's 1, maybe not: not read as "anytime"
    # Asked again (with the consular line, where one is now known for the place said).
    assert enlace.replies_to(phone)[-1].startswith(QUESTION_EN)
    assert len(enlace.rasa.messages) == sent_to_rasa  # never read as a topic either
    assert _case(enlace, phone).safe_contact == SafeContact.UNKNOWN
    enlace.receive(phone, "2")  # now it answers the question just asked again
    assert _case(enlace, phone).safe_contact == SafeContact.WHEN_PERSON_WRITES


def test_an_urgent_message_that_says_do_not_write_is_recorded_without_asking(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "me tienen encerrada en la casa, no me escriban, ella ve el cel")
    replies = enlace.replies_to(phone)
    assert replies[0].startswith("En peligro llama:")
    assert not any("Es seguro" in reply for reply in replies)
    assert replies[-1].startswith("Anotado: nadie te va a escribir primero")
    case = _case(enlace, phone)
    assert (case.reason, case.safe_contact) == ("urgent", SafeContact.WHEN_PERSON_WRITES)


def test_an_urgent_message_in_english_that_says_never_write_is_recorded_as_never(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "im locked in the house where i work, never text me, ill call you")
    replies = enlace.replies_to(phone)
    assert replies[0].startswith("In danger call:")
    assert not any("Is it safe" in reply for reply in replies)
    assert replies[-1].startswith("Noted: nobody will write to this number.")
    assert _case(enlace, phone).safe_contact == SafeContact.NEVER


def test_the_consulates_line_is_given_only_from_the_directory_for_where_the_person_is(
    enlace: Enlace,
) -> None:
    phone = _greeted(enlace)
    _consulate_for(enlace, phone, "Consulado de México (pruebas)", "MX", ("US",))
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        person.country_destination = "US"
        session.commit()
    enlace.receive(phone, "HUMANO")
    assert "3 Nunca: yo llamo al 520-623-7874" in enlace.replies_to(phone)[-1]  # CIAM
    enlace.receive(phone, "3")
    assert enlace.replies_to(phone)[-1].endswith("cuando puedas: 520-623-7874.")

    nowhere = _greeted(enlace)
    _consulate_for(enlace, nowhere, "Consulado de México (pruebas)", "MX", ("US",))
    enlace.receive(nowhere, "HUMANO")  # where they are is unknown: no number
    assert enlace.replies_to(nowhere)[-1].endswith("3 Nunca: yo llamo")


def _officer(session: Session, case: Case) -> Officer:
    consulate_id = case.consulate_id or ensure_consulate(session, "Consulado (avisos)", "MX").id
    officer = Officer(
        consulate_id=consulate_id,
        email=f"avisos{case.id}@example.org",
        display_name="O",
        password_hash="x",
    )
    session.add(officer)
    session.flush()
    return officer


def _claim_and_close(enlace: Enlace, phone: str, answer: str) -> tuple[list[str], list[str]]:
    """The person answers the question; an officer claims, then closes: what each move sent."""
    enlace.receive(phone, "HUMANO")
    enlace.receive(phone, answer)
    moves = []
    for move in ("claim", "close"):
        before = len(enlace.replies_to(phone))
        with enlace.factory() as session:
            case = session.get_one(Case, _case(enlace, phone).id)
            conversation = session.get_one(Conversation, case.conversation_id)
            if move == "claim":
                ownership.assign(session, conversation, _officer(session, case).id, "taken")
            else:
                ownership.hand_back_to_bot(session, conversation, "officer:0", "closed")
            session.commit()
        enlace.deliver()
        moves.append(enlace.replies_to(phone)[before:])
    return moves[0], moves[1]


def test_claim_and_close_are_told_at_once_when_anyone_may_write(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    claimed, closed = _claim_and_close(enlace, phone, "1")
    assert claimed == [
        "Una persona del consulado ya tiene tu conversacion y te va a responder aqui."
    ]
    assert len(closed) == 1
    assert closed[0].startswith("Hablas otra vez con el asistente de Enlace")


@pytest.mark.parametrize("answer", ["2", "nunca, yo llamo"])
def test_claim_and_close_are_never_sent_unasked_when_the_person_did_not_allow_it(
    enlace: Enlace, answer: str
) -> None:
    phone = _greeted(enlace)
    claimed, closed = _claim_and_close(enlace, phone, answer)
    assert (claimed, closed) == ([], [])
    enlace.rasa.reply = lambda body: rasa_response(["Respuesta."], intent="wages", confidence=0.9)
    enlace.receive(phone, "y cuanto me deben pagar por hora")
    back, answered = enlace.replies_to(phone)[-2:]
    assert back.startswith("Hablas otra vez con el asistente de Enlace")  # told, now
    assert answered == "Respuesta."


def test_a_claim_not_told_is_told_when_the_person_next_writes(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    enlace.receive(phone, "HUMANO")  # the question stays unanswered
    with enlace.factory() as session:
        case = session.get_one(Case, _case(enlace, phone).id)
        conversation = session.get_one(Conversation, case.conversation_id)
        ownership.assign(session, conversation, _officer(session, case).id, "taken")
        session.commit()
    before = len(enlace.replies_to(phone))
    enlace.deliver()
    assert len(enlace.replies_to(phone)) == before
    enlace.receive(phone, "sigo esperando")
    assert enlace.replies_to(phone)[before:] == [CLAIMED_ES]


def test_a_claim_is_not_told_again_once_the_officer_answered(enlace: Enlace) -> None:
    phone = _greeted(enlace)
    enlace.receive(phone, "HUMANO")
    with enlace.factory() as session:
        case = session.get_one(Case, _case(enlace, phone).id)
        conversation = session.get_one(Conversation, case.conversation_id)
        officer = _officer(session, case)
        ownership.assign(session, conversation, officer.id, "taken")
        send_officer_reply(session, conversation, "Hola, soy Ana.", officer.id)
        session.commit()
    enlace.deliver()
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "hola Ana")
    assert len(enlace.replies_to(phone)) == before  # the bot stays quiet; Ana has it


def _message(session: Session, body: str) -> Message:
    person = Person(address_hash=f"h{id(body)}{body[:8]}", address_encrypted=b"x", language="es")
    conversation = Conversation(person=person, channel=Channel.SMS)
    message = Message(conversation=conversation, direction=Direction.INBOUND, author=Author.PERSON)
    message.body = body
    session.add(message)
    session.flush()
    return message


def test_a_case_in_the_fallback_queue_is_with_the_consular_team(session: Session) -> None:
    session.execute(update(Consulate).values(takes_unrouted=False))
    told = HandOver(None).queue(session, _message(session, "HUMANO"), "human_agent", False, "es")
    assert told.team == "el equipo consular"
    assert "Tu caso está con el equipo consular" in told.texts[0]


def test_the_usual_wait_is_said_only_when_a_setting_gives_it(session: Session) -> None:
    told = HandOver(None, usual_hours=4).queue(
        session, _message(session, "HUMAN"), "human_agent", False, "en"
    )
    assert "It usually takes up to 4 hours, during office hours." in told.texts[0]


def test_an_opted_out_person_is_queued_but_not_asked(session: Session) -> None:
    message = _message(session, "me tienen encerrado")
    told = HandOver(None).queue(session, message, None, True, "es", tell=False)
    assert told.texts == []
    assert message.conversation.awaiting is None
