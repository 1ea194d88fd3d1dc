"""An acknowledgement that opens a message ("ok who do i call", "k and about the tips?") says
that the answer arrived; what follows is the message.

The classifier learnt "ok", "k" and "alright" alone as thanks (bot/data/nlu/*/conversation.yml,
so that an acknowledgement gets the thanks reply, not a menu), and it then reads a short
question opened by one as thanks or gives up on it ("ok who do i call": thanks 0.59). What it
reads is the message without that opening, when words follow it; an acknowledgement alone, or
followed only by an emoji, is read as written.
"""

from __future__ import annotations

import re
from typing import Final

# Openings that only acknowledge, in either language. "k" is also how people write "que"
# ("k paso con mi pago"): it acknowledges only before punctuation or "and"/"y".
_OPENING: Final = re.compile(
    r"^(?:(?:ok(?:ay|ey|ie|i)?|kk|alright|all right|got it|cool|(?:oh|ah|ahh) ok)\b"
    r"|k(?=[.,!;:]| and\b| y\b))[\s.,!;:-]*"
)


def without_leading_acknowledgement(text: str) -> str:
    """The normalised message without the acknowledgements that open it, if words follow."""
    rest = text
    while (found := _OPENING.match(rest)) is not None and found.end() > 0:
        rest = rest[found.end() :]
    return rest if rest != text and any(ch.isalnum() for ch in rest) else text
