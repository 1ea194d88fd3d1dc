"""The signature check on its own: the URL Twilio signed, query strings, no token at all."""

from __future__ import annotations

import warnings

import pytest
from fastapi import FastAPI, Request

from channels.signature import SIGNATURE_HEADER, verified_form
from core.settings import Settings
from tests.conftest import make_settings
from tests.harness import AUTH_TOKEN, PUBLIC_URL, sign

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PARAMS = {"MessageSid": "SM" + "a" * 32, "From": "+15550001111", "Body": "hola"}


def _client(settings: Settings) -> TestClient:
    app = FastAPI()

    @app.post("/twilio/sms")
    async def receive(request: Request) -> dict[str, str]:
        return await verified_form(request, settings)

    return TestClient(app)


@pytest.fixture
def client() -> TestClient:
    return _client(make_settings(public_url=PUBLIC_URL, twilio_auth_token=AUTH_TOKEN))


def _post(client: TestClient, path: str, signature: str) -> int:
    response = client.post(path, data=PARAMS, headers={SIGNATURE_HEADER: signature})
    return response.status_code


def test_a_signature_over_the_url_with_its_query_string_is_accepted(client: TestClient) -> None:
    signature = sign(f"{PUBLIC_URL}/twilio/sms?consulate=houston", PARAMS)
    assert _post(client, "/twilio/sms?consulate=houston", signature) == 200


def test_a_signature_that_leaves_out_the_query_string_is_refused(client: TestClient) -> None:
    signature = sign(f"{PUBLIC_URL}/twilio/sms", PARAMS)
    assert _post(client, "/twilio/sms?consulate=houston", signature) == 403


def test_a_signature_over_another_query_string_is_refused(client: TestClient) -> None:
    signature = sign(f"{PUBLIC_URL}/twilio/sms?consulate=houston", PARAMS)
    assert _post(client, "/twilio/sms?consulate=madrid", signature) == 403


def test_the_configured_public_url_is_checked_not_the_one_the_request_arrived_at(
    client: TestClient,
) -> None:
    signature = sign("http://testserver/twilio/sms", PARAMS)  # what the app itself sees
    assert _post(client, "/twilio/sms", signature) == 403


@pytest.mark.parametrize("token_used_to_sign", ["", AUTH_TOKEN])
def test_without_an_auth_token_configured_everything_is_refused(token_used_to_sign: str) -> None:
    client = _client(make_settings(public_url=PUBLIC_URL, twilio_auth_token=""))
    signature = sign(f"{PUBLIC_URL}/twilio/sms", PARAMS, token=token_used_to_sign)
    assert _post(client, "/twilio/sms", signature) == 403


def test_a_correct_signature_is_accepted(client: TestClient) -> None:
    assert _post(client, "/twilio/sms", sign(f"{PUBLIC_URL}/twilio/sms", PARAMS)) == 200
