"""The app's channels: Twilio SMS and WhatsApp, the local simulator, and the outbox.

Other packages use only what is exported here.
"""

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
    "queue_replies",
    "send_officer_reply",
    "send_to_person",
    "whatsapp_window_open",
]
