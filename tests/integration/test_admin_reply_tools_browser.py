"""The reply box's tools in a real Chromium: a canned reply goes in with one click in the
person's language (the officer reads Spanish, the person English), the SMS segment counter
follows the typing with the server's arithmetic, and one click makes the text accent-free.
The app runs in-process on fakes of Twilio and Rasa (no trained model needed); screenshots
go to test-results/admin/."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from sqlalchemy.orm import Session, sessionmaker

from admin.accounts import create_officer, ensure_consulate, find_officer
from admin.canned import CANNED
from admin.i18n import TEXTS
from app.main import create_app
from conversations import ownership
from core.crypto import PhoneVault
from core.models import Author, Channel, Conversation, Direction, Message, Person, utcnow
from core.segments import count_segments, sms_encoding, strip_accents_for_sms
from tests.fakes import FakeRasa, FakeTwilio
from tests.harness import build_settings, new_phone
from tools.ports import free_port

pytestmark = [pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "admin"
EMAIL = "oficial@consulado-herramientas.example"
PASSWORD = "contraseña de prueba larga"
SPANISH = "Mañana le llamó el cónsul: traiga su pasaporte, ¿sí? Está todo en orden. " * 2


@pytest.fixture(scope="module")
def app_url(
    tmp_path_factory: pytest.TempPathFactory, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> Iterator[tuple[str, sessionmaker[Session], PhoneVault]]:
    database = tmp_path_factory.mktemp("tools") / "enlace.db"
    settings = build_settings(f"sqlite:///{database}", fake_twilio, fake_rasa)
    app = create_app(settings, run_workers=False)  # nothing to answer or send here
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", app.state.session_factory, app.state.vault
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed (make system-deps)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def _english_speakers_case(
    factory: sessionmaker[Session],
    vault: PhoneVault,
    channel: Channel = Channel.SMS,
    last_wrote: timedelta = timedelta(0),
) -> int:
    """What the pipeline leaves after an English speaker writes HUMAN."""
    with factory() as session:
        consulate = ensure_consulate(session, "Consulado (herramientas)", "MX", takes_unrouted=True)
        if find_officer(session, EMAIL) is None:
            create_officer(session, consulate, EMAIL, PASSWORD, "Ana Oficial")
        phone = new_phone()
        person = Person(
            address_hash=vault.lookup_hash(phone),
            address_encrypted=vault.encrypt(phone),
            language="en",
        )
        conversation = Conversation(
            person=person, channel=channel, last_inbound_at=utcnow() - last_wrote
        )
        session.add(conversation)
        session.add(
            Message(
                conversation=conversation,
                direction=Direction.INBOUND,
                author=Author.PERSON,
                body="HUMAN please",
                language="en",
            )
        )
        session.flush()
        case = ownership.queue_for_human(
            session, conversation, "human_agent", ownership.Priority.NORMAL
        )
        session.commit()
        return case.id


def _counter(text: str) -> re.Pattern[str]:
    return re.compile(
        rf"Segmentos SMS: {count_segments(text)} · {re.escape(sms_encoding(text))} · "
        rf"{len(text)} caracteres"
    )


def _claimed(browser: Browser, url: str, case_id: int) -> tuple[BrowserContext, Page]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    page.goto(f"{url}/admin/cases/{case_id}")
    page.click("#claim")
    expect(page).to_have_url(re.compile(rf"/admin/cases/{case_id}\?notice=claimed$"))
    return context, page


def test_canned_replies_and_the_segment_counter_in_the_browser(
    app_url: tuple[str, sessionmaker[Session], PhoneVault], browser: Browser
) -> None:
    url, factory, vault = app_url
    case_id = _english_speakers_case(factory, vault)
    context, page = _claimed(browser, url, case_id)

    location = next(item for item in CANNED if item.key == "location")
    english = TEXTS.translate("en", location.text)
    expect(page.locator("#canned-location")).to_have_text(TEXTS.translate("es", location.label))
    page.click("#canned-location")
    expect(page.locator("#reply")).to_have_value(english)
    expect(page.locator("#segments")).to_have_text(_counter(english))
    page.screenshot(path=str(SHOTS / "10-canned-reply-and-counter.png"), full_page=True)

    page.fill("#reply", "")
    page.locator("#reply").press_sequentially(SPANISH[:40])
    page.fill("#reply", SPANISH)  # the rest at once: the counter follows the input event
    expect(page.locator("#segments")).to_have_text(_counter(SPANISH))  # UCS-2 as typed
    page.screenshot(path=str(SHOTS / "11-segments-ucs2.png"), full_page=True)

    page.click("#accent-free")
    plain = strip_accents_for_sms(SPANISH)
    expect(page.locator("#reply")).to_have_value(plain)
    expect(page.locator("#segments")).to_have_text(_counter(plain))
    assert sms_encoding(plain) == "GSM-7"
    assert count_segments(plain) < count_segments(SPANISH)
    page.screenshot(path=str(SHOTS / "12-segments-accent-free.png"), full_page=True)

    page.on("dialog", lambda dialog: dialog.accept())  # "delete the text for good?"
    page.locator(".msg.person").first.get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/admin/cases/{case_id}\?notice=redacted$"))
    redacted = page.locator(".msg.person").first
    expect(redacted).not_to_contain_text("HUMAN please")
    expect(redacted).to_contain_text("Texto eliminado por Ana Oficial")
    page.screenshot(path=str(SHOTS / "13-message-redacted.png"), full_page=True)
    context.close()


def test_a_reply_past_the_whatsapp_window_shows_as_held(
    app_url: tuple[str, sessionmaker[Session], PhoneVault], browser: Browser
) -> None:
    url, factory, vault = app_url
    case_id = _english_speakers_case(factory, vault, Channel.WHATSAPP, timedelta(hours=30))
    context, page = _claimed(browser, url, case_id)
    expect(page.locator("#window-hold")).to_be_visible()
    expect(page.locator("#segments")).to_have_count(0)  # WhatsApp: no segments to pay
    page.click("#canned-greeting")
    page.click("#send-reply")
    expect(page).to_have_url(re.compile(rf"/admin/cases/{case_id}\?notice=held_unasked$"))
    held = page.locator(".msg.officer").last
    expect(held.locator(".badge.held")).to_have_text(
        TEXTS.translate("es", "held: sent when the person writes again")
    )
    page.screenshot(path=str(SHOTS / "14-reply-held-past-the-window.png"), full_page=True)
    context.close()
