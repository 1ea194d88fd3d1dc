"""Process stored inbound messages in the background, and pick up any a crash left behind.

`Processor` is the conversations side of `channels.inbound.StoredMessageQueue`: webhooks
answer Twilio at once and hand it the id of the committed message; the turn runs here.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from conversations.pipeline import Dialogue, TurnResult
from core.models import Direction, Message, ProcessingState

log = logging.getLogger(__name__)


class ProcessingFailed(Exception):
    """The turn of a stored message raised; it stays stored, unanswered, for a later retry."""


class Processor:
    """Webhooks answer Twilio at once; the turn runs here, after the message is committed."""

    def __init__(self, dialogue: Dialogue, concurrency: int = 8) -> None:
        self._dialogue = dialogue
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: dict[int, asyncio.Task[TurnResult | None]] = {}

    def enqueue(self, message_id: int) -> None:
        if message_id in self._tasks:  # already on its way
            return
        task = asyncio.create_task(self._run(message_id))
        self._tasks[message_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(message_id, None))

    async def outcome(self, message_id: int) -> TurnResult:
        """How the message was answered, once its turn has run (at once if it already had)."""
        task = self._tasks.get(message_id)
        result = await asyncio.shield(task) if task is not None else None
        if result is None:
            # Not in flight here: its turn ran before (the stored result comes back), or
            # it failed.
            if task is not None:
                raise ProcessingFailed(f"message {message_id}")
            result = await self._dialogue.handle(message_id)
        return result

    async def _run(self, message_id: int) -> TurnResult | None:
        async with self._slots:
            try:
                return await self._dialogue.handle(message_id)
            except Exception:
                log.exception("processing failed", extra={"message_id": message_id})
                return None

    def resume_unprocessed(self, factory: sessionmaker[Session]) -> int:
        """Messages stored but never processed (a crash, a restart) are processed now."""
        with factory() as session:
            ids = list(
                session.scalars(
                    select(Message.id).where(
                        Message.direction == Direction.INBOUND,
                        Message.state == ProcessingState.RECEIVED,
                    )
                )
            )
        for message_id in ids:
            self.enqueue(message_id)
        return len(ids)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)
