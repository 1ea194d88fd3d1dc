"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.schema import metadata
from channels.inbound import InboundMessage, store
from core.crypto import PhoneVault
from core.models import Channel, Message, Person


def test_the_migrated_database_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_stored_number_is_encrypted_and_found_by_its_hash(
    session: Session, vault: PhoneVault
) -> None:
    store(session, vault, InboundMessage(Channel.SMS, "+15550109999", "SMschema1", "hola"))
    person = session.scalar(
        select(Person).where(Person.address_hash == vault.lookup_hash("+15550109999"))
    )
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


def test_upgrading_a_database_with_data_keeps_every_row(
    database_url: str, tmp_path: object
) -> None:
    """A migration that rebuilds tables (SQLite) must not lose stored messages."""
    from sqlalchemy import text

    from core import migrate
    from core.db import make_engine
    from tests.conftest import TEST_KEYS

    url = f"sqlite:///{tmp_path}/upgrade.db" if database_url.startswith("sqlite") else database_url
    engine = make_engine(url)
    vault = PhoneVault(TEST_KEYS["data_key"], TEST_KEYS["lookup_key"])
    if url == database_url:  # PostgreSQL: a fresh schema inside the shared server
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS upgrade_test CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA upgrade_test")
        engine.dispose()
        engine = make_engine(url + "?options=-csearch_path%3Dupgrade_test")
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:  # rows as the first schema stored them
        connection.execute(
            text(
                "INSERT INTO people (id, address_hash, address_encrypted, opted_out, created_at)"
                " VALUES (1, :hash, :secret, false, CURRENT_TIMESTAMP)"
            ),
            {"hash": vault.lookup_hash("+15550107777"), "secret": vault.encrypt("+15550107777")},
        )
        connection.execute(
            text(
                "INSERT INTO conversations (id, public_id, person_id, channel, status, urgent,"
                " created_at, updated_at) VALUES (1, 'c1', 1, 'sms', 'bot', false,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO messages (id, conversation_id, direction, author, provider_sid, body,"
                " media, state, urgent, escalated, created_at) VALUES (1, 1, 'in', 'person',"
                " 'SMupgrade', 'hola', '[]', 'processed', false, false, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO outbox (id, message_id, status, attempts,"
                " next_attempt_at, created_at, updated_at) VALUES (1, 1,"
                " 'sent', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM people")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 1
    engine.dispose()
