"""Past WhatsApp's 24-hour window an officer's reply is held, a template asks the person to
write, and their next message sends what was held: once, in the order it was written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from admin.canned import person_language
from admin.i18n import TEXTS
from admin.replies import ANSWER_PLEASE
from core.models import Case, Channel, Conversation, Message, SafeContact
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import Browser, case_of
from tests.harness import Enlace, new_phone

TEMPLATE_SID = "HX" + "7" * 32


@pytest.fixture
def template(enlace: Enlace) -> Iterator[str]:
    """ENLACE_WHATSAPP_TEMPLATE_SID configured for the test."""
    settings = enlace.app.state.settings
    before = settings.whatsapp_template_sid
    settings.whatsapp_template_sid = TEMPLATE_SID
    yield TEMPLATE_SID
    settings.whatsapp_template_sid = before


def _claimed_whatsapp_case_past_the_window(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> tuple[str, Case, Browser]:
    phone = new_phone()
    enlace.receive(phone, "HUMANO", channel=Channel.WHATSAPP)
    enlace.receive(phone, "1", channel=Channel.WHATSAPP)  # safe contact: write any time
    case = case_of(enlace, phone)
    assert case.safe_contact == SafeContact.ANYTIME
    officer = make_browser(office.consulate)
    officer.login()
    assert officer.post(f"/admin/cases/{case.id}/claim").status_code == 303
    enlace.deliver()  # "a consular officer now has your conversation", still in the window
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, case.conversation_id)
        conversation.last_inbound_at = datetime.now(UTC) - timedelta(hours=25)
        session.commit()
    return phone, case, officer


def _bodies(enlace: Enlace, phone: str) -> list[str]:
    return [form.get("Body", "") for form in enlace.twilio.sent(phone)]


def test_a_late_reply_is_held_a_template_asks_and_the_persons_answer_sends_it_once(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, template: str
) -> None:
    phone, case, officer = _claimed_whatsapp_case_past_the_window(enlace, office, make_browser)
    before = len(enlace.twilio.sent(phone))

    first = officer.post(f"/admin/cases/{case.id}/reply", text="Le llamamos el lunes.")
    second = officer.post(f"/admin/cases/{case.id}/reply", text="Tenga su pasaporte a mano.")
    assert first.headers["location"].endswith("?notice=held")
    assert second.headers["location"].endswith("?notice=held")
    enlace.deliver()
    asked = enlace.twilio.sent(phone)[before:]
    assert len(asked) == 1  # one template, however many replies wait
    assert asked[0]["ContentSid"] == template
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, case.conversation_id)
        expected = TEXTS.translate(person_language(conversation), ANSWER_PLEASE)
    assert json.loads(asked[0]["ContentVariables"]) == {"1": expected}
    assert "Le llamamos el lunes." not in _bodies(enlace, phone)
    thread = officer.get(f"/admin/cases/{case.id}/thread").text
    assert thread.count('class="badge held"') == 2

    enlace.receive(phone, "aquí estoy", channel=Channel.WHATSAPP)
    enlace.receive(phone, "hola?", channel=Channel.WHATSAPP)
    bodies = _bodies(enlace, phone)
    assert bodies.count("Le llamamos el lunes.") == 1
    assert bodies.count("Tenga su pasaporte a mano.") == 1
    assert bodies.index("Le llamamos el lunes.") < bodies.index("Tenga su pasaporte a mano.")
    assert enlace.twilio.refused == []
    thread = officer.get(f"/admin/cases/{case.id}/thread").text
    assert 'class="badge held"' not in thread


def test_without_a_template_the_reply_is_still_held_and_sent_when_the_person_writes(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    assert not enlace.app.state.settings.whatsapp_template_sid
    phone, case, officer = _claimed_whatsapp_case_past_the_window(enlace, office, make_browser)
    before = len(enlace.twilio.sent(phone))
    held = officer.post(f"/admin/cases/{case.id}/reply", text="Seguimos con su caso.")
    assert held.headers["location"].endswith("?notice=held_unasked")
    enlace.deliver()
    assert len(enlace.twilio.sent(phone)) == before
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    assert _bodies(enlace, phone).count("Seguimos con su caso.") == 1


def test_a_person_who_wrote_stop_never_gets_the_held_reply(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, template: str
) -> None:
    phone, case, officer = _claimed_whatsapp_case_past_the_window(enlace, office, make_browser)
    officer.post(f"/admin/cases/{case.id}/reply", text="Le escribo luego.")
    enlace.receive(phone, "STOP", channel=Channel.WHATSAPP)
    assert "Le escribo luego." not in _bodies(enlace, phone)
    with enlace.factory() as session:
        still = session.scalars(
            select(Message).where(
                Message.conversation_id == case.conversation_id, Message.held_since.is_not(None)
            )
        ).all()
    assert [m.body for m in still] == ["Le escribo luego."]


def test_within_the_window_the_reply_goes_at_once(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, template: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, "HUMANO", channel=Channel.WHATSAPP)
    enlace.receive(phone, "1", channel=Channel.WHATSAPP)  # safe contact: write any time
    case = case_of(enlace, phone)
    assert case.safe_contact == SafeContact.ANYTIME
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    sent = officer.post(f"/admin/cases/{case.id}/reply", text="Hola, aquí el consulado.")
    assert sent.headers["location"].endswith("?notice=sent")
    enlace.deliver()
    (*_, last) = enlace.twilio.sent(phone)
    assert last.get("Body") == "Hola, aquí el consulado."
    assert "ContentSid" not in last
