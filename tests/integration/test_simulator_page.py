"""A person chats through the simulator page in a real Chromium, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tools.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed (make system-deps)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, rasa_and_sqlite_app: Stack, tmp_path: Path) -> Iterator[Page]:
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.goto(f"{rasa_and_sqlite_app.app_url}/simulator")
    yield page
    page.screenshot(path=str(tmp_path / "simulator.png"), full_page=True)
    context.close()


def _chat(page: Page, phone: str, channel: str, text: str) -> None:
    page.select_option("#channel", channel)
    page.fill("#phone", phone)
    page.dispatch_event("#phone", "change")
    page.fill("#text", text)
    page.click("#send")


def test_the_simulator_answers_a_spanish_sms_in_spanish(page: Page) -> None:
    _chat(page, "+15550177001", "sms", "hola, me pueden ayudar?")
    reply = page.locator(".bubble.out").last
    expect(reply).to_contain_text("ayudar", timeout=20_000)
    expect(reply).to_contain_text("Enlace")


def test_the_simulator_answers_an_english_whatsapp_message_in_english(page: Page) -> None:
    _chat(page, "+15550177002", "whatsapp", "hi can you help me")
    expect(page.locator(".bubble.out").last).to_contain_text("How can I help", timeout=20_000)


def test_the_thread_survives_a_reload(page: Page) -> None:
    _chat(page, "+15550177003", "sms", "gracias")
    expect(page.locator(".bubble.out").last).to_be_visible(timeout=20_000)
    page.reload()
    page.fill("#phone", "+15550177003")
    page.dispatch_event("#phone", "change")
    expect(page.locator(".bubble.in")).to_have_count(1, timeout=10_000)
    expect(page.locator(".bubble.out")).to_have_count(1)
