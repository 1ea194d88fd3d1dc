"""Bring a database to the newest schema; used by `make migrate`, start-up and tests."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from core.settings import REPO_ROOT


def alembic_config() -> Config:
    return Config(str(REPO_ROOT / "alembic.ini"))


# Any fixed number: the PostgreSQL advisory lock that lets one replica migrate at a time.
MIGRATION_LOCK = 7_350_221


def upgrade(engine: Engine, revision: str = "head") -> None:
    """SQLite migrations rebuild tables, so foreign keys are off while they run. On
    PostgreSQL replicas that start together take turns (a transaction-level advisory lock),
    so the second finds the schema already migrated instead of creating it twice."""
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, where SQLite honours it
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                    )
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


if __name__ == "__main__":
    from core.db import make_engine
    from core.settings import get_settings

    upgrade(make_engine(get_settings().database_url))
