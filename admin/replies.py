"""An officer's reply, whatever the time: sent now, or held past WhatsApp's window.

Within the window (always on SMS) the reply goes through the send policy at once. Past it,
free text cannot reach the person: the reply is held (`channels.hold_reply`, shown as held in
the thread), and one short approved template (the send policy's template, `Purpose.OFFICER`
past the window) asks the person to answer; their next message releases what was held.
Later replies held before the person answers do not ask again.
"""

from __future__ import annotations

import enum
from typing import Final

from sqlalchemy.orm import Session

from admin.canned import person_language
from admin.i18n import TEXTS
from channels import (
    OutsideWhatsAppWindow,
    PersonOptedOut,
    Purpose,
    held_replies,
    hold_reply,
    send_officer_reply,
    send_to_person,
    whatsapp_window_open,
)
from core.i18n import N_
from core.models import Conversation, Message
from core.settings import Settings

# The template's words: short, and saying nothing of the case (someone else may read them).
ANSWER_PLEASE: Final = N_("You have a new message from Enlace. Reply to this message to read it.")


class Outcome(enum.StrEnum):
    """What became of the reply; also the case page's notice."""

    SENT = "sent"
    HELD = "held"  # held, and the person asked (or already asked) to write
    HELD_UNASKED = "held_unasked"  # held; no template is configured to ask the person


def send_reply(
    session: Session,
    conversation: Conversation,
    text: str,
    officer_id: int,
    settings: Settings,
) -> tuple[Outcome, list[Message]]:
    """Send or hold the officer's reply; the caller audits and commits. Raises
    PersonOptedOut when the person wrote STOP (nothing is held for them either)."""
    if whatsapp_window_open(conversation):
        return Outcome.SENT, send_officer_reply(
            session, conversation, text, officer_id, settings=settings
        )
    if conversation.person.opted_out:
        raise PersonOptedOut(f"conversation {conversation.id}")
    asked_already = bool(held_replies(session, conversation))
    held = hold_reply(session, conversation, text, officer_id)
    if asked_already:
        return Outcome.HELD, held
    ask = TEXTS.translate(person_language(conversation), ANSWER_PLEASE)
    try:
        send_to_person(
            session, conversation, [ask], Purpose.OFFICER, officer_id=officer_id, settings=settings
        )
    except OutsideWhatsAppWindow:
        return Outcome.HELD_UNASKED, held
    return Outcome.HELD, held
