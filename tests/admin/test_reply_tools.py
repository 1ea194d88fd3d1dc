"""Beside the reply box: canned replies in the person's language, the SMS segment count as
the server's own arithmetic gives it, and each reply's delivery status in the officer's
language."""

from __future__ import annotations

import html

import pytest

from admin.canned import CANNED
from admin.i18n import TEXTS
from core.models import Conversation, OfficerRole, Person
from core.segments import count_segments, sms_encoding, sms_rendering, strip_accents_for_sms
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace


def _person_speaks(enlace: Enlace, conversation_id: int, language: str) -> None:
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, conversation_id)
        session.get_one(Person, conversation.person_id).language = language
        session.commit()


@pytest.mark.parametrize(("officer_locale", "person"), [("es", "en"), ("en", "es")])
def test_canned_replies_are_offered_in_the_persons_language_named_in_the_officers(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, officer_locale: str, person: str
) -> None:
    _, case = ask_for_a_human(enlace)
    _person_speaks(enlace, case.conversation_id, person)
    officer = make_browser(office.consulate, OfficerRole.OFFICER, officer_locale)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    page = html.unescape(officer.get(f"/admin/cases/{case.id}").text)
    for item in CANNED:
        assert f'data-text="{TEXTS.translate(person, item.text)}"' in page
        assert TEXTS.translate(officer_locale, item.text) not in page
        assert TEXTS.translate(officer_locale, item.label) in page


TEXTS_TO_COUNT = [
    "Hola, ¿cómo está? Mañana le llamo a las 10.",  # á, ó: UCS-2 unless replaced
    "Buenos dias, le escribe el consulado",  # plain GSM-7
    "Gracias 🙏 " * 20,  # an emoji: UCS-2 whatever is replaced
    "Información " * 30,  # several segments
    "",
]


@pytest.mark.parametrize("text", TEXTS_TO_COUNT)
def test_the_segment_count_is_what_core_segments_says(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, text: str
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    counted = officer.post(f"/admin/cases/{case.id}/segments", text=text)
    assert counted.status_code == 200
    plain = strip_accents_for_sms(text)
    assert counted.json() == {
        "characters": len(text),
        "segments": count_segments(text),
        "encoding": sms_encoding(text),
        "sent_segments": count_segments(sms_rendering(text.strip())),
        "sent_encoding": sms_encoding(sms_rendering(text.strip())),
        "plain": plain,
        "plain_segments": count_segments(plain),
        "plain_encoding": sms_encoding(plain),
    }


def test_the_accent_free_rendering_keeps_spanish_in_gsm7(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    text = "Le llamó el consulado: mañana a las 9, ¿sí? Traiga su pasaporte y la visa. " * 2
    counted = officer.post(f"/admin/cases/{case.id}/segments", text=text).json()
    assert (counted["encoding"], counted["plain_encoding"]) == ("UCS-2", "GSM-7")
    assert counted["plain_segments"] < counted["segments"]
    assert "ó" not in counted["plain"]
    assert "ñ" in counted["plain"]  # GSM-7 has ñ: left alone


def test_the_segment_count_needs_the_sessions_csrf_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    path = f"/admin/cases/{case.id}/segments"
    assert officer.client.post(path, data={"text": "hola"}).status_code == 403
    by_header = officer.client.post(
        path, data={"text": "hola"}, headers={"x-csrf-token": officer.csrf}
    )
    assert by_header.status_code == 200


def test_an_sms_case_shows_the_counter_and_a_whatsapp_case_does_not(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    page = officer.get(f"/admin/cases/{case.id}").text
    assert 'id="segments"' in page
    assert 'id="accent-free"' in page
    with enlace.factory() as session:
        from core.models import Channel

        session.get_one(Conversation, case.conversation_id).channel = Channel.WHATSAPP
        session.commit()
    assert 'id="segments"' not in officer.get(f"/admin/cases/{case.id}").text


@pytest.mark.parametrize("locale", ["es", "en"])
def test_each_replys_delivery_status_is_shown_in_the_officers_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, locale: str
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate, OfficerRole.OFFICER, locale)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    officer.post(f"/admin/cases/{case.id}/reply", text="Hola, le escribe el consulado.")
    queued = officer.get(f"/admin/cases/{case.id}/thread").text
    assert f"{TEXTS.translate(locale, 'delivery')}: {TEXTS.translate(locale, 'queued')}" in queued
    enlace.deliver()
    sent = officer.get(f"/admin/cases/{case.id}/thread").text
    assert f"{TEXTS.translate(locale, 'delivery')}: {TEXTS.translate(locale, 'sent')}" in sent
    assert 'data-status="sent"' in sent
