"""Canned replies: a few curated texts an officer inserts with one click and then edits.

Each text is in the admin's catalogs and is inserted in the *person's* language, whatever
the officer's interface language; the button's name is in the officer's. They name no phone
number and no programme: those come from the reviewed articles, never from a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from admin.i18n import DEFAULT_LOCALE, TEXTS
from core.i18n import LOCALES, N_
from core.models import Conversation


@dataclass(frozen=True)
class Canned:
    key: str
    label: str  # msgid of the button, in the officer's language
    text: str  # msgid of the text, in the person's language


CANNED: Final = (
    Canned(
        "greeting",
        N_("Greeting"),
        N_(
            "Hello, I am a consular officer and I now have your case. I will answer you here, "
            "in this conversation."
        ),
    ),
    Canned(
        "location",
        N_("Ask where they are"),
        N_(
            "To help you, please tell me the city and country where you are now, and whether "
            "you are safe there."
        ),
    ),
    Canned(
        "call",
        N_("Ask them to call"),
        N_(
            "Please call the consulate as soon as you can do it safely. If you are in danger "
            "right now, call the emergency number of the country where you are."
        ),
    ),
    Canned(
        "closing",
        N_("Closing"),
        N_(
            "I am closing your case now. If you need us again, write here at any time: the "
            "assistant will answer and can bring you back to an officer."
        ),
    ),
)


@dataclass(frozen=True)
class CannedButton:
    key: str
    label: str
    text: str


def person_language(conversation: Conversation) -> str:
    """The language the person is written to in: theirs when known, else Spanish."""
    language = conversation.person.language
    return language if language in LOCALES else DEFAULT_LOCALE


def canned_buttons(officer_locale: str, conversation: Conversation) -> list[CannedButton]:
    language = person_language(conversation)
    return [
        CannedButton(
            item.key,
            TEXTS.translate(officer_locale, item.label),
            TEXTS.translate(language, item.text),
        )
        for item in CANNED
    ]
