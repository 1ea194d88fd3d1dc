"""Whether someone may write to the person's phone, as people say it.

Asked once per hand-over ("is it safe for someone to write to this number? 1 yes, anytime /
2 only when I write first / 3 never: I will call"), the answer comes back as a number, a word
or a sentence, typed fast: "2", "solo cuando yo escriba", "no, mi patron revisa el cel",
"nunca, yo llamo", "only when i text". A person in danger may also say it unasked in the
urgent message itself ("no me escriban, ella ve el cel en la noche", "dont text me, he checks
my phone"): that is recorded without asking.

Reading is on the accent-free lower-case text, with each word first matched to the few words
these answers are made of (one typo away: "escrivan", "nunka", "celuar"). A plain "no" means
it is not safe to write first, so it is read as "only when I write" (the person still gets
answers when they write); only never, calling or "don't ever write" is read as never, the
answer that stops officers writing at all.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Final

from core.models import SafeContact
from core.text import normalize_for_nlu

# The words answers are made of, to which a word one typo away is read as.
_VOCABULARY: Final = frozenset(
    {
        # es
        "cuando",
        "escriba",
        "escriban",
        "escribas",
        "escribo",
        "escribir",
        "escriben",
        "mande",
        "mando",
        "manden",
        "mensaje",
        "mensajes",
        "nunca",
        "llamo",
        "llamare",
        "llamar",
        "llamada",
        # Someone else calling ("q alguien del consulado lo llame"): never read as "llamare".
        "llame",
        "llamen",
        "llamenme",
        "llamarme",
        "llamarlo",
        "llamarla",
        "celular",
        "telefono",
        "revisa",
        "revisan",
        "checa",
        "checan",
        "cualquier",
        "momento",
        "seguro",
        "segura",
        "claro",
        "solo",
        "solamente",
        "patron",
        "patrona",
        "esposo",
        "marido",
        "senora",
        "jefe",
        "noche",
        # en
        "only",
        "when",
        "write",
        "text",
        "texts",
        "message",
        "never",
        "call",
        "phone",
        "checks",
        "check",
        "reads",
        "watches",
        "anytime",
        "whenever",
        "safe",
        "first",
    }
)
_SIMILARITY: Final = 0.8
_TRIM: Final = " .,;:!?¡¿*\"'()-"

_DIGITS: Final = {"1": SafeContact.ANYTIME, "2": SafeContact.WHEN_PERSON_WRITES}
_DIGITS_ALL: Final = {**_DIGITS, "3": SafeContact.NEVER}
_NUMBER_WORDS: Final = {
    "uno": "1",
    "one": "1",
    "dos": "2",
    "two": "2",
    "tres": "3",
    "three": "3",
}
_CHOICE: Final = re.compile(
    r"^(?:(?:la|el|opcion|option|numero|number|no\.?|#)\s*)?([123])(?:\s*(?:[.)]|$))"
)

_WRITE: Final = r"(?:escrib\w*|mand\w* (?:un )?mensaj\w*|mensaj\w*|text\w*|writ\w*|messag\w*)"
_PHONE: Final = r"(?:cel\w*|telefono|tel|fono|whats\w*|phone|cell\w*|mensaje\w*|message\w*|texts)"
_WATCHER: Final = (
    r"(?:el|ella|ellos|mi patron\w*|mi jefe|la senora|el senor|mi esposo|mi marido|mi pareja"
    r"|la patrona|he|she|they|my boss|my husband|my wife|my employer|the boss)"
)
_WATCHES: Final = (
    r"(?:ve|ven|revisa\w*|checa\w*|mira\w*|lee\w*|agarra\w*|esculca\w*|quita\w*"
    r"|checks?|reads?|watch\w*|looks? at|goes through|go through|takes?)"
)
_WATCHED: Final = re.compile(
    rf"\b{_WATCHER} (?:me )?(?:siempre )?{_WATCHES} (?:el |mi |my |the |me el )?{_PHONE}\b"
    rf"|\bme (?:revisan|checan|ven|quitan|leen) (?:el |mi )?{_PHONE}\b"
    rf"|\b(?:check|watch|read|monitor)\w* (?:my|me) {_PHONE}\b"
)
_DO_NOT_WRITE: Final = re.compile(
    rf"\b(?:no|nunca) (?:me )?(?:vayan a |vaya a |le[s]? )?{_WRITE}"
    rf"|\bnever {_WRITE} (?:me|to me|this|back|here)\b"
    rf"|\b(?:dont|don't|do not|pls dont|please dont|no) {_WRITE} (?:me|to me|this|back|here)\b"
    r"|\bno es seguro\b|\bnot safe\b|\bits not safe\b|\bit is not safe\b"
)
_ONLY_WHEN_I: Final = re.compile(
    rf"\b(?:solo|solamente|nomas|nada mas|only|just)? ?(?:cuando|hasta que|si) (?:yo )?"
    rf"(?:les |te |le )?(?:{_WRITE}|mande\w*|escriba\w*)"
    rf"|\b(?:only|just)? ?(?:when|if|after) i (?:{_WRITE}|send|text)\w*"
    rf"|\b(?:yo )?(?:les |le )?(?:{_WRITE}) (?:primero|first)\b|\bi (?:{_WRITE}) first\b"
)
_NEVER_WORD: Final = re.compile(r"\bnunca\b|\bnever\b|\bjamas\b|\bni (?:de )?broma\b")
_I_CALL: Final = re.compile(
    r"(?<!me )\b(?:yo )?(?:les |le )?(?:llamo|llamare|voy a llamar|marco|hablo yo)\b"
    # "if i call the hotline…", "can i call for him?" ask about calling; they do not answer
    # the question.
    r"|(?<!if )(?<!can )(?<!could )(?<!should )(?<!do )\bi(?:'ll| will|ll| ll)? call\b"
    r"|\bill call\b|\bi can call\b"
    r"|\bi(?:'ll| will)? phone\b"
)
_WRITING: Final = re.compile(rf"\b{_WRITE}")
_YES: Final = frozenset(
    {"si", "sii", "sip", "simon", "yes", "yess", "yep", "yup", "yeah", "ok", "okay", "okey"}
    | {"claro", "sure"}
)
_ANYTIME: Final = re.compile(
    r"\b(?:cuando sea|cuando quieran|a cualquier hora|en cualquier momento|cualquier hora"
    r"|anytime|any time|whenever|es seguro|si es seguro|it'?s safe|is safe|esta bien)\b"
)
_NO: Final = re.compile(r"^(?:no|nop|nope|nel|no no)\b")
# "ok" with thanks acknowledges what was said; it does not let anyone write at any time.
_OK: Final = frozenset({"ok", "okay", "okey"})
_THANKS: Final = frozenset({"gracias", "grax", "grx", "thanks", "thank", "thx", "ty", "tnx"})
# An answer is a few words; a longer message is read only for what it says about the phone,
# and a lone "never" or "yes" only in a very short one ("nunca me pagaron" is not an answer).
_SHORT_ANSWER: Final = 6
_BARE_ANSWER: Final = 3
_BARE_NEVER: Final = 2


@lru_cache(maxsize=4096)
def _canonical(word: str) -> str:
    """The answers' own word `word` is a typo of, or `word`. Kept for the words read last:
    each is compared with the whole vocabulary, and people's words recur."""
    if len(word) < 4 or word in _VOCABULARY:
        return word
    best, score = word, 0.0
    for known in _VOCABULARY:
        if known[0] != word[0]:  # a typo seldom hits the first letter ("every" is not "never")
            continue
        ratio = SequenceMatcher(None, word, known).ratio()
        if ratio > score:
            best, score = known, ratio
    return best if score >= _SIMILARITY else word


