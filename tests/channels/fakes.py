"""Local fakes of Twilio's REST API and of Rasa's webhook: real HTTP servers on loopback.

Both record what they were sent and can fail on demand, so tests exercise the real Twilio
client and the real Rasa client, retries and time-outs included.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

Handler = Callable[["Request"], tuple[int, dict[str, Any]]]


@dataclass
class Request:
    method: str
    path: str
    form: dict[str, str]
    json: dict[str, Any] | None


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
                    self.command, self.path, form, json.loads(raw) if is_json else None
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


class FakeTwilio:
    """Twilio's Messages API: `fail_with` = None | 500 | 429 | 21610 | 63016 | "timeout"."""

    def __init__(self) -> None:
        self.fail_with: int | str | None = None
        self.server = FakeServer(self._respond).start()

    @property
    def url(self) -> str:
        return self.server.url

    def _respond(self, request: Request) -> tuple[int, dict[str, Any]]:
        failure = self.fail_with
        self.server.delay = 2.0 if failure == "timeout" else 0.0
        if failure in (500, 503, 429):
            return int(failure), {"code": 20500, "message": "down", "status": failure}
        if failure in (21610, 63016, 21211):
            return 400, {"code": failure, "message": "refused", "status": 400}
        sid = f"SM{uuid.uuid4().hex}"  # unique across modules sharing one database
        return 201, {"sid": sid, "status": "queued", "to": request.form.get("To")}

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


class FakeRasa:
    """Rasa's Enlace webhook: replies in the language the app asked for, or fails."""

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
        return {"messages": [{"text": text}], "intent": "greet", "confidence": 0.95}

    def _respond(self, request: Request) -> tuple[int, dict[str, Any]]:
        self.server.delay = 3.0 if self.slow else 0.0
        if request.path.startswith("/status"):
            return 200, {"model_file": "fake.tar.gz"}
        if self.down:
            return 503, {"error": "model not loaded"}
        return 200, self.reply(request.json or {})

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [r.json for r in self.server.requests if r.json is not None]

    def reset(self) -> None:
        self.down = self.slow = False
        self.reply = self.default_reply
        self.server.requests.clear()
