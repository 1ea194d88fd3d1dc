"""The processing worker: stored inbound messages are claimed from the database and answered.

Webhooks and the simulator only store a message and say so (`enqueue`); whichever app
replica's worker is free claims it. A claim is a compare-and-set on the message row (its
state and a fresh token), taken only when no earlier message of the same conversation is
unfinished: one message per conversation is in flight, and a conversation's messages are
answered in the order they arrived, across replicas too (PostgreSQL also skips rows another
replica holds locked while it claims). A claim is a lease: when a process dies mid-turn the
message is claimed again once the lease has run out, and the pipeline records a turn only
while it still holds the claim, so nothing is lost and nothing is answered twice. This is
the split of RapidPro's courier (stores) and mailroom (decides), inside one app.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    DateTime,
    Select,
    bindparam,
    exists,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, aliased, sessionmaker

from channels import RepliesQueued
from conversations.pipeline import Claim, Dialogue, EarlyReading, TurnResult, stored_result
from core.models import UNFINISHED_INBOUND, Direction, Message, ProcessingState, utcnow

log = logging.getLogger(__name__)

MAX_CLAIMS: Final = 3  # a turn that outlived its lease this often is given up (FAILED)
UNFINISHED: Final = (ProcessingState.RECEIVED, ProcessingState.PROCESSING)
# Texts read ahead of their turn at once, turns running included: enough for messages that
# arrive while the worker is idle or nearly, none while turns queue up (a burst), when a
# reading would wait for its turn anyway and only cost Rasa a request of its own.
READ_AHEAD_SLOTS: Final = 4
# A reading ahead whose message this worker has not claimed by then (another replica did)
# is dropped.
READ_AHEAD_SECONDS: Final = 30.0


def _claimable(now: datetime | BindParameter[datetime]) -> ColumnElement[bool]:
    return (Message.state == ProcessingState.RECEIVED) | (
        (Message.state == ProcessingState.PROCESSING) & (Message.lease_until <= now)
    )


def _oldest_claimable() -> Select[int]:
    """Claimable messages, each the oldest unfinished one of its conversation: built once,
    run with the time and how many the worker can take (`now`, `limit`)."""
    earlier = aliased(Message)
    blocked = exists().where(
        earlier.conversation_id == Message.conversation_id,
        earlier.direction == Direction.INBOUND,
        earlier.id < Message.id,
        earlier.state.in_(UNFINISHED),
    )
    return (
        select(Message.id)
        .where(
            text(UNFINISHED_INBOUND),
            _claimable(bindparam("now", type_=DateTime(timezone=True))),
            ~blocked,
        )
        .order_by(Message.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True, of=Message)
    )


OLDEST_CLAIMABLE: Final = _oldest_claimable()


def claim_next(session: Session, limit: int, lease: timedelta) -> list[Claim]:
    """Claim up to `limit` messages, each the oldest unfinished one of its conversation."""
    now = utcnow()
    candidates = session.scalars(OLDEST_CLAIMABLE, {"now": now, "limit": limit}).all()
    claims = [claim for m in candidates if (claim := take(session, m, lease, now)) is not None]
    session.commit()
    return claims


def take(session: Session, message_id: int, lease: timedelta, now: datetime) -> Claim | None:
    """Claim one message if it is still claimable: the compare-and-set that keeps two workers
    (or replicas whose reads raced) from both owning it. The caller commits."""
    token = uuid.uuid4().hex
    taken = session.execute(
        update(Message)
        .where(Message.id == message_id, _claimable(now))
        .values(
            state=ProcessingState.PROCESSING,
            claim_token=token,
            lease_until=now + lease,
            claims=Message.claims + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return Claim(message_id, token) if getattr(taken, "rowcount", 0) == 1 else None


def give_up_on_repeated_failures(session: Session) -> int:
    """Messages whose turns outlived their lease MAX_CLAIMS times (a turn that crashes the
    process) stop blocking their conversation; they stay stored and visible as FAILED."""
    now = utcnow()
    result = session.execute(
        update(Message)
        .where(
            Message.state == ProcessingState.PROCESSING,
            Message.lease_until <= now,
            Message.claims >= MAX_CLAIMS,
        )
        .values(state=ProcessingState.FAILED, claim_token=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    failed: int = getattr(result, "rowcount", 0)
    if failed:
        log.error("messages given up after repeated failed turns", extra={"count": failed})
    return failed


class Worker:
    """Claims and answers stored messages; the conversations side of StoredMessageQueue."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        dialogue: Dialogue,
        *,
        lease: timedelta,
        poll_seconds: float,
        concurrency: int = 8,
        replies_queued: RepliesQueued | None = None,
    ) -> None:
        self._factory = factory
        self._dialogue = dialogue
        self._lease = lease
        self._poll = poll_seconds
        self._concurrency = concurrency
        self._wake = asyncio.Event()
        self._waiting: dict[int, list[asyncio.Future[TurnResult]]] = {}
        self._replies_queued = replies_queued
        self._running: set[asyncio.Task[Any]] = set()
        self._ahead: dict[int, tuple[EarlyReading, float]] = {}
        self._serving = False

    @property
    def serving(self) -> bool:
        """Whether `serve` runs: claiming as messages come, rather than drained by a caller."""
        return self._serving

    def enqueue(self, message_id: int, body: str | None = None) -> None:
        """A message was stored: look for work now rather than at the next poll, and when
        the worker is nearly idle, have Rasa read its text while it is claimed."""
        self._wake.set()
        if body is not None and self._serving:
            self._read_ahead(message_id, body)

    def _read_ahead(self, message_id: int, body: str) -> None:
        now = time.monotonic()
        for stale in [m for m, (_, at) in self._ahead.items() if now - at > READ_AHEAD_SECONDS]:
            self._ahead.pop(stale)[0].task.cancel()
        if len(self._running) + len(self._ahead) < READ_AHEAD_SLOTS:
            self._ahead[message_id] = (self._dialogue.read_ahead(body), now)

    async def outcome(self, message_id: int) -> TurnResult:
        """How the message was answered, once any replica's worker has answered it.

        A turn this process answers is handed over as it ends; the database is read again
        only at each poll, for a turn another replica took."""
        while True:
            with self._factory() as session:
                message = session.get(Message, message_id)
                if message is None:
                    raise LookupError(f"message {message_id} not found")
                if message.state in (ProcessingState.PROCESSED, ProcessingState.FAILED):
                    return stored_result(session, message)
            if not self._serving:
                await self.drain()  # no loop runs here (tests, tools): answer it now
                continue
            answered = asyncio.get_running_loop().create_future()
            self._waiting.setdefault(message_id, []).append(answered)
            try:
                return await asyncio.wait_for(asyncio.shield(answered), timeout=self._poll)
            except TimeoutError:
                pass
            finally:
                waiting = self._waiting.get(message_id, [])
                if answered in waiting:
                    waiting.remove(answered)
                if not waiting:
                    self._waiting.pop(message_id, None)

    async def serve(self) -> None:
        """Claim and answer forever; one failing pass never stops the loop."""
        self._serving = True
        try:
            while True:
                try:
                    started = self._claim_and_start()
                except Exception:
                    log.exception("claiming stored messages failed")
                    started = 0
                if started == 0 or len(self._running) >= self._concurrency:
                    await self._sleep()
        finally:
            self._serving = False

    async def drain(self) -> None:
        """Answer everything claimable, then return (tests and one-off tools)."""
        with self._factory() as session:
            give_up_on_repeated_failures(session)
        while self._claim_and_start() or self._running:
            if self._running:
                await asyncio.wait(set(self._running), return_when=asyncio.FIRST_COMPLETED)

    async def stop(self) -> None:
        for early, _ in self._ahead.values():
            early.task.cancel()
        self._ahead.clear()
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)

    def _claim_and_start(self) -> int:
        free = self._concurrency - len(self._running)
        if free <= 0:
            return 0
        with self._factory() as session:
            claims = claim_next(session, free, self._lease)
        for claim in claims:
            task = asyncio.create_task(self._answer(claim))
            self._running.add(task)
            task.add_done_callback(self._finished)
        return len(claims)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        self._wake.set()

    async def _answer(self, claim: Claim) -> None:
        early, _ = self._ahead.pop(claim.message_id, (None, 0.0))
        try:
            result = await self._dialogue.handle(claim.message_id, claim, early)
        except Exception:
            # The claim stays until its lease runs out; then the message is tried again.
            log.exception("processing failed", extra={"message_id": claim.message_id})
            return
        if self._replies_queued is not None and result.replies:
            self._replies_queued.notify()
        if not result.recorded:
            return  # the claim was lost: whoever holds it now answers, read at the next poll
        for answered in self._waiting.pop(claim.message_id, []):
            if not answered.done():
                answered.set_result(result)

    async def _sleep(self) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        except TimeoutError:  # idle: the moment to sweep turns that keep dying
            with self._factory() as session:
                give_up_on_repeated_failures(session)
        self._wake.clear()
