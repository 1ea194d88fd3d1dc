"""Shape a reply for its channel: SMS is paid per segment, WhatsApp renders markup and lists.

Twilio refuses a body over 1,600 characters on either channel, so a long answer leaves as
several messages, cut where a sentence ends so each one still reads on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from core.models import Channel
from core.segments import sms_rendering

MAX_BODY: Final = 1600

_SENTENCE_END = re.compile(r"((?<=[.!?…:])\s+|\n+)")
_MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*")
_WHATSAPP_BOLD = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])")


def render(text: str, channel: Channel) -> list[str]:
    """The messages to send for one reply, in order; empty for an empty reply."""
    text = _MARKDOWN_BOLD.sub(r"*\1*", text.strip())
    if channel == Channel.SMS:
        text = sms_rendering(_WHATSAPP_BOLD.sub(r"\1", text))
    return split(text) if text else []


def split(text: str, limit: int = MAX_BODY) -> list[str]:
    """Pieces of at most `limit` characters, cut after sentences, then words, then anywhere."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for chunk in _chunks(text, limit):
        if current and len(current) + len(chunk.rstrip()) > limit:
            pieces.append(current.strip())
            current = ""
        current += chunk
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _chunks(text: str, limit: int) -> list[str]:
    """Sentences with their trailing space or line breaks, none longer than `limit`."""
    parts = _SENTENCE_END.split(text)
    out: list[str] = []
    for sentence, separator in zip(parts[::2], [*parts[1::2], ""], strict=True):
        if len(sentence) <= limit:
            out.append(sentence + separator)
            continue
        for word in sentence.split():  # a sentence longer than a whole message
            out.extend(word[i : i + limit] + " " for i in range(0, len(word), limit))
    return out


def numbered_menu(title: str, items: Sequence[str], footer: str, channel: Channel) -> str:
    """A numbered list: bold title on WhatsApp; plain and compact on SMS (no emoji, GSM-7)."""
    if channel == Channel.WHATSAPP:
        lines = [f"*{title}*", "", *(f"{n}. {item}" for n, item in enumerate(items, 1)), ""]
    else:
        lines = [title, *(f"{n} {item}" for n, item in enumerate(items, 1))]
    return "\n".join([*lines, footer])
