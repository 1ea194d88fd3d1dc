"""The app's channels: Twilio SMS and WhatsApp, the local simulator, and the outbox.

Other packages use only what is exported here.
"""

from channels.outbox import enqueue_reply, queue_replies
from channels.sending import (
    OutsideWhatsAppWindow,
    PersonOptedOut,
    Purpose,
    send_officer_reply,
    send_to_person,
    whatsapp_window_open,
)

__all__ = [
    "OutsideWhatsAppWindow",
    "PersonOptedOut",
    "Purpose",
    "enqueue_reply",
    "queue_replies",
    "send_officer_reply",
    "send_to_person",
    "whatsapp_window_open",
]
