"""The admin's pages in a real Chromium, in Spanish and in English: the queue, a case with its
conversation, reopening a closed case, and the consulate settings. Dates, times and durations
are the locale's (Babel) with their zone named. Screenshots go beside the other admin ones, in
test-results/admin/ (`20-…` to `25-…`, one set per language)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy.orm import Session, sessionmaker

from admin.accounts import create_officer, ensure_consulate, find_officer
from core.crypto import PhoneVault
from core.db import make_engine, make_session_factory
from core.models import (
    Author,
    Case,
    CaseOutcome,
    CaseStatus,
    Channel,
    Consulate,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    OfficerRole,
    Person,
    ProcessingState,
    utcnow,
)
from tests.integration.test_admin_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS
from tools.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.browser]

PASSWORD = "contraseña de prueba de páginas"
EMAILS = {"es": "admin-es@consulado-paginas.example", "en": "admin-en@consulado-paginas.example"}
HEADINGS = {"es": "Casos abiertos", "en": "Open cases"}


@dataclass(frozen=True)
class Seeded:
    consulate_id: int
    open_case: int
    closed_case: int


def _conversation(
    session: Session,
    vault: PhoneVault,
    channel: Channel,
    status: ConversationStatus,
    last_inbound_minutes_ago: float,
) -> Conversation:
    phone = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))
    person = Person(
        address_hash=vault.lookup_hash(phone),
        address_encrypted=vault.encrypt(phone),
        country_origin="SV",
        language="es",
    )
    conversation = Conversation(
        person=person,
        channel=channel,
        status=status,
        last_inbound_at=utcnow() - timedelta(minutes=last_inbound_minutes_ago),
    )
    session.add(conversation)
    session.flush()
    return conversation


def _message(
    session: Session,
    conversation: Conversation,
    author: Author,
    body: str,
    minutes_ago: float,
    **understood: object,
) -> None:
    inbound = author == Author.PERSON
    session.add(
        Message(
            conversation_id=conversation.id,
            direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
            author=author,
            body=body,
            state=ProcessingState.PROCESSED,
            created_at=utcnow() - timedelta(minutes=minutes_ago),
            **understood,
        )
    )


def _seed(session: Session, vault: PhoneVault, consulate: Consulate) -> Seeded:
    """An urgent WhatsApp case waiting 95 minutes, and an SMS case closed yesterday that the
    person wrote about again this morning."""
    waiting = _conversation(session, vault, Channel.WHATSAPP, ConversationStatus.QUEUED, 90)
    _message(
        session,
        waiting,
        Author.PERSON,
        "mi patron me quito el pasaporte y no me deja salir",
        95,
        language="es",
        topic="documents_retained",
        confidence=0.91,
        urgent=True,
    )
    _message(session, waiting, Author.BOT, "Estás en peligro? Escribe AYUDA.", 94.9)
    _message(session, waiting, Author.PERSON, "si, necesito hablar con alguien", 90, language="es")
    urgent = Case(
        conversation_id=waiting.id,
        consulate_id=consulate.id,
        reason="documents_retained",
        priority=100,
        opened_at=utcnow() - timedelta(minutes=95),
    )
    closed_conversation = _conversation(session, vault, Channel.SMS, ConversationStatus.BOT, 30)
    _message(
        session,
        closed_conversation,
        Author.PERSON,
        "no me pagan las horas extra",
        60 * 26,
        language="es",
        topic="wages",
        confidence=0.84,
    )
    _message(session, closed_conversation, Author.OFFICER, "Le explico sus derechos.", 60 * 25)
    _message(session, closed_conversation, Author.PERSON, "sigue sin pagarme", 30, language="es")
    closed = Case(
        conversation_id=closed_conversation.id,
        consulate_id=consulate.id,
        reason="wages",
        priority=10,
        opened_at=utcnow() - timedelta(hours=26),
        first_response_at=utcnow() - timedelta(hours=25),
        status=CaseStatus.CLOSED,
        closed_at=utcnow() - timedelta(hours=24),
        outcome=CaseOutcome.INFORMED,
    )
    session.add_all([urgent, closed])
    session.flush()
    return Seeded(consulate.id, urgent.id, closed.id)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def factory(rasa_and_sqlite_app: Stack) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(rasa_and_sqlite_app.env["ENLACE_DATABASE_URL"])
    yield make_session_factory(engine)
    engine.dispose()


def _seeded(factory: sessionmaker[Session], rasa: Stack, locale: str) -> Seeded:
    vault = PhoneVault(rasa.env["ENLACE_DATA_KEY"], rasa.env["ENLACE_LOOKUP_KEY"])
    with factory() as session:
        consulate = ensure_consulate(session, f"Consulado en San Salvador ({locale})", "SV")
        if find_officer(session, EMAILS[locale]) is None:
            create_officer(
                session,
                consulate,
                EMAILS[locale],
                PASSWORD,
                f"Admin {locale}",
                OfficerRole.ADMIN,
                locale,
            )
        seeded = _seed(session, vault, consulate)
        session.commit()
        return seeded


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["es", "en"])
def test_an_admin_works_the_queue_a_case_and_the_settings_in_their_language(
    rasa_and_sqlite_app: Stack,
    factory: sessionmaker[Session],
    chromium: Browser,
    locale: str,
) -> None:
    seeded = _seeded(factory, rasa_and_sqlite_app, locale)
    url = rasa_and_sqlite_app.app_url
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.fill("#email", EMAILS[locale])
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    expect(page.get_by_role("heading", name=HEADINGS[locale])).to_be_visible()

    row = page.locator(f'tr[data-case="{seeded.open_case}"]')
    expect(row).to_be_visible()
    ago = {"es": re.compile(r"hace \d+ minutos"), "en": re.compile(r"\d+ minutes ago")}
    expect(row).to_contain_text(ago[locale])
    expect(row.locator("[data-clock]")).to_have_attribute("data-clock", "late")
    expect(row.locator("[data-clock]")).to_contain_text(re.compile(r"1h 3\d"))
    expect(row).to_contain_text("WhatsApp")
    expect(row).to_contain_text({"es": "español", "en": "Spanish"}[locale])

    # The closed case the person wrote about again is listed under the open ones.
    expect(page.locator(f'tr[data-closed-case="{seeded.closed_case}"]')).to_be_visible()
    _shot(page, f"20-queue-{locale}")

    row.get_by_role("link").first.click()
    expect(page.locator("#thread")).to_contain_text("pasaporte")
    # The hour may have one digit in both languages ("4:33 UTC"); English adds AM/PM.
    zone = re.compile(r"\d{1,2}:\d{2}(\u202f[AP]M)? UTC")
    expect(page.locator("#thread .meta").first).to_contain_text(zone)
    expect(page.locator("#window")).to_contain_text(re.compile(r"\d+h \d+m"))
    _shot(page, f"21-case-{locale}")

    page.goto(f"{url}/admin")
    page.locator(f'tr[data-closed-case="{seeded.closed_case}"] a').click()
    expect(page.locator("#closed")).to_contain_text({"es": "Informada", "en": "Informed"}[locale])
    # The person's message after the closing comes after a line that says so.
    expect(page.locator("#closed-mark + .msg")).to_contain_text("sigue sin pagarme")
    expect(page.locator("#written-since")).to_contain_text("1")
    _shot(page, f"22-closed-case-{locale}")
    page.click("#reopen")
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator("#case-status")).to_have_text(
        {"es": "En la cola", "en": "Waiting in the queue"}[locale]
    )
    _shot(page, f"23-reopened-{locale}")

    page.goto(f"{url}/admin/consulates")
    row = page.locator(f"#consulate-{seeded.consulate_id}")
    row.locator('input[name="target_minutes"]').fill("45")
    row.get_by_role("button").click()
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator(f"#consulate-{seeded.consulate_id}")).to_contain_text("45m")
    _shot(page, f"24-consulates-{locale}")

    page.goto(f"{url}/admin/audit")
    expect(page.locator('tr[data-action="consulate_changed"]').first).to_contain_text(zone)
    _shot(page, f"25-audit-{locale}")
    context.close()
