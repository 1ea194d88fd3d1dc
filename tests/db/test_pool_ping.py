"""Pooled PostgreSQL connections are pinged only after sitting idle (core/db.py), and one
found dead then is replaced before the app uses it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text

from core.db import ping_when_idle


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = create_engine(postgres_url, pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_seconds=0.2)
    yield engine
    engine.dispose()


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_only_a_connection_idle_longer_than_the_limit_is_pinged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[object] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    first = _backend_pid(engine)
    assert _backend_pid(engine) == first
    assert pings == []  # back a moment ago: used as it is
    time.sleep(0.3)
    assert _backend_pid(engine) == first
    assert len(pings) == 1


def test_a_connection_killed_while_idle_is_replaced_before_use(
    engine: Engine, postgres_url: str
) -> None:
    first = _backend_pid(engine)
    with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    time.sleep(0.3)  # longer than idle_seconds: the next checkout pings, finds it dead
    replaced = _backend_pid(engine)
    assert replaced != first
