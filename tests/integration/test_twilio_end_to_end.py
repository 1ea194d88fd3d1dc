"""A signed Twilio webhook answered by the trained model, sent back through Twilio's REST API.

The app runs as its own process with Twilio credentials pointing at a local fake of the
Messages API; the signature is computed with the twilio library, as Twilio does.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from twilio.request_validator import RequestValidator

from tests.fakes import TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, FakeTwilio
from tests.integration.conftest import app_beside, app_env
from tools.ports import free_port
from tools.stack import Stack

pytestmark = pytest.mark.stack

AUTH_TOKEN = TEST_AUTH_TOKEN
ACCOUNT_SID = TEST_ACCOUNT_SID


@pytest.fixture(scope="module")
def twilio_app(
    rasa_and_sqlite_app: Stack, fake_twilio: FakeTwilio, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    tmp: Path = tmp_path_factory.mktemp("twilio-app")
    port = free_port()
    env = {
        **app_env(f"sqlite:///{tmp / 'enlace.db'}", rasa_and_sqlite_app),
        "ENLACE_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "ENLACE_TWILIO_API_BASE_URL": fake_twilio.url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": "+15005550006",
        "TWILIO_WHATSAPP_FROM": "whatsapp:+15005550006",
    }
    with app_beside(rasa_and_sqlite_app, tmp, env, port).serving() as running:
        yield running


def _post_signed(app: Stack, path: str, form: dict[str, str]) -> httpx.Response:
    url = f"{app.app_url}{path}"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, form)
    return httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=10)


def _wait_for_reply(fake: FakeTwilio, to: str, count: int = 1) -> list[dict[str, str]]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        sent = fake.sent(to)
        if len(sent) >= count:
            return sent
        time.sleep(0.2)
    return fake.sent(to)


def _form(sender: str, body: str, channel_prefix: str = "") -> dict[str, str]:
    return {
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": ACCOUNT_SID,
        "From": f"{channel_prefix}{sender}",
        "To": f"{channel_prefix}+15005550006",
        "Body": body,
        "NumMedia": "0",
    }


def test_a_signed_sms_is_answered_in_spanish_through_twilio(
    twilio_app: Stack, fake_twilio: FakeTwilio
) -> None:
    response = _post_signed(
        twilio_app, "/twilio/sms", _form("+15550123401", "hola, me pueden ayudar?")
    )
    assert response.status_code == 200
    (reply,) = _wait_for_reply(fake_twilio, "+15550123401")
    assert "ayudar" in reply["Body"]


def test_a_signed_whatsapp_message_is_answered_in_english(
    twilio_app: Stack, fake_twilio: FakeTwilio
) -> None:
    form = _form("+15550123402", "hi can you help me", channel_prefix="whatsapp:")
    assert _post_signed(twilio_app, "/twilio/whatsapp", form).status_code == 200
    (reply,) = _wait_for_reply(fake_twilio, "+15550123402")
    assert reply["From"] == "whatsapp:+15005550006"
    assert "How can I help" in reply["Body"]


def test_a_forged_webhook_is_refused_and_never_answered(
    twilio_app: Stack, fake_twilio: FakeTwilio
) -> None:
    form = _form("+15550123403", "hola")
    response = httpx.post(
        f"{twilio_app.app_url}/twilio/sms", data=form, headers={"X-Twilio-Signature": "forged"}
    )
    assert response.status_code == 403
    time.sleep(1.5)
    assert fake_twilio.sent("+15550123403") == []


def test_a_retried_message_sid_is_answered_once(twilio_app: Stack, fake_twilio: FakeTwilio) -> None:
    form = _form("+15550123404", "gracias")
    assert _post_signed(twilio_app, "/twilio/sms", form).status_code == 200
    assert _post_signed(twilio_app, "/twilio/sms", form).status_code == 200
    _wait_for_reply(fake_twilio, "+15550123404")
    time.sleep(1.5)
    assert len(fake_twilio.sent("+15550123404")) == 1
