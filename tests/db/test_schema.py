"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from channels.inbound import InboundMessage, store
from core.crypto import PhoneVault
from core.models import Channel, Message, Person
from core.schema import metadata


def test_the_migrated_database_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_stored_number_is_encrypted_and_found_by_its_hash(
    session: Session, vault: PhoneVault
) -> None:
    store(session, vault, InboundMessage(Channel.SMS, "+15550109999", "SMschema1", "hola"))
    person = session.scalar(select(Person).where(Person.address_hash == vault.lookup_hash("+15550109999")))
    assert person is not None
    assert b"5550109999" not in person.address_encrypted
    assert vault.decrypt(person.address_encrypted) == "+15550109999"


def test_a_message_sid_is_stored_once(session: Session, vault: PhoneVault) -> None:
    first = store(session, vault, InboundMessage(Channel.SMS, "+15550109998", "SMschema2", "hola"))
    again = store(session, vault, InboundMessage(Channel.SMS, "+15550109998", "SMschema2", "hola"))
    assert first is not None
    assert again is None
    count = session.scalars(select(Message).where(Message.provider_sid == "SMschema2")).all()
    assert len(count) == 1
