"""The one way out: every message to a person (the bot's, an officer's, later a campaign's)
is queued here, under one policy.

* **Consent.** Nothing goes to a person who wrote STOP except the confirmation of it; a phone
  may be read by an employer, so nothing is sent that the person did not ask for.
* **WhatsApp's window.** Free text only within 24 hours of the person's last message; after
  that only an approved template goes through (Twilio error 63016). Officers of comparable
  tools saw late replies fail silently, so the policy refuses up front with a typed error the
  admin can show, or uses the configured template.
* **SMS cost.** Text is shaped for the channel (segments, markup, 1,600 characters per
  message) before it is queued; the outbox then sends in order, retried, and paced per
  sender number (`ENLACE_SMS_PER_SECOND`).

Campaigns, when they come, add a `Purpose` with its own rule (recorded opt-in, templates
only) here rather than a second way out.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
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


class Purpose(enum.StrEnum):
    REPLY = "reply"  # the bot answering what the person just wrote
    OPT_OUT_CONFIRMATION = "opt_out_confirmation"  # the one message after STOP
    OFFICER = "officer"  # a consular officer writing to the person
    # The app telling the person, unprompted, who has their conversation now (an officer took
    # it, the assistant is back). Only the caller knows whether the person allowed being
    # written to; here it goes only within WhatsApp's window and never as a template (not
    # worth a paid message): not queued, the caller tells it with the next reply instead.
    NOTICE = "notice"


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


def send_to_person(
    session: Session,
    conversation: Conversation,
    texts: Sequence[str],
    purpose: Purpose,
    *,
    in_reply_to: Message | None = None,
    officer_id: int | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> list[Message]:
    """Queue `texts` for the person under the policy; the caller commits.

    Raises PersonOptedOut for an officer writing to someone who opted out (the bot's reply
    to them is simply not sent), and OutsideWhatsAppWindow when the window has closed and
    ENLACE_WHATSAPP_TEMPLATE_SID is not set.
    """
    author = Author.OFFICER if purpose == Purpose.OFFICER else Author.BOT
    bypass = purpose == Purpose.OPT_OUT_CONFIRMATION
    if conversation.person.opted_out and not bypass:
        if purpose == Purpose.OFFICER:
            raise PersonOptedOut(f"conversation {conversation.id}")
        log.info("reply withheld: opted out", extra={"conversation_id": conversation.id})
        return []
    window_open = whatsapp_window_open(conversation, now)
    if purpose == Purpose.NOTICE and not window_open:
        log.info("notice withheld: outside the window", extra={"conversation_id": conversation.id})
        return []
    if purpose in (Purpose.REPLY, Purpose.NOTICE) or window_open:
        return queue_replies(
            session,
            conversation,
            texts,
            author,
            in_reply_to,
            bypass_opt_out=bypass,
            officer_id=officer_id,
        )
    template_sid = (settings or get_settings()).whatsapp_template_sid
    if not template_sid:
        raise OutsideWhatsAppWindow(f"conversation {conversation.id}")
    variable = "\n\n".join(text.strip() for text in texts)[:TEMPLATE_VARIABLE_MAX]
    message = enqueue_reply(
        session,
        conversation,
        variable,
        author,
        in_reply_to,
        officer_id=officer_id,
        content_sid=template_sid,
        content_variables={"1": variable},
    )
    log.info("message queued as template", extra={"conversation_id": conversation.id})
    return [message]


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
    (`request.app.state.settings`); without them the process settings are read."""
    queued = send_to_person(
        session,
        conversation,
        [text],
        Purpose.OFFICER,
        officer_id=officer_id,
        settings=settings,
        now=now,
    )
    session.flush()  # the caller audits the new messages' ids before it commits
    log.info("officer reply queued", extra={"conversation_id": conversation.id})
    return queued
