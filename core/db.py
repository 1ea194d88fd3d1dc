"""Database engine and sessions: SQLite by default, PostgreSQL in production and tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# A pooled connection unused for longer than this is checked with a round trip before use.
IDLE_PING_SECONDS: Final = 5.0


class Base(DeclarativeBase):
    """Every table of the app, whichever package defines it."""


def make_engine(url: str) -> Engine:
    """SQLite gets WAL, foreign keys and real transactions (DDL included), like PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # pysqlite's own transaction handling skips DDL; SQLAlchemy emits BEGIN instead.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL syncs at checkpoints, not at every commit: a commit survives the
            # app's crash (the embedded default's risk); only the machine's power loss may undo
            # the last ones. PostgreSQL, for production, keeps its own full durability.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection):  # type: ignore[no-untyped-def]
            connection.exec_driver_sql("BEGIN")

        return engine
    engine = create_engine(url)
    ping_when_idle(engine, IDLE_PING_SECONDS)
    return engine


def ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """SQLAlchemy's `pool_pre_ping`, for the connections that sat in the pool.

    A turn checks out a connection five to ten times (webhook, claim, the turn's sessions,
    the outbox), each a few milliseconds after the last; a ping before every one was a round
    trip each, on the event loop. A connection back within `idle_seconds` is used as is, one
    that sat longer (where a database restart or a dropped connection hides) is pinged, and
    when the ping fails the pool replaces it (SQLAlchemy's `DisconnectionError` recipe). A
    restart within those seconds fails one statement, after which SQLAlchemy drops the pool.
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < idle_seconds:
            return  # just connected, or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("stale pooled connection") from error


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back otherwise."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
