"""WhatsApp's 24-hour window, on times as the database gives them back, at its edge, and
with the template send that reaches Twilio when it has closed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from channels import OutsideWhatsAppWindow, send_officer_reply
from channels.sending import whatsapp_window_open
from core.crypto import PhoneVault
from core.models import Channel, Consulate, Conversation, Officer, Person
from tests.conftest import make_settings
from tests.harness import Enlace, new_phone

TEMPLATE_SID = "HX" + "2" * 32
LAST_INBOUND = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)


def _stored_conversation(session: Session, vault: PhoneVault) -> Conversation:
    """A WhatsApp conversation written to the database and read back from it."""
    phone = new_phone()
    person = Person(address_hash=vault.lookup_hash(phone), address_encrypted=vault.encrypt(phone))
    conversation = Conversation(person=person, channel=Channel.WHATSAPP)
    conversation.last_inbound_at = LAST_INBOUND
    session.add(conversation)
    session.commit()
    session.expire_all()
    return session.get_one(Conversation, conversation.id)


@pytest.mark.parametrize(
    ("after", "is_open"),
    [
        (timedelta(0), True),
        (timedelta(hours=23, minutes=59, seconds=59), True),
        (timedelta(hours=24), False),  # the window is 24 hours: at 24:00:00 it has closed
        (timedelta(hours=24, seconds=1), False),
    ],
)
def test_the_window_is_measured_on_the_time_the_database_returns(
    session: Session, vault: PhoneVault, after: timedelta, is_open: bool
) -> None:
    conversation = _stored_conversation(session, vault)
    assert whatsapp_window_open(conversation, now=LAST_INBOUND + after) is is_open


def test_a_conversation_the_person_never_wrote_in_has_no_open_window(
    session: Session, vault: PhoneVault
) -> None:
    conversation = _stored_conversation(session, vault)
    conversation.last_inbound_at = None
    assert not whatsapp_window_open(conversation, now=LAST_INBOUND)


def _officer(session: Session) -> int:
    consulate = Consulate(name="Consulado de prueba", country="MX")
    session.add(consulate)
    session.flush()
    officer = Officer(
        email=f"{new_phone()}@example.org",
        display_name="Officer",
        password_hash="x",
        consulate_id=consulate.id,
    )
    session.add(officer)
    session.flush()
    return officer.id


def _person_wrote_long_ago(enlace: Enlace, phone: str) -> int:
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    with enlace.factory() as session:
        conversation = enlace.messages(session, phone)[0].conversation
        conversation.last_inbound_at = datetime.now(UTC) - timedelta(hours=25)
        session.commit()
        return conversation.id


def test_a_late_officer_reply_reaches_twilio_as_the_approved_template(enlace: Enlace) -> None:
    phone = new_phone()
    conversation_id = _person_wrote_long_ago(enlace, phone)
    settings = make_settings(whatsapp_template_sid=TEMPLATE_SID)
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, conversation_id)
        send_officer_reply(
            session, conversation, "Le llamamos mañana.", _officer(session), settings=settings
        )
        session.commit()
    enlace.deliver()
    (*_, sent) = enlace.twilio.sent(phone)
    assert enlace.twilio.refused == []
    assert sent["ContentSid"] == TEMPLATE_SID
    assert json.loads(sent["ContentVariables"]) == {"1": "Le llamamos mañana."}
    assert "Body" not in sent
    assert sent["To"] == f"whatsapp:{phone}"


def test_a_late_officer_reply_without_a_template_sends_nothing(enlace: Enlace) -> None:
    phone = new_phone()
    conversation_id = _person_wrote_long_ago(enlace, phone)
    sent_before = len(enlace.twilio.sent(phone))
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, conversation_id)
        with pytest.raises(OutsideWhatsAppWindow):
            send_officer_reply(
                session, conversation, "Hola", _officer(session), settings=make_settings()
            )
        session.commit()
    enlace.deliver()
    assert len(enlace.twilio.sent(phone)) == sent_before
