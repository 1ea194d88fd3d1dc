"""Upgrading a database with cases fills in when each got its first human reply, on SQLite
and PostgreSQL, and gives every consulate the default target."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from core import migrate
from core.db import make_engine
from core.models import Case, Consulate


@pytest.fixture
def old_database(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """A database at the schema before the clock (0005), in a file or a schema of its own."""
    if database_url.startswith("sqlite"):
        engine = make_engine(f"sqlite:///{tmp_path}/clock.db")
    else:
        shared = make_engine(database_url)
        with shared.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS clock_test CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA clock_test")
        shared.dispose()
        engine = make_engine(database_url + "?options=-csearch_path%3Dclock_test")
    migrate.upgrade(engine, "0005")
    yield engine
    engine.dispose()


def _at(engine: Engine, minute: int) -> str:
    """A moment as each database stores it (SQLAlchemy writes SQLite's as naive UTC text)."""
    if engine.dialect.name == "sqlite":
        return f"2026-11-20 12:{minute:02d}:00.000000"
    return f"2026-11-20 12:{minute:02d}:00+00"


def test_the_upgrade_fills_in_the_first_officer_reply_of_each_open_or_closed_case(
    old_database: Engine,
) -> None:
    engine = old_database
    rows = [
        "INSERT INTO consulates (id, name, country, serves, takes_unrouted)"
        " VALUES (1, 'Consulado', 'GT', '', false)",
        "INSERT INTO people (id, address_hash, address_encrypted, opted_out, created_at)"
        " VALUES (1, 'h1', :secret, false, :t0)",
        "INSERT INTO conversations (id, public_id, person_id, channel, status, created_at,"
        " updated_at) VALUES (1, 'c1', 1, 'sms', 'with_officer', :t0, :t0)",
        # An officer's reply before the case, two while it was open, none to the next case.
        "INSERT INTO messages (id, conversation_id, direction, author, body, media, state,"
        " urgent, escalated, claims, created_at) VALUES"
        " (1, 1, 'out', 'officer', 'antes', '[]', 'processed', false, false, 0, :t0),"
        " (2, 1, 'out', 'officer', 'hola', '[]', 'processed', false, false, 0, :t7),"
        " (3, 1, 'out', 'officer', 'otra', '[]', 'processed', false, false, 0, :t8)",
        "INSERT INTO cases (id, conversation_id, consulate_id, status, priority, reason, notes,"
        " opened_at, closed_at) VALUES (1, 1, 1, 'closed', 10, 'human_agent', '', :t1, :t8),"
        " (2, 1, 1, 'open', 10, 'human_agent', '', :t9, NULL)",
    ]
    values = {
        "secret": b"x",
        "t0": _at(engine, 0),
        "t1": _at(engine, 1),
        "t7": _at(engine, 7),
        "t8": _at(engine, 8),
        "t9": _at(engine, 9),
    }
    with engine.begin() as connection:
        for row in rows:
            connection.execute(text(row), {k: v for k, v in values.items() if f":{k}" in row})
    migrate.upgrade(engine)
    with Session(engine) as session:
        answered, later = session.get(Case, 1), session.get(Case, 2)
        consulate = session.get(Consulate, 1)
        assert answered is not None
        assert later is not None
        assert consulate is not None
        first = answered.first_response_at
        assert first is not None
        seven_past = datetime(2026, 11, 20, 12, 7, tzinfo=UTC)
        assert first.replace(tzinfo=first.tzinfo or UTC) == seven_past
        assert later.first_response_at is None
        assert consulate.first_response_target_minutes == 30
