"""What a follow-up asks about the help line the answer just gave ("a q hora atienden ese
numero", "that number, they talk spanish?", "whats their whatsapp"): the line's own details
answer it, which no part of the article's text may say."""

from __future__ import annotations

from typing import Final

from conversations.gazetteer import words

# Most words such a question has; a longer message asks something of its own.
LINE_QUESTION_MAX_WORDS: Final = 10

# What is asked, by the phrases people text for it (accents off), in both languages.
ASKED: Final[dict[str, tuple[str, ...]]] = {
    "hours": (
        "a que hora atienden",
        "a q hora atienden",
        "a que hora abren",
        "a q hora abren",
        "que horario",
        "horario de atencion",
        "what time do they",
        "what hours",
        "when are they open",
        "are they open",
    ),
    "languages": (
        "hablan espanol",
        "hablan en espanol",
        "atienden en espanol",
        "habla espanol",
        "talk spanish",
        "speak spanish",
        "in spanish",
    ),
    "whatsapp": ("whatsapp", "wasap", "guasap", "whats app"),
    "number": (
        "cual es el numero",
        "el numero",
        "que numero",
        "what number",
        "whats the number",
        "what is the number",
        "the number",
        "a quien le hablo",
        "a quien llamo",
        "a donde llamo",
        "who do i call",
        "where do i call",
        "phone number",
        "numero de telefono",
    ),
}


# Another line than the answer's: "y el numero del consulado?" asks for the consulate's.
ANOTHER_LINE: Final = frozenset(("consulado", "consulate", "consul", "consulados"))


def asked_about_the_line(text: str) -> frozenset[str]:
    """The details of the line a short follow-up asks for (hours, languages, whatsapp,
    number); empty when it asks none."""
    plain = words(text)
    if not plain or len(plain.split()) > LINE_QUESTION_MAX_WORDS:
        return frozenset()
    if not ANOTHER_LINE.isdisjoint(plain.split()):
        return frozenset()
    padded = f" {plain} "
    return frozenset(
        what
        for what, phrases in ASKED.items()
        if any(f" {phrase} " in padded for phrase in phrases)
    )
