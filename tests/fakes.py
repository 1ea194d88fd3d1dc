"""Local fakes of Twilio's REST API and of Rasa's webhook: real HTTP servers on loopback.

Both record what they were sent and can fail on demand, so tests exercise the real Twilio
client and the real Rasa client, retries and time-outs included.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs

Handler = Callable[["Request"], tuple[int, dict[str, Any]]]


@dataclass
class Request:
    method: str
    path: str
    form: dict[str, str]
    json: dict[str, Any] | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeServer:
    """A threaded HTTP server whose responses come from `respond`; every request is kept."""

    respond: Handler
    requests: list[Request] = field(default_factory=list)
    delay: float = 0.0

    def start(self) -> FakeServer:
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                is_json = "json" in (self.headers.get("Content-Type") or "")
                form = {} if is_json else {k: v[0] for k, v in parse_qs(raw).items()}
                request = Request(
                    self.command,
                    self.path,
                    form,
                    json.loads(raw) if is_json else None,
                    dict(self.headers.items()),
                )
                owner.requests.append(request)
                status, body = owner.respond(request)
                if owner.delay:
                    time.sleep(owner.delay)
                payload = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test)

            do_GET = do_POST = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


# What Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json) accepts.
MESSAGE_PARAMETERS: Final = frozenset(
    {
        "To", "From", "MessagingServiceSid", "Body", "MediaUrl", "ContentSid",
        "ContentVariables", "StatusCallback", "ApplicationSid", "MaxPrice", "ProvideFeedback",
        "Attempt", "ValidityPeriod", "ForceDelivery", "ContentRetention", "AddressRetention",
        "SmartEncoded", "PersistentAction", "ShortenUrls", "ScheduleType", "SendAt",
        "SendAsMms", "RiskCheck",
    }
)  # fmt: skip
TEST_ACCOUNT_SID: Final = "AC" + "0" * 32
TEST_AUTH_TOKEN: Final = "twilio-test-auth-token"
MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\.json$")
BODY_LIMIT: Final = 1600


def twilio_error(status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
    """An error as Twilio's REST API returns it."""
    info = f"https://www.twilio.com/docs/errors/{code}"
    return status, {"code": code, "message": message, "more_info": info, "status": status}


