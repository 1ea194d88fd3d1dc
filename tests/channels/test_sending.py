"""The one way out: consent, pacing per sender number, and a person's replies in order."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy.orm import Session

from channels import Purpose, send_to_person
from channels.models import DeliveryStatus
from channels.outbox import Pacer
from core.crypto import PhoneVault
from core.models import Channel, Conversation, Person, utcnow
from tests.harness import Enlace, new_phone


def _conversation(session: Session, vault: PhoneVault, *, opted_out: bool) -> Conversation:
    phone = new_phone()
    person = Person(
        address_hash=vault.lookup_hash(phone),
        address_encrypted=vault.encrypt(phone),
        opted_out=opted_out,
    )
    conversation = Conversation(person=person, channel=Channel.SMS, last_inbound_at=utcnow())
    session.add(conversation)
    session.flush()
    return conversation


def test_the_bots_reply_to_someone_who_opted_out_is_not_queued(
    session: Session, vault: PhoneVault
) -> None:
    conversation = _conversation(session, vault, opted_out=True)
    assert send_to_person(session, conversation, ["Hola"], Purpose.REPLY) == []


def test_the_confirmation_of_stop_is_the_one_message_that_still_goes(
    session: Session, vault: PhoneVault
) -> None:
    conversation = _conversation(session, vault, opted_out=True)
    (message,) = send_to_person(session, conversation, ["Listo"], Purpose.OPT_OUT_CONFIRMATION)
    assert message.body == "Listo"


def test_sms_sends_are_spaced_per_sender_number() -> None:
    async def five_sends(channel: Channel) -> float:
        pacer = Pacer(sms_per_second=20)
        start = time.perf_counter()
        for _ in range(5):
            await pacer.wait_turn(channel)
        return time.perf_counter() - start

    assert asyncio.run(five_sends(Channel.SMS)) >= 4 / 20 - 0.01
    assert asyncio.run(five_sends(Channel.WHATSAPP)) < 0.05  # WhatsApp is not paced


def test_a_long_reply_leaves_in_its_pieces_order_in_one_delivery(enlace: Enlace) -> None:
    phone = new_phone()
    long_reply = " ".join(f"Frase numero {n} sobre tus derechos." for n in range(120))
    enlace.rasa.reply = lambda body: {
        **enlace.rasa.default_reply(body),
        "messages": [{"recipient_id": "x", "text": long_reply}],
    }
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    pieces = enlace.replies_to(phone)
    assert len(pieces) > 1
    assert " ".join(pieces) == long_reply


def test_a_later_reply_waits_while_an_earlier_one_waits_for_its_retry(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "hola")  # its reply fails once and waits for a retry
    enlace.twilio.fail_with = None
    enlace.receive(phone, "AYUDA")
    with enlace.factory() as session:
        statuses = [item.status for item in enlace.outbox(session, phone)]
    assert statuses == [DeliveryStatus.QUEUED, DeliveryStatus.QUEUED]  # the second waits
    enlace.make_retries_due()
    enlace.deliver()
    replies = enlace.replies_to(phone)
    assert replies[-2] == "Hola, soy Enlace."  # the retried first reply, then the second
    assert replies[-1].startswith("Enlace responde")
