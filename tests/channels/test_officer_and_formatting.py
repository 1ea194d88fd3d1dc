"""Officers' replies across WhatsApp's 24-hour window, and replies shaped for each channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from channels import OutsideWhatsAppWindow, PersonOptedOut, send_officer_reply
from channels.formatting import MAX_BODY, render, split
from channels.models import OutboxItem
from core.crypto import PhoneVault
from core.models import Author, Channel, Consulate, Conversation, Officer, Person
from core.segments import GSM7, sms_encoding
from tests.conftest import make_settings
from tests.harness import new_phone

LATER = datetime.now(UTC) + timedelta(hours=25)


@pytest.fixture
def officer(session: Session) -> int:
    consulate = Consulate(name="Consulado de prueba", country="MX")
    officer = Officer(
        email=f"{new_phone()}@example.org",
        display_name="Officer",
        password_hash="x",
    )
    session.add(consulate)
    session.flush()
    officer.consulate_id = consulate.id
    session.add(officer)
    session.flush()
    return officer.id


def _conversation(session: Session, vault: PhoneVault, channel: Channel) -> Conversation:
    phone = new_phone()
    person = Person(address_hash=vault.lookup_hash(phone), address_encrypted=vault.encrypt(phone))
    conversation = Conversation(person=person, channel=channel, last_inbound_at=datetime.now(UTC))
    session.add(conversation)
    session.flush()
    return conversation


def test_an_officer_reply_inside_the_window_is_queued_as_text(
    session: Session, vault: PhoneVault, officer: int
) -> None:
    conversation = _conversation(session, vault, Channel.WHATSAPP)
    (message,) = send_officer_reply(session, conversation, "Hola, soy del consulado.", officer)
    session.flush()
    item = session.query(OutboxItem).filter_by(message_id=message.id).one()
    assert (message.author, message.officer_id, item.content_sid) == (Author.OFFICER, officer, None)


def test_an_officer_reply_after_24_hours_without_a_template_says_so(
    session: Session, vault: PhoneVault, officer: int
) -> None:
    conversation = _conversation(session, vault, Channel.WHATSAPP)
    with pytest.raises(OutsideWhatsAppWindow):
        send_officer_reply(
            session, conversation, "Hola", officer, settings=make_settings(), now=LATER
        )


def test_an_officer_reply_after_24_hours_uses_the_template(
    session: Session, vault: PhoneVault, officer: int
) -> None:
    conversation = _conversation(session, vault, Channel.WHATSAPP)
    settings = make_settings(whatsapp_template_sid="HX" + "1" * 32)
    (message,) = send_officer_reply(
        session, conversation, "Hola", officer, settings=settings, now=LATER
    )
    session.flush()
    item = session.query(OutboxItem).filter_by(message_id=message.id).one()
    assert item.content_sid == "HX" + "1" * 32
    assert item.content_variables == {"1": "Hola"}


def test_sms_has_no_window(session: Session, vault: PhoneVault, officer: int) -> None:
    conversation = _conversation(session, vault, Channel.SMS)
    assert send_officer_reply(
        session, conversation, "Hola", officer, settings=make_settings(), now=LATER
    )


def test_nothing_is_queued_for_an_opted_out_person(
    session: Session, vault: PhoneVault, officer: int
) -> None:
    conversation = _conversation(session, vault, Channel.SMS)
    conversation.person.opted_out = True
    with pytest.raises(PersonOptedOut):
        send_officer_reply(session, conversation, "Hola", officer, settings=make_settings())


def test_a_long_reply_is_split_at_sentences_within_1600_characters() -> None:
    text = " ".join(f"Frase número {n} sobre tus derechos en el trabajo." for n in range(80))
    pieces = split(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_BODY for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text


def test_a_word_longer_than_a_message_is_still_cut() -> None:
    assert [len(p) for p in split("x" * 3500)] == [1600, 1600, 300]


def test_sms_uses_the_accent_free_rendering_when_it_saves_segments() -> None:
    text = "Tú tienes derecho a recibir tu salario completo. " * 3
    (sms,) = render(text, Channel.SMS)
    assert sms_encoding(sms) == GSM7
    (whatsapp,) = render(text, Channel.WHATSAPP)
    assert "Tú" in whatsapp


def test_whatsapp_gets_bold_and_sms_gets_plain_text() -> None:
    assert render("**Salario** mínimo", Channel.WHATSAPP) == ["*Salario* mínimo"]
    assert render("*Salario* minimo", Channel.SMS) == ["Salario minimo"]
