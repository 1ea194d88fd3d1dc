"""Process stored inbound messages in the background, and pick up any a crash left behind."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from channels.dialogue import Dialogue
from channels.outbox import deliver_due
from channels.senders import Sender
from core.crypto import PhoneVault
from core.models import Direction, Message, ProcessingState

log = logging.getLogger(__name__)


class Processor:
    """Webhooks answer Twilio at once; the turn runs here, after the message is committed."""

    def __init__(self, dialogue: Dialogue, concurrency: int = 8) -> None:
        self._dialogue = dialogue
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()

    def enqueue(self, message_id: int) -> None:
        task = asyncio.create_task(self._run(message_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, message_id: int) -> None:
        async with self._slots:
            try:
                await self._dialogue.handle(message_id)
            except Exception:
                log.exception("processing failed", extra={"message_id": message_id})

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
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def run_outbox(
    factory: sessionmaker[Session],
    sender: Sender,
    vault: PhoneVault,
    max_attempts: int,
    poll_seconds: float,
) -> None:
    """Deliver forever; one failing pass never stops the loop."""
    while True:
        try:
            await deliver_due(factory, sender, vault, max_attempts)
        except Exception:
            log.exception("outbox pass failed")
        await asyncio.sleep(poll_seconds)
