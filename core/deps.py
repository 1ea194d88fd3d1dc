"""FastAPI dependencies every router uses.

They are `async def` although none awaits: FastAPI runs a plain `def` dependency in its
thread pool, a hop to a thread and back for each (a generator's exit is another), and a
thread that wants the interpreter while the event loop runs waits for it, up to the 5 ms
switch interval; for what takes microseconds here. The session is opened on the loop (no
query yet); a `def` endpoint still uses it in its own thread, one step after another.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from core.settings import Settings


async def _session(request: Request) -> AsyncIterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(_session)]
SettingsDep = Annotated[Settings, Depends(_settings)]
