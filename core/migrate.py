"""Bring a database to the newest schema; used by `make migrate`, start-up and tests."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from core.settings import REPO_ROOT


def alembic_config() -> Config:
    return Config(str(REPO_ROOT / "alembic.ini"))


def upgrade(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


if __name__ == "__main__":
    from core.db import make_engine
    from core.settings import get_settings

    upgrade(make_engine(get_settings().database_url))
