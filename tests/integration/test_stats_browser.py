"""The supervisors' statistics page in a real Chromium, on a month of cases: the figures, the
server-drawn charts and the export link, and the queue's first-response clocks. Screenshots
go beside the other admin ones, in test-results/admin/."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from datetime import timedelta
from itertools import cycle

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
    utcnow,
)
from tests.integration.test_admin_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS
from tools.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.browser]

EMAIL = "supervisora@consulado-estadisticas.example"
PASSWORD = "otra contraseña de prueba larga"
TOPICS = ("wages", "documents_retained", "wages", "forced_labour", "legal_channels", "contract")
ORIGINS = ("GT", "GT", "HN", "MX", "SV", None)
OUTCOMES = (CaseOutcome.INFORMED, CaseOutcome.REFERRED, None, CaseOutcome.CONSULAR_SERVICE)
FIRST_REPLIES = (4, 12, 18, 25, 33, 47, 70, None)  # minutes; None: no human reply yet


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _seed(session: Session, vault: PhoneVault, consulate: Consulate) -> None:
    """A month of cases of one consulate (topics, nationalities, channels, outcomes, replies)
    and two people waiting for a first reply now."""
    now = utcnow()
    rows = zip(range(24), cycle(TOPICS), cycle(ORIGINS), cycle(OUTCOMES), cycle(FIRST_REPLIES))
    # Two more waiting now, unanswered: one a few minutes (green), one past half the target.
    fresh = [(-1, "injury_health", "GT", None, None), (-2, "wages", "HN", None, None)]
    for i, topic, origin, outcome, minutes in [*rows, *fresh]:
        ago = {-1: timedelta(minutes=4), -2: timedelta(minutes=20)}
        opened = now - ago.get(i, timedelta(days=i, hours=2))
        phone = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))
        person = Person(
            address_hash=vault.lookup_hash(phone),
            address_encrypted=vault.encrypt(phone),
            country_origin=origin,
            language="es",
        )
        channel = Channel.WHATSAPP if i % 3 else Channel.SMS
        closed = outcome is not None and i > 0  # the newest of the month is still open
        status = ConversationStatus.BOT if closed else ConversationStatus.QUEUED
        conversation = Conversation(
            person=person, channel=channel, status=status, last_inbound_at=opened
        )
        session.add(conversation)
        session.flush()
        session.add(
            Message(
                conversation_id=conversation.id,
                direction=Direction.INBOUND,
                author=Author.PERSON,
                body="…",
                topic=topic,
                created_at=opened - timedelta(seconds=5),
                urgent=topic == "documents_retained",
                urgency_evidence={"signals": ["documents_held"]},
            )
        )
        session.add(
            Case(
                conversation_id=conversation.id,
                consulate_id=consulate.id,
                reason=topic,
                priority=100 if topic == "documents_retained" else 10,
                opened_at=opened,
                first_response_at=opened + timedelta(minutes=minutes) if minutes else None,
                status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                closed_at=opened + timedelta(hours=5) if closed else None,
                outcome=outcome if closed else None,
            )
        )


@pytest.fixture(scope="module")
def seeded(rasa_and_sqlite_app: Stack) -> Iterator[sessionmaker[Session]]:
    env = rasa_and_sqlite_app.env
    engine = make_engine(env["ENLACE_DATABASE_URL"])
    factory = make_session_factory(engine)
    vault = PhoneVault(env["ENLACE_DATA_KEY"], env["ENLACE_LOOKUP_KEY"])
    with factory() as session:
        consulate = ensure_consulate(session, "Consulado (estadísticas)", "GT")
        if find_officer(session, EMAIL) is None:
            create_officer(
                session, consulate, EMAIL, PASSWORD, "Sara Supervisora", OfficerRole.SUPERVISOR
            )
            _seed(session, vault, consulate)
        session.commit()
    yield factory
    engine.dispose()


def _sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/admin/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    expect(page.get_by_role("heading", name="Casos abiertos")).to_be_visible()


def test_a_supervisor_reads_the_months_figures_and_charts(
    rasa_and_sqlite_app: Stack, seeded: object, chromium: Browser
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, rasa_and_sqlite_app.app_url)
    page.get_by_role("link", name="Estadísticas").click()
    expect(page.get_by_role("heading", name="Estadísticas")).to_be_visible()
    expect(page.locator("#total")).to_have_text("26")
    expect(page.locator("#by-topic tr").first).to_have_attribute("data-key", "wages")
    expect(page.locator("#by-topic")).to_contain_text("Pago y salario")
    expect(page.locator("#by-nationality")).to_contain_text("Guatemala (GT)")
    expect(page.locator("#median")).to_have_text(re.compile(r"\d+ minutos"))
    expect(page.locator("#by-response svg")).to_have_count(5)
    expect(page.locator("#export")).to_have_attribute("href", re.compile(r"cases\.csv\?start="))
    page.screenshot(path=str(SHOTS / "10-stats.png"), full_page=True)

    page.get_by_role("link", name="Cola").click()
    expect(page.locator('#queue-rows [data-clock="ok"]')).to_have_count(1)
    expect(page.locator('#queue-rows [data-clock="warn"]')).to_have_count(1)
    page.screenshot(path=str(SHOTS / "11-queue-clocks.png"), full_page=True)
    context.close()
