"""Upgrading to 0012 on SQLite and PostgreSQL: consulates get the places they serve as ISO
codes when their text already named codes, open cases keep their rows with nothing asked yet,
and the downgrade takes the columns away again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from core import migrate
from core.db import make_engine
from core.models import Case, Consulate, Person


@pytest.fixture
def database_at_0011(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """A database at the schema before routing by place, in a file or a schema of its own."""
    if database_url.startswith("sqlite"):
        engine = make_engine(f"sqlite:///{tmp_path}/routing.db")
    else:
        shared = make_engine(database_url)
        with shared.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS routing_test CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA routing_test")
        shared.dispose()
        engine = make_engine(database_url + "?options=-csearch_path%3Drouting_test")
    migrate.upgrade(engine, "0011")
    yield engine
    engine.dispose()


ROWS = [
    "INSERT INTO consulates (id, name, country, serves, takes_unrouted,"
    " first_response_target_minutes) VALUES"
    " (1, 'Houston', 'MX', 'US-TX, us-ok', false, 30),"
    " (2, 'Madrid', 'EC', 'Madrid y Castilla-La Mancha', false, 30),"
    " (3, 'Demo', 'MX', '', true, 30)",
    "INSERT INTO people (id, address_hash, address_encrypted, opted_out, created_at,"
    " country_origin, country_destination) VALUES (1, 'h1', :secret, false, :t0, 'MX', 'US')",
    "INSERT INTO conversations (id, public_id, person_id, channel, status, created_at,"
    " updated_at) VALUES (1, 'c1', 1, 'sms', 'queued', :t0, :t0)",
    "INSERT INTO cases (id, conversation_id, consulate_id, status, priority, reason, notes,"
    " opened_at, safe_contact) VALUES (1, 1, 3, 'open', 100, 'urgent', '', :t0, 'unknown')",
]


def test_the_upgrade_reads_iso_codes_from_serves_and_keeps_every_case(
    database_at_0011: Engine,
) -> None:
    engine = database_at_0011
    moment = (
        "2026-11-20 12:00:00.000000" if engine.dialect.name == "sqlite" else "2026-11-20 12:00+00"
    )
    with engine.begin() as connection:
        for row in ROWS:
            values = {"secret": b"x", "t0": moment}
            connection.execute(text(row), {k: v for k, v in values.items() if f":{k}" in row})
    migrate.upgrade(engine)
    with Session(engine) as session:
        houston, madrid, demo = (session.get_one(Consulate, i) for i in (1, 2, 3))
        assert houston.places == ["US-TX", "US-OK"]
        assert houston.serves == "US-TX, us-ok"  # the text stays, for display
        assert madrid.places == []  # free text: an admin sets the codes
        assert madrid.serves == "Madrid y Castilla-La Mancha"
        assert demo.places == []
        case = session.get_one(Case, 1)
        assert (case.consulate_id, case.asked, case.screening) == (3, [], None)
        person = session.get_one(Person, 1)
        assert (person.country_destination, person.region_destination) == ("US", None)


def test_the_downgrade_removes_the_new_columns(database_at_0011: Engine) -> None:
    engine = database_at_0011
    migrate.upgrade(engine)
    _downgrade(engine, "0011")
    columns = inspect(engine)
    assert "places" not in {c["name"] for c in columns.get_columns("consulates")}
    assert "region_destination" not in {c["name"] for c in columns.get_columns("people")}
    assert not {"asked", "screening"} & {c["name"] for c in columns.get_columns("cases")}


def _downgrade(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # tables are rebuilt, as in migrate.upgrade
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
