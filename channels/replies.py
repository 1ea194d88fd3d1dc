"""Texts the app itself sends (not the bot), and shaping a reply for its channel."""

from __future__ import annotations

from core.models import Channel
from core.segments import sms_rendering

APOLOGY = {
    "es": "Perdón, ahora no puedo responder. Tu mensaje quedó guardado y una persona del consulado"
    " te va a contestar. Si estás en peligro, llama al 911.",
    "en": "Sorry, I can't answer right now. Your message is saved and a consular officer will"
    " reply. If you are in danger, call 911.",
}

UNSUPPORTED_LANGUAGE = {
    "es": "Por ahora solo hablo español e inglés. Escríbeme en español o escribe HUMANO para"
    " hablar con una persona. / I only speak Spanish and English for now.",
    "en": "For now I only speak Spanish and English. Write to me in English or write HUMAN to"
    " talk to a person. / Por ahora solo hablo español e inglés.",
}


def for_channel(text: str, channel: Channel) -> str:
    """SMS gets the accent-free GSM-7 rendering when it costs fewer segments."""
    if channel == Channel.SMS:
        return sms_rendering(text)
    return text
