"""A local phone: chat with the assistant through the same path a Twilio message takes.

Everything after the signature check is shared with the Twilio webhooks: the message is
stored first, handed to the same queue of stored messages, and replies leave through the
outbox. The page then waits for that queue to say how the message was answered. Off in
production.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy import select

from channels import inbound
from channels.inbound import StoredMessagesDep
from channels.models import OutboxItem
from core.deps import SessionDep, SettingsDep
from core.models import Channel, Conversation, Message, Person
from core.segments import count_segments

router = APIRouter(prefix="/simulator", tags=["simulator"])
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

PHONE_PATTERN = r"^\+[1-9][0-9]{7,14}$"


class SimulatedMessage(BaseModel):
    channel: Literal["sms", "whatsapp"] = "sms"
    phone: str = Field(pattern=PHONE_PATTERN)
    text: str = Field(default="", max_length=1600)


class SimulatedTurn(BaseModel):
    message_id: int
    language: str | None
    topic: str | None
    confidence: float | None
    urgent: bool
    escalated: bool
    article_id: str | None
    replies: list[str]
    reply: str
    sms_segments: int
    latency_ms: float
    # Only the urgency classifier read danger: the answer ends with the URGENT offer.
    possible_danger: bool = False


class ThreadMessage(BaseModel):
    id: int
    direction: str
    author: str
    body: str
    delivery: str | None
    topic: str | None


def _require_enabled(settings: SettingsDep) -> None:
    if settings.environment == "production":
        raise HTTPException(status_code=404)


@router.get("", response_class=HTMLResponse)
async def simulator_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    _require_enabled(settings)
    return templates.TemplateResponse(request, "simulator.html", {})


@router.post("/api/messages")
async def send_message(
    payload: SimulatedMessage,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    queue: StoredMessagesDep,
) -> SimulatedTurn:
    _require_enabled(settings)
    started = time.perf_counter()
    message = inbound.store(
        session,
        request.app.state.vault,
        inbound.InboundMessage(
            channel=Channel(payload.channel),
            address=payload.phone,
            provider_sid=f"SIM{uuid.uuid4().hex}",
            body=payload.text,
        ),
    )
    if message is None:  # cannot happen with a fresh id, but never answer twice
        raise HTTPException(status_code=409, detail="duplicate message")
    session.commit()
    queue.enqueue(message.id, message.body)
    result = await queue.outcome(message.id)
    replies = list(result.replies)
    return SimulatedTurn(
        message_id=result.message_id,
        language=result.language,
        topic=result.topic,
        confidence=result.confidence,
        urgent=result.urgent,
        escalated=result.escalated,
        article_id=result.article_id,
        replies=replies,
        reply="\n\n".join(replies),
        sms_segments=sum(count_segments(r) for r in replies),
        latency_ms=round((time.perf_counter() - started) * 1000, 1),
        possible_danger=result.possible_danger,
    )


@router.get("/api/messages")
async def thread(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    phone: Annotated[str, Query(pattern=PHONE_PATTERN)],
    channel: Literal["sms", "whatsapp"] = "sms",
) -> list[ThreadMessage]:
    _require_enabled(settings)
    digest = request.app.state.vault.lookup_hash(phone)
    rows = session.execute(
        select(Message, OutboxItem.status)
        .join(Conversation, Message.conversation_id == Conversation.id)
        .join(Person, Conversation.person_id == Person.id)
        .outerjoin(OutboxItem, OutboxItem.message_id == Message.id)
        .where(Person.address_hash == digest, Conversation.channel == Channel(channel))
        .order_by(Message.id)
    )
    return [
        ThreadMessage(
            id=m.id,
            direction=m.direction.value,
            author=m.author.value,
            body=m.body,
            delivery=status.value if status else None,
            topic=m.topic,
        )
        for m, status in rows
    ]
