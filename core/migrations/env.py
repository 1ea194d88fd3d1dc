"""Alembic environment: the URL comes from settings, the metadata from every package's models.

This script is run by Alembic, not imported by `core`: the tables of every package are
gathered by the app assembly (`app.schema`), which is why it may reach above `core`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.schema import metadata
from core.db import make_engine
from core.settings import get_settings


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(get_settings().database_url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


run_migrations_online()
