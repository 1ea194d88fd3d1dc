"""The urgency detector: danger signals read in the text itself, independent of the topic.

People in danger write once, fast, often in shorthand ("m tienen encerrao", "hlp boss took my
pasport"). The text is made canonical first (lowercase, no accents, shorthand spelled out,
misspelled key words mapped to the nearest word the signals know, by edit distance), then
`conversations.redflags` is matched against it. The score is the sum of the signals that fired,
plus one when the topic model reads a confident urgent-capable topic, minus the markers of a
question about the subject, a past event, a hypothetical, a joke or the news. Only signal and
marker names are kept as evidence, never the person's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from conversations.redflag_markers import MARKERS
from conversations.redflags import FREEDOM_SIGNALS
from conversations.redflags_harm import HARM_SIGNALS
from conversations.redflags_labour import LABOUR_SIGNALS
from core.text import normalize_for_nlu

THRESHOLD: Final = 2  # one strong signal, or two weak ones (the topic model's reading is one)
TOPIC_WEIGHT: Final = 1
SIGNALS: Final = FREEDOM_SIGNALS + LABOUR_SIGNALS + HARM_SIGNALS

_TOKEN = re.compile(r"[a-z0-9]+")

# Texting shorthand and English contractions written without apostrophes.
SHORTHAND: Final[dict[str, str]] = {
    "q": "que",
    "k": "que",
    "ke": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "x": "por",
    "xfa": "por favor",
    "xfavor": "por favor",
    "pa": "para",
    "m": "me",
    "d": "de",
    "l": "el",
    "pls": "please",
    "plz": "please",
    "hlp": "help",
    "u": "you",
    "r": "are",
    "rn": "right now",
    "n": "and",
    "im": "i am",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "wont": "will not",
    "cant": "can not",
    "cannot": "can not",
    "couldnt": "could not",
    "havent": "have not",
    "hasnt": "has not",
    "isnt": "is not",
    "theyre": "they are",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
    "fone": "phone",
    "cel": "cel",
    "boss": "boss",
}

# The words the signals are written with; a misspelling of one of them is read as it.
_KEYWORD_TEXT: Final = """
    encerrado encerrada encerrados encerraron locked inside candado atrapado atrapada trapped
    dejan salir leave allowed nadie nobody quitaron quito celular telefono phone escondidas secret
    escriban pasaporte passport passports papeles papers documentos visa debo deuda debt owe pague
    pagar paid pagan matar matarme kill desaparecer disappear amenazo amenazaron amenaza threatened
    threat pistola gun cuchillo knife migra inmigracion immigration denuncia golpea golpeo golpearon
    beats beaten violo violaron raped sangrando bleeding prostituir prostituirme comida castigo
    punishment descanso obligan obligada obligado forcing trafficked victima secuestrados
    secuestraron kidnapped rescate ransom seguridad stash desierto desert desmayado desmayo passed
    collapsed responde responding agarro agarraron detuvieron detenido detenida detencion detention
    arrested outside afuera tocando knocking contesta contestar answering heard apagado mover move
    ambulancia ambulance mandar regresan sending treatment curarme crushed aplastado ayuda help
    ayudenme miedo scared afraid aguanto crying llorando prometieron promised ofrecieron trabajo
    """
KEYWORDS: Final[frozenset[str]] = frozenset(_KEYWORD_TEXT.split())


@dataclass(frozen=True)
class DangerReading:
    score: int
    signals: tuple[str, ...]
    indicators: tuple[str, ...]
    markers: tuple[str, ...]

    def evidence(self) -> dict[str, Any]:
        return {
            "detector": "danger signals",
            "score": self.score,
            "threshold": THRESHOLD,
            "signals": list(self.signals),
            "indicators": list(self.indicators),
            "markers": list(self.markers),
        }


def canonical(text: str) -> str:
    """The text as the signals are written: plain words, shorthand spelled out, typos fixed."""
    plain = normalize_for_nlu(text).replace("'", "").replace("\u2019", "")
    return " ".join(_canonical_word(word) for word in _TOKEN.findall(plain))


@lru_cache(maxsize=4096)
def _canonical_word(word: str) -> str:
    if word in SHORTHAND:
        return SHORTHAND[word]
    if word in KEYWORDS or len(word) < 4:
        return word
    for variant in _spellings(word):
        if variant in KEYWORDS:
            return variant
    return _nearest_keyword(word) or word


def _spellings(word: str) -> list[str]:
    """How texting changes a word: k for qu, f for ph, a dropped d ("encerrao"), doubled letters."""
    variants = [re.sub(r"k(?=[ei])", "qu", word), re.sub(r"^f", "ph", word)]
    variants.append(re.sub(r"ao$", "ado", word))
    variants.append(re.sub(r"(?<=[^e])d$", "ed", word))
    variants.append(re.sub(r"(.)\1+", r"\1", word))
    return variants


def _nearest_keyword(word: str) -> str | None:
    """The key word within one edit (two for long words) that starts with the same letter.

    Short words are left alone: at four or five letters one edit turns real words into key
    words ("held" into "help", "treat" into "threat").
    """
    if len(word) < 6:
        return None
    allowed = 1 if len(word) < 10 else 2
    best: tuple[int, str] | None = None
    for keyword in KEYWORDS:
        if keyword[0] != word[0] or abs(len(keyword) - len(word)) > allowed:
            continue
        distance = _edit_distance(word, keyword, allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, keyword)
    return best[1] if best else None


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, given up once it exceeds `limit`."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# A leading "sí," / "si." / "yes," answers a question (the screening's); without it, "si me
# amenazan" would read as the hypothetical "if they threaten me".
_AFFIRMATION: Final = re.compile(r"^\s*(?:(?:s[ií]|yes|yeah)\s*[,.;:!]+|sí\s)\s*", re.IGNORECASE)


def read_danger(text: str, urgent_topic: bool = False) -> DangerReading:
    """The signals of danger in `text`; `urgent_topic`: the topic model read an urgent topic."""
    words = " " + canonical(_AFFIRMATION.sub("", text, count=1))  # see redflags.words_pattern
    fired = [signal for signal in SIGNALS if signal.pattern.search(words)]
    found = [marker for marker in MARKERS if marker.pattern.search(words)]
    markers = tuple(marker.name for marker in found)
    score = sum(signal.weight for signal in fired) + (TOPIC_WEIGHT if urgent_topic else 0)
    score -= max((marker.weight for marker in found), default=0)
    names = tuple(signal.name for signal in fired) + (("urgent_topic",) if urgent_topic else ())
    indicators = tuple(dict.fromkeys(signal.indicator for signal in fired))
    return DangerReading(score, names, indicators, markers)


def is_urgent(reading: DangerReading) -> bool:
    return reading.score >= THRESHOLD
