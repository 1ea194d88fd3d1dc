"""The Done-when flow in a real Chromium: a person writes HUMANO on the simulator phone, the
case appears in the officer's queue without a reload, the officer signs in, claims it,
replies (the reply reaches the phone with its delivery status), closes it, and the bot
answers the person's next message. Screenshots of each step go to test-results/admin/."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from sqlalchemy import select

from admin.accounts import create_officer, ensure_consulate, find_officer
from conversations import ownership
from core.crypto import PhoneVault
from core.db import make_engine, make_session_factory
from core.models import Case, Conversation, Person
from tools.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "admin"
EMAIL = "oficial@consulado-browser.example"
PASSWORD = "contraseña de prueba larga"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed (make system-deps)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def stack_db(rasa_and_sqlite_app: Stack) -> Iterator[object]:
    """The stack's database, with a consulate that takes unrouted cases and its officer."""
    engine = make_engine(rasa_and_sqlite_app.env["ENLACE_DATABASE_URL"])
    factory = make_session_factory(engine)
    with factory() as session:
        consulate = ensure_consulate(session, "Consulado (navegador)", "MX", takes_unrouted=True)
        if find_officer(session, EMAIL) is None:
            create_officer(session, consulate, EMAIL, PASSWORD, "Ana Oficial")
        session.commit()
    yield factory
    engine.dispose()


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone_context = browser.new_context(locale="es-MX", viewport={"width": 480, "height": 800})
    officer_context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 860})
    yield phone_context, officer_context
    phone_context.close()
    officer_context.close()


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _write(page: Page, text: str) -> None:
    page.fill("#text", text)
    page.click("#send")


def _case_id(factory: object, rasa: Stack, phone: str, timeout: float = 20) -> int:
    vault = PhoneVault(rasa.env["ENLACE_DATA_KEY"], rasa.env["ENLACE_LOOKUP_KEY"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with factory() as session:  # type: ignore[operator]
            found = session.scalar(
                select(Case.id)
                .join(Conversation, Case.conversation_id == Conversation.id)
                .join(Person, Conversation.person_id == Person.id)
                .where(Person.address_hash == vault.lookup_hash(phone))
                .order_by(Case.id.desc())
            )
        if found is not None:
            return int(found)
        time.sleep(0.5)
    raise AssertionError("no case was opened for the person")


def test_an_officer_answers_a_person_who_asked_for_a_human_and_hands_back_to_the_bot(
    rasa_and_sqlite_app: Stack,
    stack_db: object,
    contexts: tuple[BrowserContext, BrowserContext],
) -> None:
    url = rasa_and_sqlite_app.app_url
    phone_context, officer_context = contexts
    number = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))

    officer = officer_context.new_page()
    officer.goto(f"{url}/admin")
    expect(officer).to_have_url(re.compile(r"/admin/login$"))
    officer.fill("#email", EMAIL)
    officer.fill("#password", PASSWORD)
    _shot(officer, "01-login")
    officer.click("#sign-in")
    expect(officer.get_by_role("heading", name="Casos abiertos")).to_be_visible()
    _shot(officer, "02-queue-before")

    phone = phone_context.new_page()
    phone.goto(f"{url}/simulator")
    phone.fill("#phone", number)
    phone.dispatch_event("#phone", "change")
    _write(phone, "HUMANO")
    expect(phone.locator(".bubble.out").last).to_be_visible(timeout=20_000)
    _shot(phone, "03-phone-humano")

    case_id = _case_id(stack_db, rasa_and_sqlite_app, number)
    row = officer.locator(f'tr[data-case="{case_id}"]')
    expect(row).to_be_visible(timeout=10_000)  # arrived without a reload
    _shot(officer, "04-queue-live")

    row.get_by_role("button", name="Tomar").click()
    expect(officer).to_have_url(re.compile(rf"/admin/cases/{case_id}\?notice=claimed$"))
    expect(officer.locator("#thread")).to_contain_text("HUMANO")
    reply = "Hola, le escribe Ana del consulado. ¿En qué ciudad está?"
    officer.fill("#reply", reply)
    officer.click("#send-reply")
    expect(officer.locator(".notice")).to_be_visible()
    sent = officer.locator(".msg.officer").last
    expect(sent).to_contain_text(reply)
    expect(sent.locator(".delivery")).to_contain_text("enviado", timeout=10_000)
    _shot(officer, "05-case-replied")

    expect(phone.locator(".bubble.out", has_text=reply)).to_be_visible(timeout=10_000)
    expect(phone.locator(".bubble.out", has_text=reply).locator(".meta")).to_have_text("sent")
    _shot(phone, "06-phone-officer-reply")

    officer.select_option("#outcome", "informed")
    officer.click("#close-case")
    expect(officer).to_have_url(re.compile(r"/admin$"))
    expect(officer.locator(f'tr[data-case="{case_id}"]')).to_have_count(0)
    _shot(officer, "07-queue-after-close")

    answers = phone.locator(".bubble.out").count()
    _write(phone, "hola, me pueden ayudar?")
    # The person had not said anyone may write to them: the bot says it is back only now,
    # before its answer.
    expect(phone.locator(".bubble.out")).to_have_count(answers + 2, timeout=20_000)
    back = phone.locator(".bubble.out").nth(answers)
    expect(back).to_contain_text("otra vez con el asistente de Enlace")
    expect(phone.locator(".bubble.out").last).to_contain_text("Enlace")
    _shot(phone, "08-phone-bot-again")


def test_a_new_urgent_case_appears_first_and_alerts_the_title(
    rasa_and_sqlite_app: Stack,
    stack_db: object,
    contexts: tuple[BrowserContext, BrowserContext],
) -> None:
    url = rasa_and_sqlite_app.app_url
    _, officer_context = contexts
    officer = officer_context.new_page()
    officer.goto(f"{url}/admin/login")
    officer.fill("#email", EMAIL)
    officer.fill("#password", PASSWORD)
    officer.click("#sign-in")
    expect(officer.get_by_role("heading", name="Casos abiertos")).to_be_visible()
    assert "urgente" not in officer.title()

    number = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))
    httpx.post(
        f"{url}/simulator/api/messages",
        json={"channel": "whatsapp", "phone": number, "text": "HUMANO"},
        timeout=30,
    ).raise_for_status()
    case_id = _case_id(stack_db, rasa_and_sqlite_app, number)
    with stack_db() as session:  # type: ignore[operator]
        # What the pipeline does when a later message of the person signals danger.
        conversation = session.get(Conversation, session.get(Case, case_id).conversation_id)
        ownership.queue_for_human(session, conversation, "emergency", ownership.Priority.URGENT)
        session.commit()

    first = officer.locator("#queue-rows tr").first
    expect(first).to_have_attribute("data-case", str(case_id), timeout=10_000)
    expect(first).to_have_attribute("data-urgent", "1")
    expect(officer).to_have_title(re.compile("Nuevo caso urgente"), timeout=5_000)
    _shot(officer, "09-queue-urgent-alert")
