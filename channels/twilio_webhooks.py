"""Twilio's webhooks: inbound SMS and WhatsApp messages, and delivery status callbacks.

Each one validates the signature, stores, commits, and only then lets anything else happen,
answering Twilio at once with empty TwiML: replies leave through the outbox by REST, so they
are retried and visible. A retried MessageSid is acknowledged and nothing more.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from channels import inbound
from channels.inbound import StoredMessagesDep
from channels.models import DeliveryStatus, OutboxItem
from channels.signature import verified_form
from core.deps import SessionDep, SettingsDep
from core.models import Channel

log = logging.getLogger(__name__)

router = APIRouter(prefix="/twilio", tags=["twilio"])

EMPTY_TWIML: Final = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
MAX_MEDIA: Final = 10  # Twilio sends at most 10 media items per message

# Callbacks can arrive late and out of order. A status only moves forward, and a final one
# (the message reached the phone, or Twilio gave up on it) is never replaced, except that a
# delivered WhatsApp message can still be read.
_STATUS_RANK: Final[dict[DeliveryStatus, int]] = {
    DeliveryStatus.QUEUED: 0,
    DeliveryStatus.SENDING: 0,
    DeliveryStatus.SENT: 1,
    DeliveryStatus.UNDELIVERED: 2,
    DeliveryStatus.FAILED: 2,
    DeliveryStatus.DELIVERED: 2,
    DeliveryStatus.READ: 3,
    DeliveryStatus.DEAD: 3,
}
_FINAL: Final = frozenset(
    {DeliveryStatus.UNDELIVERED, DeliveryStatus.FAILED, DeliveryStatus.DELIVERED}
)


def status_may_change(current: DeliveryStatus, reported: DeliveryStatus) -> bool:
    """Whether a reported status may replace the recorded one."""
    if current in _FINAL:
        return current == DeliveryStatus.DELIVERED and reported == DeliveryStatus.READ
    return _STATUS_RANK[reported] >= _STATUS_RANK[current]


_CALLBACK_STATUSES: Final = {"sent", "delivered", "undelivered", "failed", "read"}


def _twiml() -> Response:
    return Response(content=EMPTY_TWIML, media_type="text/xml")


@router.post("/sms")
async def receive_sms(
    request: Request, session: SessionDep, settings: SettingsDep, queue: StoredMessagesDep
) -> Response:
    return await _receive(request, session, settings, queue, Channel.SMS)


@router.post("/whatsapp")
async def receive_whatsapp(
    request: Request, session: SessionDep, settings: SettingsDep, queue: StoredMessagesDep
) -> Response:
    return await _receive(request, session, settings, queue, Channel.WHATSAPP)


async def _receive(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    queue: StoredMessagesDep,
    channel: Channel,
) -> Response:
    form = await verified_form(request, settings)
    message = parse_inbound(form, channel)
    if message is None:
        log.warning("twilio inbound without sid or sender", extra={"channel": channel.value})
        return Response(status_code=400)
    try:
        stored = inbound.store(session, request.app.state.vault, message)
        session.commit()
    except IntegrityError:  # the same MessageSid stored by a concurrent request
        session.rollback()
        stored = None
    if stored is None:
        log.info("twilio retry acknowledged", extra={"channel": channel.value})
        return _twiml()
    log.info("inbound stored", extra={"message_id": stored.id, "channel": channel.value})
    queue.enqueue(stored.id, stored.body)
    return _twiml()


def parse_inbound(form: dict[str, str], channel: Channel) -> inbound.InboundMessage | None:
    """Twilio's form fields as an inbound message; ProfileName is deliberately dropped."""
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    address = form.get("From", "").removeprefix("whatsapp:").strip()
    if not sid or not address:
        return None
    return inbound.InboundMessage(
        channel=channel,
        address=address,
        provider_sid=sid,
        body=form.get("Body", ""),
        media=_media(form),
    )


def _media(form: dict[str, str]) -> list[dict[str, Any]]:
    """Media as metadata only (type and Twilio URL); a shared location as coordinates."""
    items: list[dict[str, Any]] = []
    try:
        count = min(int(form.get("NumMedia", "0") or 0), MAX_MEDIA)
    except ValueError:
        count = 0
    for index in range(count):
        content_type = form.get(f"MediaContentType{index}", "")
        kind = "sticker" if content_type == "image/webp" else content_type.partition("/")[0]
        items.append(
            {"kind": kind, "content_type": content_type, "url": form.get(f"MediaUrl{index}", "")}
        )
    if form.get("Latitude") and form.get("Longitude"):
        items.append(
            {
                "kind": "location",
                "latitude": form["Latitude"],
                "longitude": form["Longitude"],
                "label": form.get("Label", ""),
                "address": form.get("Address", ""),
            }
        )
    return items


@router.post("/status")
async def delivery_status(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Twilio's status callback: move the outbox item on; unknown sids are acknowledged."""
    form = await verified_form(request, settings)
    sid = form.get("MessageSid", "")
    reported = form.get("MessageStatus", "")
    if not sid or reported not in _CALLBACK_STATUSES:
        return Response(status_code=200)
    item = session.scalar(select(OutboxItem).where(OutboxItem.provider_sid == sid))
    if item is None:
        return Response(status_code=200)
    status = DeliveryStatus(reported)
    if status_may_change(item.status, status):
        item.status = status
        if form.get("ErrorCode"):
            item.last_error = f"twilio code {form['ErrorCode']}"
        session.commit()
    log.info("delivery status", extra={"outbox_id": item.id, "status": reported})
    return Response(status_code=200)
