"""SMS segment arithmetic shared by the knowledge checker and the SMS channel.

SMS is paid per segment and one character outside GSM-7 (á, a curly quote, an emoji)
switches the whole message to UCS-2, which more than halves the room per segment. Counting
is delegated to `smsutil` so the checker and the sender agree on the same numbers; this
module adds the Spanish-aware rendering that keeps ordinary written Spanish in GSM-7.
"""

from __future__ import annotations

from typing import Final

import smsutil  # type: ignore[import-untyped, unused-ignore]

GSM7: Final = "GSM-7"
UCS2: Final = "UCS-2"

# Characters outside the GSM 03.38 default table that Spanish texts use often, mapped to the
# closest GSM-7 character. é ñ ü ¿ ¡ É Ñ Ü are already GSM-7, so they are left alone.
_SMS_REPLACEMENTS: Final[dict[int, str]] = str.maketrans(
    {
        "á": "a",
        "í": "i",
        "ó": "o",
        "ú": "u",
        "Á": "A",
        "Í": "I",
        "Ó": "O",
        "Ú": "U",
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",  # left single quotation mark
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2026": "...",  # horizontal ellipsis
        "\u00a0": " ",  # no-break space
    }
)


def count_segments(text: str) -> int:
    """Number of SMS segments Twilio bills for `text`; an empty text sends nothing."""
    if not text:
        return 0
    return len(smsutil.split(text).parts)


def sms_encoding(text: str) -> str:
    """ "GSM-7" or "UCS-2": the encoding a carrier will use, which decides segment size."""
    if not text:
        return GSM7
    encoding: str = smsutil.split(text).encoding
    return GSM7 if encoding == "gsm0338" else UCS2


def strip_accents_for_sms(text: str) -> str:
    """Replace the few non-GSM characters of everyday Spanish so the text can stay GSM-7.

    Only characters with an obvious, still readable replacement are touched; anything else
    (emoji, other scripts) is kept, because dropping it could change the meaning.
    """
    return text.translate(_SMS_REPLACEMENTS)


def sms_rendering(text: str) -> str:
    """The text to send by SMS: the accent-free version only when it is actually cheaper."""
    plain = strip_accents_for_sms(text)
    if plain != text and count_segments(plain) < count_segments(text):
        return plain
    return text
