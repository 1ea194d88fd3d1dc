"""The app's channels: Twilio SMS and WhatsApp, the local simulator, and the outbox.

Other packages use only what is exported here.
"""

from channels.held import held_replies, hold_reply, release_held_replies
from channels.models import DeliveryStatus, OutboxItem
from channels.outbox import RepliesQueued, enqueue_reply, queue_replies
from channels.sending import (
    WHATSAPP_WINDOW,
    OutsideWhatsAppWindow,
    PersonOptedOut,
    Purpose,
    send_officer_reply,
    send_to_person,
    whatsapp_window_open,
)

__all__ = [
    "WHATSAPP_WINDOW",
    "DeliveryStatus",
    "OutboxItem",
    "OutsideWhatsAppWindow",
    "PersonOptedOut",
    "Purpose",
    "RepliesQueued",
    "enqueue_reply",
    "held_replies",
    "hold_reply",
    "queue_replies",
    "release_held_replies",
    "send_officer_reply",
    "send_to_person",
    "whatsapp_window_open",
]
