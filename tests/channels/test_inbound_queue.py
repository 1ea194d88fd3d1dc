"""A webhook stores the message and hands its id to the stored-message queue; nothing more.

The queue on `app.state.stored_messages` is whatever implements
`channels.inbound.StoredMessageQueue`; here a recorder stands in for the conversations worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from channels.inbound import Outcome
from core.models import Message
from tests.harness import Enlace, new_phone, new_sid


@dataclass
class RecordingQueue:
    enqueued: list[int] = field(default_factory=list)

    def enqueue(self, message_id: int, body: str | None = None) -> None:
        self.enqueued.append(message_id)

    async def outcome(self, message_id: int) -> Outcome:
        raise AssertionError("a webhook never waits for an answer")

    async def drain(self) -> None:
        """The harness drains the queue after each message; nothing runs here."""


def test_a_webhook_hands_the_stored_id_to_the_queue_and_answers_nothing(enlace: Enlace) -> None:
    worker = enlace.app.state.stored_messages
    queue = RecordingQueue()
    enlace.app.state.stored_messages = queue
    try:
        phone, sid = new_phone(), new_sid()
        response = enlace.receive(phone, "hola", sid=sid)
    finally:
        enlace.app.state.stored_messages = worker
    assert response.status_code == 200
    with enlace.factory() as session:
        stored = session.scalar(select(Message).where(Message.provider_sid == sid))
        assert stored is not None
        assert queue.enqueued == [stored.id]
        assert [m.direction.value for m in enlace.messages(session, phone)] == ["in"]
    assert enlace.replies_to(phone) == []
    assert enlace.rasa.messages == []
