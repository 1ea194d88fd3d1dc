"""`make bench --timeline`: the app as the bench runs it, noting when each message passes each
point of its path, to see where the wall-clock time of a turn goes.

Run instead of uvicorn (`python -m tools.bench_timeline --host … --port …`), it wraps, from
the outside, the functions a message passes through and appends one JSON line per point to the
file named by `ENLACE_BENCH_TIMELINE`: the message's id, the point, `time.time()` (the driver's
clock: one machine). The app's code is not changed and production never loads this module.

Points, in the order a message meets them: `webhook_in` (the request reached the app),
`stored` (committed, handed to the worker), `claimed` (the worker's claim committed),
`turn_start`, `parse_out`/`parse_back` (a /model/parse of its own), `rasa_out`/`rasa_back`
(the dialogue's turn), `action_in`/`action_out` (Rasa's call back to the action endpoint,
request arrival to response sent), `turn_end` (the turn recorded and committed). Each
`commit` and each SQL statement within the turn is noted too (`commit`, `sql`).
"""

from __future__ import annotations

import argparse
import contextvars
import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

import uvicorn
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.types import Message, Receive, Scope, Send

import channels.inbound
import conversations.worker
from conversations.pipeline import Dialogue
from conversations.rasa_client import RasaClient
from conversations.worker import Worker

_message: contextvars.ContextVar[int | None] = contextvars.ContextVar("message", default=None)
_request: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "request", default=None
)
_by_sender: dict[str, int] = {}
_lock = threading.Lock()
_sink: list[TextIO] = []  # the timeline file, opened by main


def mark(message_id: int | None, point: str, at: float | None = None) -> None:
    if message_id is None:
        return
    line = json.dumps({"m": message_id, "p": point, "t": at if at is not None else time.time()})
    with _lock:
        _sink[0].write(line + "\n")


def _wrap_async(owner: Any, name: str, before: Any, after: Any) -> None:
    original = getattr(owner, name)

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = before(*args, **kwargs)
        result = await original(*args, **kwargs)
        after(token, result, *args, **kwargs)
        return result

    setattr(owner, name, wrapped)


def _install() -> None:
    store = channels.inbound.store

    def timed_store(*args: Any, **kwargs: Any) -> Any:
        stored = store(*args, **kwargs)
        request = _request.get()
        if stored is not None and request is not None:
            mark(stored.id, "webhook_in", request["started"])
        return stored

    channels.inbound.store = timed_store

    enqueue = Worker.enqueue

    def timed_enqueue(self: Worker, message_id: int, body: str | None = None) -> None:
        mark(message_id, "stored")
        token = _message.set(message_id)  # a reading started ahead is noted as the message's
        try:
            enqueue(self, message_id, body)
        finally:
            _message.reset(token)

    Worker.enqueue = timed_enqueue  # type: ignore[method-assign]

    claim_next = conversations.worker.claim_next

    def timed_claim(*args: Any, **kwargs: Any) -> Any:
        claims = claim_next(*args, **kwargs)
        for claim in claims:
            mark(claim.message_id, "claimed")
        return claims

    conversations.worker.claim_next = timed_claim

    handle = Dialogue.handle

    async def timed_handle(self: Dialogue, message_id: int, *args: Any) -> Any:
        token = _message.set(message_id)
        mark(message_id, "turn_start")
        try:
            return await handle(self, message_id, *args)
        finally:
            mark(message_id, "turn_end")
            _message.reset(token)

    Dialogue.handle = timed_handle  # type: ignore[method-assign,assignment]

    def point(name: str) -> Callable[..., None]:
        return lambda *_args, **_kwargs: mark(_message.get(), name)

    _wrap_async(RasaClient, "read", point("parse_out"), point("parse_back"))

    def rasa_out(_self: Any, sender_id: str, *_args: Any, **_kwargs: Any) -> None:
        message_id = _message.get()
        if message_id is not None:
            _by_sender[sender_id] = message_id
        mark(message_id, "rasa_out")

    _wrap_async(RasaClient, "send", rasa_out, point("rasa_back"))

    @event.listens_for(Session, "after_commit")
    def _committed(_session: Session) -> None:
        mark(_message.get(), "commit")

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(*_args: Any) -> None:
        mark(_message.get(), "sql")


def _install_requests() -> None:
    """Each HTTP request's arrival noted (and, for the action endpoint, whose turn the call
    belongs to, read from its body's sender id, and when its answer left)."""
    serve = FastAPI.__call__

    async def timed(self: FastAPI, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await serve(self, scope, receive, send)
            return
        request: dict[str, Any] = {"started": time.time()}
        _request.set(request)
        if not scope["path"].startswith("/actions/"):
            await serve(self, scope, receive, send)
            return
        chunks: list[bytes] = []

        async def receiving() -> Message:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                try:
                    sender = json.loads(b"".join(chunks)).get("sender_id")
                except ValueError:
                    sender = None
                request["m"] = _by_sender.get(sender or "")
                mark(request["m"], "action_in", request["started"])
            return message

        async def sending(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                mark(request.get("m"), "action_out")

        await serve(self, scope, receiving, sending)

    FastAPI.__call__ = timed  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-access-log", action="store_true")
    args = parser.parse_args()
    _sink.append(open(os.environ["ENLACE_BENCH_TIMELINE"], "a", buffering=1))  # noqa: SIM115
    _install()
    _install_requests()
    uvicorn.run("app.asgi:app", host=args.host, port=args.port, access_log=not args.no_access_log)


if __name__ == "__main__":
    main()
