"""The app's channels: Twilio SMS and WhatsApp, the local simulator, and the outbox.

Other packages use only what is exported here.
"""

from channels.officer import (
    OutsideWhatsAppWindow,
    PersonOptedOut,
    send_officer_reply,
    whatsapp_window_open,
)
from channels.outbox import enqueue_reply, queue_replies

__all__ = [
    "OutsideWhatsAppWindow",
    "PersonOptedOut",
    "enqueue_reply",
    "queue_replies",
    "send_officer_reply",
    "whatsapp_window_open",
]
