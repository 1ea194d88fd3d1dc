"""What people really send: each is stored and answered gracefully in their language."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from core.models import Case, Channel
from tests.harness import Enlace, new_phone

MEDIA = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1"


def _media_fields(content_type: str) -> dict[str, str]:
    return {"NumMedia": "1", "MediaContentType0": content_type, "MediaUrl0": MEDIA}


@pytest.mark.parametrize(
    ("fields", "kind", "start"),
    [
        (_media_fields("audio/ogg"), "audio", "Todavía no puedo escuchar audios"),
        (_media_fields("image/jpeg"), "image", "Recibí tu archivo"),
        (_media_fields("image/webp"), "sticker", "Recibí tu archivo"),
        (_media_fields("application/pdf"), "application", "Recibí tu archivo"),
    ],
)
def test_media_without_words_is_stored_and_answered(
    enlace: Enlace, fields: dict[str, str], kind: str, start: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, "", channel=Channel.WHATSAPP, **fields)
    assert enlace.replies_to(phone)[0].startswith(start)
    with enlace.factory() as session:
        (message, *_) = enlace.messages(session, phone)
        assert message.media == [
            {"kind": kind, "content_type": fields["MediaContentType0"], "url": MEDIA}
        ]
    assert not enlace.rasa.messages


def test_a_voice_note_is_answered_in_the_persons_language(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hello, my boss did not pay me", channel=Channel.WHATSAPP)
    enlace.receive(phone, "", channel=Channel.WHATSAPP, **_media_fields("audio/ogg"))
    assert enlace.replies_to(phone)[-1].startswith("I can't listen to voice messages yet")


def test_a_location_is_stored_as_coordinates(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(
        phone,
        "",
        channel=Channel.WHATSAPP,
        Latitude="25.6866",
        Longitude="-100.3161",
        Address="Monterrey",
    )
    assert enlace.replies_to(phone)[0].startswith("Recibí tu ubicación")
    with enlace.factory() as session:
        (message, *_) = enlace.messages(session, phone)
        assert message.media[0]["kind"] == "location"
        assert message.media[0]["latitude"] == "25.6866"


def test_an_image_with_a_caption_goes_to_the_bot(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(
        phone, "hola, mira mi contrato", channel=Channel.WHATSAPP, **_media_fields("image/png")
    )
    assert enlace.replies_to(phone) == ["Hola, soy Enlace."]
    assert enlace.rasa.messages[0]["message"] == "hola, mira mi contrato"


@pytest.mark.parametrize("body", ["", "   ", "😡", "🔥🔥", "???", "👍?"])
def test_empty_or_emoji_only_messages_get_a_gentle_prompt(enlace: Enlace, body: str) -> None:
    phone = new_phone()
    enlace.receive(phone, body)
    assert enlace.replies_to(phone)[0].startswith("No entendi")  # accent-free: one GSM-7 segment
    with enlace.factory() as session:
        assert enlace.messages(session, phone)[0].body == body


@pytest.mark.parametrize("body", ["👍", "🙏🙏", "👌🏽", "👍🏾 🙏", "❤️"])
def test_an_emoji_that_acknowledges_is_thanked_not_asked_to_write_again(
    enlace: Enlace, body: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, body)
    assert enlace.replies_to(phone) == ["Con gusto. ¿Hay algo más en lo que te pueda ayudar?"]
    assert enlace.rasa.messages == []  # the app's own answer
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        assert (message.body, message.topic) == (body, "thanks")


def test_a_1600_character_message_is_stored_whole_and_answered(enlace: Enlace) -> None:
    phone = new_phone()
    body = ("Mi patron no me paga las horas extra y me quito el pasaporte. " * 30)[:1600]
    enlace.receive(phone, body)
    with enlace.factory() as session:
        assert enlace.messages(session, phone)[0].body == body
    assert enlace.replies_to(phone) == ["Hola, soy Enlace."]


@pytest.mark.parametrize(
    "body",
    [
        "Olá, meu patrão não pagou o meu salário deste mês, o que eu faço?",
        "Xinb'an ri nusamaj, man xtoj ta wa'im pa ri nusamaj.",  # K'iche'
    ],
)
def test_other_languages_are_stored_and_answered_in_spanish(enlace: Enlace, body: str) -> None:
    phone = new_phone()
    enlace.receive(phone, body)
    assert enlace.replies_to(phone) == ["Hola, soy Enlace."]  # the bot's answer, never silence
    (call,) = enlace.rasa.messages
    assert call["metadata"]["language"] == "es"  # the default language for what we don't speak
    with enlace.factory() as session:
        assert enlace.messages(session, phone)[0].body == body


def test_portuguese_gets_the_we_speak_spanish_and_english_reply(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "Olá, meu patrão não pagou meu salário")
    assert enlace.replies_to(phone)[0].startswith("Por ahora solo hablo español e inglés")
    assert not enlace.rasa.messages


@pytest.mark.parametrize(
    ("body", "start"), [("hola, no me pagan", "Perdon"), ("hello, they did not pay me", "Sorry")]
)
def test_when_rasa_is_down_the_person_gets_an_apology_and_a_case(
    enlace: Enlace, body: str, start: str
) -> None:
    phone = new_phone()
    enlace.rasa.down = True
    enlace.receive(phone, body)
    assert enlace.replies_to(phone)[0].startswith(start)
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        cases = list(
            session.scalars(select(Case).where(Case.conversation_id == message.conversation_id))
        )
        assert [c.reason for c in cases] == ["rasa_unavailable"]


def test_when_rasa_is_slow_the_person_gets_an_apology(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.slow = True
    enlace.receive(phone, "hola, no me pagan")
    assert enlace.replies_to(phone)[0].startswith("Perdon")


def test_no_number_or_text_reaches_the_logs(
    enlace: Enlace, caplog: pytest.LogCaptureFixture
) -> None:
    phone = new_phone()
    secret = "mi patron se llama Ernesto Secreto"
    caplog.set_level(logging.DEBUG)
    enlace.rasa.down = True
    enlace.receive(phone, secret, channel=Channel.WHATSAPP, ProfileName="Rosa Secreta")
    enlace.rasa.down = False
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "AYUDA", channel=Channel.WHATSAPP)
    enlace.twilio.fail_with = None
    enlace.make_retries_due()
    enlace.deliver()
    enlace.receive(phone, "", channel=Channel.WHATSAPP, **_media_fields("audio/ogg"))
    assert enlace.twilio.sent(phone)
    events = {record.getMessage() for record in caplog.records}
    assert {"inbound stored", "rasa unavailable", "outbox retry scheduled"} <= events
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    digits = phone.removeprefix("+")
    for needle in (digits, digits[-7:], "Ernesto", "Secreto", "Rosa", "AYUDA", MEDIA):
        assert needle not in logged
