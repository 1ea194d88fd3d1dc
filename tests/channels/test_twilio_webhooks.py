"""The front door: signatures, storage before processing, duplicates, replies by channel."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from channels.models import DeliveryStatus
from core.models import Channel, Message
from tests.harness import PUBLIC_URL, Enlace, new_phone, new_sid, sign


def _count_messages(enlace: Enlace) -> int:
    with enlace.factory() as session:
        return session.scalar(select(func.count(Message.id))) or 0


def test_a_signed_sms_gets_a_reply_in_spanish(enlace: Enlace) -> None:
    phone = new_phone()
    response = enlace.receive(phone, "hola, necesito ayuda con mi pago")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert "<Response/>" in response.text
    assert enlace.replies_to(phone) == ["Hola, soy Enlace."]
    sent = enlace.twilio.sent(phone)[0]
    assert sent["From"] == "+15550000000"
    assert sent["StatusCallback"] == f"{PUBLIC_URL}/twilio/status"


def test_a_signed_whatsapp_message_gets_a_reply_in_english(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hello, my boss did not pay me", channel=Channel.WHATSAPP)
    sent = enlace.twilio.sent(phone)
    assert [form["Body"] for form in sent] == ["Hi, I am Enlace."]
    assert sent[0]["To"] == f"whatsapp:{phone}"
    assert sent[0]["From"] == "whatsapp:+15550000001"


def test_rasa_sees_an_opaque_id_never_the_number(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hello there my friend", channel=Channel.WHATSAPP)
    (call,) = enlace.rasa.messages
    assert phone not in str(call)
    assert len(call["sender"]) == 32


def test_the_number_is_stored_encrypted_and_the_profile_name_not_at_all(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP, ProfileName="Rosa Secreta")
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        assert phone.encode() not in person.address_encrypted
        (message, *_) = enlace.messages(session, phone)
        assert "Rosa Secreta" not in str(message.media) + message.body


def test_an_unsigned_request_is_refused_and_nothing_stored(enlace: Enlace) -> None:
    before = _count_messages(enlace)
    params = {"MessageSid": new_sid(), "From": new_phone(), "Body": "hola"}
    response = enlace.client.post("/twilio/sms", data=params)
    assert response.status_code == 403
    assert _count_messages(enlace) == before


def test_a_forged_signature_is_refused_and_nothing_stored(enlace: Enlace) -> None:
    before = _count_messages(enlace)
    params = {"MessageSid": new_sid(), "From": new_phone(), "Body": "hola"}
    forged = sign(f"{PUBLIC_URL}/twilio/sms", params, token="not-the-auth-token")
    assert enlace.post("/twilio/sms", params, signature=forged).status_code == 403
    assert _count_messages(enlace) == before


def test_a_signature_for_other_fields_is_refused(enlace: Enlace) -> None:
    params = {"MessageSid": new_sid(), "From": new_phone(), "Body": "hola"}
    signature = sign(f"{PUBLIC_URL}/twilio/sms", params)
    tampered = {**params, "Body": "send money to this account"}
    assert enlace.post("/twilio/sms", tampered, signature=signature).status_code == 403


def test_a_signature_for_another_url_is_refused(enlace: Enlace) -> None:
    params = {"MessageSid": new_sid(), "From": new_phone(), "Body": "hola"}
    signature = sign(f"{PUBLIC_URL}/twilio/whatsapp", params)
    assert enlace.post("/twilio/sms", params, signature=signature).status_code == 403


def test_a_retried_message_sid_is_answered_once(enlace: Enlace) -> None:
    phone, sid = new_phone(), new_sid()
    first = enlace.receive(phone, "hola", sid=sid)
    second = enlace.receive(phone, "hola", sid=sid)
    assert first.status_code == second.status_code == 200
    assert "<Response/>" in second.text
    assert len(enlace.replies_to(phone)) == 1
    with enlace.factory() as session:
        assert len([m for m in enlace.messages(session, phone) if m.provider_sid == sid]) == 1


def test_the_message_is_committed_before_it_is_processed(enlace: Enlace) -> None:
    phone = new_phone()
    seen_by_another_connection: list[list[str]] = []

    def reply_after_looking(body: dict[str, Any]) -> dict[str, Any]:
        with enlace.factory() as session:  # a connection of its own: sees committed rows only
            seen_by_another_connection.append([m.body for m in enlace.messages(session, phone)])
        return enlace.rasa.default_reply(body)

    enlace.rasa.reply = reply_after_looking
    params = {"MessageSid": new_sid(), "From": phone, "To": "+15550000000", "Body": "hola"}
    assert enlace.post("/twilio/sms", params).status_code == 200
    enlace.process()
    assert seen_by_another_connection  # Rasa was asked (to read the text, then to answer)
    assert all(seen == ["hola"] for seen in seen_by_another_connection)


def test_a_status_callback_records_delivery(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        assert item.status == DeliveryStatus.SENT
        provider_sid = item.provider_sid
    assert provider_sid
    for status in ("delivered", "sent"):  # a late "sent" must not undo "delivered"
        params = {"MessageSid": provider_sid, "MessageStatus": status}
        assert enlace.post("/twilio/status", params).status_code == 200
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        assert item.status == DeliveryStatus.DELIVERED


def test_a_failed_status_callback_keeps_the_error_code(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        provider_sid = item.provider_sid
    assert provider_sid
    params = {"MessageSid": provider_sid, "MessageStatus": "undelivered", "ErrorCode": "63016"}
    enlace.post("/twilio/status", params)
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        assert item.status == DeliveryStatus.UNDELIVERED
        assert item.last_error == "twilio code 63016"


def test_a_status_callback_for_an_unknown_sid_is_acknowledged(enlace: Enlace) -> None:
    params = {"MessageSid": new_sid(), "MessageStatus": "delivered"}
    assert enlace.post("/twilio/status", params).status_code == 200


def test_an_unsigned_status_callback_is_refused(enlace: Enlace) -> None:
    params = {"MessageSid": new_sid(), "MessageStatus": "delivered"}
    assert enlace.client.post("/twilio/status", data=params).status_code == 403


def _report(enlace: Enlace, provider_sid: str, *statuses: str) -> None:
    for status in statuses:
        params = {"MessageSid": provider_sid, "MessageStatus": status}
        assert enlace.post("/twilio/status", params).status_code == 200


def _sent_reply(enlace: Enlace, channel: Channel = Channel.SMS) -> tuple[str, str]:
    phone = new_phone()
    enlace.receive(phone, "hola", channel=channel)
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        assert item.provider_sid
        return phone, item.provider_sid


def _status(enlace: Enlace, phone: str) -> DeliveryStatus:
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        return item.status


@pytest.mark.parametrize("late", ["failed", "undelivered", "sent", "queued"])
def test_a_late_callback_never_downgrades_delivered(enlace: Enlace, late: str) -> None:
    phone, provider_sid = _sent_reply(enlace)
    _report(enlace, provider_sid, "delivered", late)
    assert _status(enlace, phone) == DeliveryStatus.DELIVERED


@pytest.mark.parametrize("late", ["delivered", "sent", "read"])
def test_a_failure_is_final(enlace: Enlace, late: str) -> None:
    phone, provider_sid = _sent_reply(enlace)
    _report(enlace, provider_sid, "undelivered", late)
    assert _status(enlace, phone) == DeliveryStatus.UNDELIVERED


def test_a_delivered_whatsapp_message_can_still_be_read(enlace: Enlace) -> None:
    phone, provider_sid = _sent_reply(enlace, Channel.WHATSAPP)
    _report(enlace, provider_sid, "delivered", "read", "delivered")
    assert _status(enlace, phone) == DeliveryStatus.READ


def test_callbacks_in_order_move_the_status_forward(enlace: Enlace) -> None:
    phone, provider_sid = _sent_reply(enlace)
    _report(enlace, provider_sid, "sent", "delivered")
    assert _status(enlace, phone) == DeliveryStatus.DELIVERED
