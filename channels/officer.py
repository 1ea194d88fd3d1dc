"""An officer's reply to a person, on the person's channel.

WhatsApp allows free text only within 24 hours of the person's last message; after that
only an approved template goes through (Twilio error 63016). Officers of comparable tools
saw late replies fail silently, so here the app refuses up front with a typed error the
admin can show, or uses the configured template when there is one.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from channels.outbox import enqueue_reply, queue_replies
from core.models import Author, Channel, Conversation, Message
from core.settings import Settings, get_settings

log = logging.getLogger(__name__)

WHATSAPP_WINDOW: Final = timedelta(hours=24)
# Template plus parameters may not pass 1,024 characters (Twilio error 63021); this leaves
# room for a short template around the officer's text.
TEMPLATE_VARIABLE_MAX: Final = 900


class OutsideWhatsAppWindow(Exception):
    """The person last wrote over 24 hours ago and no WhatsApp template is configured."""


class PersonOptedOut(Exception):
    """The person asked for no more messages (STOP / ALTO); nothing can be sent."""


def whatsapp_window_open(conversation: Conversation, now: datetime | None = None) -> bool:
    """True when free text can still reach this person (always, on SMS)."""
    if conversation.channel != Channel.WHATSAPP:
        return True
    last = conversation.last_inbound_at
    if last is None:
        return False
    if last.tzinfo is None:  # SQLite returns naive UTC
        last = last.replace(tzinfo=UTC)
    return (now or datetime.now(UTC)) - last < WHATSAPP_WINDOW


def send_officer_reply(
    session: Session,
    conversation: Conversation,
    text: str,
    officer_id: int,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> list[Message]:
    """Queue an officer's reply; the caller commits. Pass the app's settings
    (`request.app.state.settings`); without them the process settings are read.

    Raises PersonOptedOut, or OutsideWhatsAppWindow when the window is closed and
    ENLACE_WHATSAPP_TEMPLATE_SID is not set. With a template, the reply goes out as its
    first variable ({{1}}), cut to fit the template limit.
    """
    if conversation.person.opted_out:
        raise PersonOptedOut(f"conversation {conversation.id}")
    if whatsapp_window_open(conversation, now):
        queued = queue_replies(session, conversation, [text], Author.OFFICER, officer_id=officer_id)
        log.info("officer reply queued", extra={"conversation_id": conversation.id})
        return queued
    template_sid = (settings or get_settings()).whatsapp_template_sid
    if not template_sid:
        raise OutsideWhatsAppWindow(f"conversation {conversation.id}")
    variable = text.strip()[:TEMPLATE_VARIABLE_MAX]
    message = enqueue_reply(
        session,
        conversation,
        variable,
        Author.OFFICER,
        officer_id=officer_id,
        content_sid=template_sid,
        content_variables={"1": variable},
    )
    log.info("officer reply queued as template", extra={"conversation_id": conversation.id})
    return [message]
