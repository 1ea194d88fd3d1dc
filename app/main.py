"""Assemble the app: settings, database, knowledge, Rasa client, workers and every router.

Assembly sits above every package: it is the one place that knows both the channels (which
store a message and hand its id to `app.state.stored_messages`) and the conversations
worker that implements that queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from actions.endpoint import build_executor
from actions.endpoint import router as actions_router
from actions.knowledge_access import load_library
from admin import router as admin_router
from app.health import router as health_router
from channels.inbound import StoredMessageQueue
from channels.outbox import Pacer, RepliesQueued, run_outbox
from channels.senders import make_sender
from channels.simulator import router as simulator_router
from channels.twilio_webhooks import router as twilio_router
from conversations import (
    Dialogue,
    LanguageChooser,
    RasaClient,
    UrgencyRule,
    Worker,
    load_places,
)
from core import migrate
from core.crypto import PhoneVault
from core.db import make_engine, make_session_factory
from core.logging import configure_logging
from core.settings import Settings, get_settings


def create_app(settings: Settings | None = None, *, run_workers: bool = True) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging()
        engine = make_engine(settings.database_url)
        if settings.auto_migrate:
            migrate.upgrade(engine)
        factory = make_session_factory(engine)
        library = load_library(settings.knowledge_path)
        await asyncio.to_thread(load_places)
        rasa = RasaClient(
            settings.rasa_url, settings.rasa_token.get_secret_value(), settings.rasa_timeout_seconds
        )
        vault = PhoneVault(
            settings.data_key.get_secret_value(), settings.lookup_key.get_secret_value()
        )
        urgent = frozenset(t.id for t in library.kb.topics.values() if t.urgent)
        urgency = UrgencyRule(
            urgent,
            settings.nlu_confidence_threshold,
            settings.urgency_threshold,
            decide_threshold=settings.urgency_decide_threshold,
            pattern_floor=settings.urgency_pattern_floor,
        )
        languages = await asyncio.to_thread(LanguageChooser, preload=True)
        dialogue = Dialogue(
            factory,
            rasa,
            languages,
            urgency,
            library.kb,
            usual_wait_hours=settings.handover_usual_hours,
        )
        replies_queued = RepliesQueued()
        worker = Worker(
            factory,
            dialogue,
            lease=timedelta(seconds=settings.processing_lease_seconds),
            poll_seconds=settings.worker_poll_seconds,
            replies_queued=replies_queued,
        )
        stored_messages: StoredMessageQueue = worker  # the seam, checked by mypy
        sender = make_sender(settings)
        state = app.state
        state.settings, state.session_factory, state.library = settings, factory, library
        state.rasa, state.vault, state.stored_messages = rasa, vault, stored_messages
        state.sender_kind, state.sender = settings.sender_kind, sender
        state.action_executor = build_executor(library)
        workers: list[asyncio.Task[None]] = []
        if run_workers:
            workers.append(asyncio.create_task(worker.serve()))
            workers.append(
                asyncio.create_task(
                    run_outbox(
                        factory,
                        sender,
                        vault,
                        settings.outbox_max_attempts,
                        settings.outbox_poll_seconds,
                        Pacer(settings.sms_per_second if settings.sender_kind == "twilio" else 0),
                        replies_queued,
                    )
                )
            )
        # What start-up loaded (the knowledge base, place names, language models) lives as
        # long as the app: kept out of the cycle collector's reach, a full collection no
        # longer walks it, which took 65-120 ms of the event loop every time it ran.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()  # an app stopped inside a longer process (tests) can be collected
            for task in workers:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await worker.stop()
            await rasa.aclose()
            engine.dispose()

    # The OpenAPI schema and its pages (/docs, /redoc) document the admin's JSON API for
    # developers; production does not publish them.
    published = settings.environment != "production"
    app = FastAPI(
        title="Enlace",
        description="The consular queue's JSON API (`/admin/api/v1`) and the app's webhooks.",
        lifespan=lifespan,
        openapi_url="/openapi.json" if published else None,
        docs_url="/docs" if published else None,
        redoc_url="/redoc" if published else None,
    )
    app.include_router(health_router)
    app.include_router(actions_router)
    app.include_router(simulator_router)
    app.include_router(twilio_router)
    app.include_router(admin_router)
    return app
