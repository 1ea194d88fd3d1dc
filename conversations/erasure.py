"""DELETE / BORRAR: erase everything Enlace holds about one person, and still tell them so.

The confirmation cannot be an ordinary reply: that would point at a message being erased.
It leaves as an outbox row of its own that carries the encrypted address and the text, and
the outbox blanks both as soon as the provider has it (or gives up), so nothing is left.
Rasa's tracker of the erased conversations is keyed by opaque ids only; it holds no number.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from channels.formatting import render
from channels.models import OutboxItem
from core.models import Case, CaseNote, Channel, Conversation, Message, Person

log = logging.getLogger(__name__)


def erase_person(session: Session, person: Person, channel: Channel, confirmation: str) -> None:
    """Queue the confirmation, then delete the person, their conversations, messages, cases
    and queued replies. Rows are deleted explicitly, children first, so the outcome does not
    depend on each database enforcing ON DELETE CASCADE."""
    for body in render(confirmation, channel):
        session.add(
            OutboxItem(
                message_id=None,
                channel=channel,
                address_encrypted=person.address_encrypted,
                body=body,
                bypass_opt_out=True,
            )
        )
    session.flush()
    person_id = person.id
    no_sync = {"synchronize_session": False}
    conversations = select(Conversation.id).where(Conversation.person_id == person_id)
    messages = select(Message.id).where(Message.conversation_id.in_(conversations))
    statements = (
        delete(OutboxItem).where(OutboxItem.message_id.in_(messages)),
        delete(CaseNote).where(
            CaseNote.case_id.in_(select(Case.id).where(Case.conversation_id.in_(conversations)))
        ),
        delete(Case).where(Case.conversation_id.in_(conversations)),
        delete(Message).where(Message.conversation_id.in_(conversations)),
        delete(Conversation).where(Conversation.person_id == person_id),
        delete(Person).where(Person.id == person_id),
    )
    for statement in statements:
        session.execute(statement, execution_options=no_sync)
    session.expunge_all()  # loaded objects describe rows that no longer exist
    log.info("person erased", extra={"person_id": person_id})
