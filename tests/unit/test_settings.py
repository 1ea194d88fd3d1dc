"""Production sends through Twilio or does not start; only development and tests simulate."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from channels.senders import SimulatorSender, TwilioSender, make_sender
from core.settings import Settings
from tests.conftest import make_settings

TWILIO = {
    "twilio_account_sid": "AC" + "0" * 32,
    "twilio_auth_token": "a-real-looking-token",
    "twilio_sms_from": "+15550000000",
}


def _production(**overrides: object) -> Settings:
    return make_settings(environment="production", **overrides)


def test_production_without_twilio_refuses_to_start_naming_every_variable() -> None:
    with pytest.raises(ValidationError) as refused:
        _production()
    message = str(refused.value)
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_SMS_FROM"):
        assert name in message
    assert "TWILIO_WHATSAPP_FROM" in message
    assert "simulator" in message


@pytest.mark.parametrize("missing", ["twilio_account_sid", "twilio_auth_token"])
def test_production_refuses_when_one_credential_is_missing(missing: str) -> None:
    with pytest.raises(ValidationError, match=missing.upper()):
        _production(**{**TWILIO, missing: ""})


def test_production_refuses_a_placeholder_auth_token() -> None:
    with pytest.raises(ValidationError, match="TWILIO_AUTH_TOKEN"):
        _production(**{**TWILIO, "twilio_auth_token": "changeme"})


def test_production_refuses_without_any_sender_number() -> None:
    with pytest.raises(ValidationError, match="TWILIO_SMS_FROM or TWILIO_WHATSAPP_FROM"):
        _production(**{**TWILIO, "twilio_sms_from": ""})


def test_production_with_a_whatsapp_sender_only_starts() -> None:
    settings = _production(
        **{**TWILIO, "twilio_sms_from": "", "twilio_whatsapp_from": "whatsapp:+15550000001"}
    )
    assert settings.sender_kind == "twilio"


def test_production_with_twilio_sends_through_twilio() -> None:
    settings = _production(**TWILIO)
    assert settings.sender_kind == "twilio"
    assert isinstance(make_sender(settings), TwilioSender)


@pytest.mark.parametrize("environment", ["development", "test"])
def test_development_and_tests_without_twilio_use_the_simulator(environment: str) -> None:
    settings = make_settings(environment=environment)
    assert settings.sender_kind == "simulator"
    assert isinstance(make_sender(settings), SimulatorSender)


@pytest.mark.parametrize("environment", ["development", "test"])
def test_development_and_tests_with_twilio_send_through_twilio(environment: str) -> None:
    settings = make_settings(environment=environment, **TWILIO)
    assert settings.sender_kind == "twilio"
    assert isinstance(make_sender(settings), TwilioSender)


def test_a_retired_setting_left_in_the_environment_stops_start_up_saying_what_replaced_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENLACE_URGENCY_CLASSIFIER_DECIDES", "true")
    with pytest.raises(ValidationError, match="ENLACE_URGENCY_DECIDE_THRESHOLD"):
        make_settings()