class FakeTwilio:
    """Twilio's Messages API: `fail_with` = None | 500 | 429 | 21610 | 63016 | "timeout".

    It refuses what Twilio refuses (wrong credentials, unknown or missing parameters, a body
    over 1,600 characters, template variables that are not JSON), so the app cannot pass
    against a fake that accepts more than the real API does. Refusals are kept in `refused`.
    """

    def __init__(
        self, account_sid: str = TEST_ACCOUNT_SID, auth_token: str = TEST_AUTH_TOKEN
    ) -> None:
        self.fail_with: int | str | None = None
        self.credentials = (account_sid, auth_token)
        self.refused: list[tuple[Request, dict[str, Any]]] = []
        self.accepted: list[tuple[str, dict[str, str]]] = []  # (sid, form), in arrival order
        self.server = FakeServer(self._respond).start()

    @property
    def url(self) -> str:
        return self.server.url

    def _respond(self, request: Request) -> tuple[int, dict[str, Any]]:
        status, body = self._validate(request) or self._outcome(request)
        if status >= 400:
            self.refused.append((request, body))
        return status, body

    def _validate(self, request: Request) -> tuple[int, dict[str, Any]] | None:
        match = MESSAGES_PATH.match(request.path)
        if request.method != "POST" or match is None:
            return twilio_error(404, 20404, "The requested resource was not found")
        if self._basic_auth(request) != self.credentials:
            return twilio_error(401, 20003, "Authentication Error - invalid username")
        if match.group(1) != self.credentials[0]:
            return twilio_error(404, 20404, "The requested resource was not found")
        form = request.form
        unknown = sorted(set(form) - MESSAGE_PARAMETERS)
        if unknown:
            return twilio_error(400, 21609, f"Invalid parameter: {unknown[0]}")
        if not form.get("To"):
            return twilio_error(400, 21604, "A 'To' phone number is required.")
        if not (form.get("From") or form.get("MessagingServiceSid")):
            return twilio_error(400, 21603, "A 'From' phone number is required.")
        if not (form.get("Body") or form.get("MediaUrl") or form.get("ContentSid")):
            return twilio_error(400, 21602, "Message body is required.")
        if len(form.get("Body", "")) > BODY_LIMIT:
            return twilio_error(400, 21617, "The concatenated message body exceeds the limit.")
        if "ContentVariables" in form:
            if not form.get("ContentSid"):
                return twilio_error(400, 21654, "ContentSid Required")
            try:
                variables = json.loads(form["ContentVariables"])
            except ValueError:
                variables = None
            if not isinstance(variables, dict):
                return twilio_error(400, 21656, "The ContentVariables Parameter is invalid.")
        if form.get("ContentSid") and form.get("Body"):
            return twilio_error(400, 35127, "Body and ContentVariables cannot go together.")
        whatsapp_to = form["To"].startswith("whatsapp:")
        if whatsapp_to != form.get("From", form["To"]).startswith("whatsapp:"):
            return twilio_error(400, 21910, "Invalid From and To pair.")
        return None

    def _outcome(self, request: Request) -> tuple[int, dict[str, Any]]:
        failure = self.fail_with
        self.server.delay = 2.0 if failure == "timeout" else 0.0
        if failure in (500, 503, 429):
            return twilio_error(int(failure), 20500, "Internal Server Error")
        if failure in (21610, 63016, 21211):
            return twilio_error(400, int(failure), "refused")
        sid = f"SM{uuid.uuid4().hex}"  # unique across modules sharing one database
        form = request.form
        self.accepted.append((sid, dict(form)))
        return 201, {
            "sid": sid,
            "status": "queued",
            "to": form.get("To"),
            "from": form.get("From"),
            "body": form.get("Body", ""),
            "num_segments": "1",
            "direction": "outbound-api",
            "account_sid": self.credentials[0],
        }

    @staticmethod
    def _basic_auth(request: Request) -> tuple[str, str]:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return ("", "")
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return (user, password)

    def sent(self, to: str | None = None) -> list[dict[str, str]]:
        """Messages Twilio accepted (or was asked to send), optionally to one address."""
        forms = [
            r.form
            for r in self.server.requests
            if r.method == "POST" and r.path.endswith("/Messages.json")
        ]
        if to is None:
            return forms
        return [f for f in forms if f.get("To", "").removeprefix("whatsapp:") == to]

    def reset(self) -> None:
        self.fail_with = None
        self.server.requests.clear()
        self.refused.clear()
        self.accepted.clear()


RASA_RESPONSE_FIXTURE: Final = Path(__file__).parent / "data" / "rasa_webhook_response.json"


def rasa_response_example() -> dict[str, Any]:
    """What Enlace's Rasa channel (bot/connectors/enlace.py) returns; a stack test checks
    this example against the trained model's real answer, so the fake cannot drift."""
    example: dict[str, Any] = json.loads(RASA_RESPONSE_FIXTURE.read_text(encoding="utf-8"))
    return example


def rasa_response(
    texts: Sequence[str] = (),
    custom: Sequence[dict[str, Any]] = (),
    *,
    intent: str | None,
    confidence: float | None,
    ranking: Sequence[tuple[str, float]] = (),
    sender: str = "0" * 32,
    urgency: float | None = None,
) -> dict[str, Any]:
    """A response of the shape of the fixture, with these contents (`urgency`: the urgency
    classifier's probability; none by default, so the red-flag patterns alone decide: a
    reading of 0 would overrule them on a long message, conversations.urgency)."""
    response = rasa_response_example()
    response["messages"] = [{"recipient_id": sender, "text": text} for text in texts] + [
        {"recipient_id": sender, "custom": payload} for payload in custom
    ]
    response["intent"], response["confidence"] = intent, confidence
    response["ranking"] = [{"name": name, "confidence": value} for name, value in ranking]
    response["urgency"] = {"probability": urgency}
    return response