def _read(text: str) -> str:
    """Accent-free, lower-case, trimmed, each word matched to the answers' own words."""
    cleaned = normalize_for_nlu(text).replace("\u2019", "'").strip(_TRIM)
    words = [_canonical(word.strip(_TRIM)) for word in cleaned.split()]
    return " ".join(word for word in words if word)


def said_in_message(text: str) -> SafeContact | None:
    """What a message says unasked about writing to this phone ("no me escriban", "he checks
    my phone", "nunca me escriban, yo les llamo"), or None when it says nothing of it."""
    read = _read(text)
    forbids = _DO_NOT_WRITE.search(read) is not None
    watched = _WATCHED.search(read) is not None
    if not (forbids or watched):
        return None
    calls = _I_CALL.search(read) is not None or _NEVER_WORD.search(read) is not None
    return SafeContact.NEVER if forbids and calls else SafeContact.WHEN_PERSON_WRITES


def parse_answer(text: str) -> SafeContact | None:
    """The option a reply to the safe-contact question chose, or None when it did not answer
    it (then the message is handled as any other)."""
    read = _read(text)
    if not read:
        return None
    words = read.split()
    first = _NUMBER_WORDS.get(words[0], words[0])
    if len(words) <= 2 and first in _DIGITS_ALL:
        return _DIGITS_ALL[first]
    choice = _CHOICE.match(" ".join([first, *words[1:]]))
    if choice is not None:
        return _DIGITS_ALL[choice[1]]
    short, bare = len(words) <= _SHORT_ANSWER, len(words) <= _BARE_ANSWER
    if _I_CALL.search(read) or (
        _NEVER_WORD.search(read)
        and (len(words) <= _BARE_NEVER or _WRITING.search(read) is not None)
    ):
        return SafeContact.NEVER
    if _ONLY_WHEN_I.search(read):
        return SafeContact.WHEN_PERSON_WRITES
    volunteered = said_in_message(read)
    if volunteered is not None:
        return volunteered
    if short and _NO.search(read):
        return SafeContact.WHEN_PERSON_WRITES
    thanked = first in _OK and not _THANKS.isdisjoint(words)
    if (bare and first in _YES and not thanked) or (short and _ANYTIME.search(read)):
        return SafeContact.ANYTIME
    return None