RASA_PARSE_FIXTURE: Final = Path(__file__).parent / "data" / "rasa_parse_response.json"


def rasa_parse_example() -> dict[str, Any]:
    """What Rasa's `/model/parse` returns, checked against the trained model by a stack test."""
    example: dict[str, Any] = json.loads(RASA_PARSE_FIXTURE.read_text(encoding="utf-8"))
    return example


def rasa_parse_response(
    text: str,
    intent: str | None,
    confidence: float | None,
    ranking: list[dict[str, Any]],
    urgency: float | None = None,
) -> dict[str, Any]:
    response = rasa_parse_example()
    response["text"] = text
    response["intent"] = {"name": intent, "confidence": confidence}
    response["intent_ranking"] = list(ranking)
    response["text_tokens"] = []
    response["urgency"] = {"probability": urgency}
    return response


def shape(value: Any) -> Any:
    """The keys and value types of a JSON value, for comparing a fake with the real thing."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted({json.dumps(shape(item), sort_keys=True) for item in value})
    if isinstance(value, bool) or value is None:
        return type(value).__name__
    return "number" if isinstance(value, int | float) else type(value).__name__


class FakeRasa:
    """Rasa's Enlace webhook: replies in the language the app asked for, or fails.

    Every reply must have the fixture's top-level keys (see `rasa_response`): a test double
    that answered in another shape would test code paths the real channel never reaches.
    """

    def __init__(self) -> None:
        self.down = False
        self.slow = False
        self.reply: Callable[[dict[str, Any]], dict[str, Any]] = self.default_reply
        self.server = FakeServer(self._respond).start()

    @property
    def url(self) -> str:
        return self.server.url

    @staticmethod
    def default_reply(body: dict[str, Any]) -> dict[str, Any]:
        language = body.get("metadata", {}).get("language")
        text = "Hola, soy Enlace." if language == "es" else "Hi, I am Enlace."
        ranking = [("greet", 0.95)]
        return rasa_response([text], intent="greet", confidence=0.95, ranking=ranking)

    def _respond(self, request: Request) -> tuple[int, dict[str, Any]]:
        self.server.delay = 3.0 if self.slow else 0.0
        if request.path.startswith("/status"):
            return 200, {"model_file": "fake.tar.gz"}
        if self.down:
            return 503, {"error": "model not loaded"}
        body = request.json or {}
        if request.path.startswith("/model/parse"):
            if not isinstance(body.get("text"), str) or "token=" not in request.path:
                return 400, {"error": "text and token are required"}
            return 200, self._parse(body["text"])
        if not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
            return 400, {"error": "sender and message are required"}
        reply = self.reply(body)
        if set(reply) != set(rasa_response_example()):
            raise AssertionError(f"fake Rasa reply unlike the real channel: {sorted(reply)}")
        return 200, reply

    def _parse(self, text: str) -> dict[str, Any]:
        """NLU alone reads the text as the dialogue's reply to it would (same intent)."""
        reply = self.reply({"sender": "parse", "message": text, "metadata": {}})
        urgency = (reply.get("urgency") or {}).get("probability")
        return rasa_parse_response(
            text, reply["intent"], reply["confidence"], reply["ranking"], urgency
        )

    @property
    def messages(self) -> list[dict[str, Any]]:
        """What the dialogue was sent (the webhook), in order."""
        return [
            r.json for r in self.server.requests if r.json is not None and "/webhooks/" in r.path
        ]

    @property
    def parses(self) -> list[str]:
        """Texts NLU was asked to read (`/model/parse`), in order."""
        return [
            r.json["text"]
            for r in self.server.requests
            if r.json is not None and r.path.startswith("/model/parse")
        ]

    def reset(self) -> None:
        self.down = self.slow = False
        self.reply = self.default_reply
        self.server.requests.clear()
