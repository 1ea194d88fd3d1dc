"""Switching the conversation language on request ("hablame en ingles", "spanish please")."""

from __future__ import annotations

from typing import Any, Final

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import TEXTS, language_of, report
from core.i18n import N_
from core.text import normalize_for_nlu

# Translators: sent in the language just chosen; it names that language.
SWITCHED: Final = N_("Done, I'll write in English. How can I help?")
ASKS_FOR = {
    "en": ("ingl", "english", "engl"),
    "es": ("espan", "spanish", "castellano"),
}


def requested_language(text: str, current: str) -> str:
    """The language named in the text; with no name, the other one ("cambiar idioma")."""
    normalized = normalize_for_nlu(text)
    named = [lang for lang, stems in ASKS_FOR.items() if any(s in normalized for s in stems)]
    if len(named) == 1:
        # "no hablo ingles" names English but asks for Spanish
        negated = normalized.startswith(("no ", "i dont", "i don't", "i do not"))
        if negated:
            return "es" if named[0] == "en" else "en"
        return named[0]
    return "en" if current == "es" else "es"


class ActionSwitchLanguage(Action):
    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        current = language_of(tracker)
        text = tracker.latest_message.get("text") or ""
        target = requested_language(text, current)
        if normalize_for_nlu(text).strip(" .!?") in ("english", "espanol", "spanish", "ingles"):
            target = current  # the app already switched on the bare keyword
        dispatcher.utter_message(text=TEXTS.translate(target, SWITCHED))
        report(dispatcher, language=target)
        return [SlotSet("language", target)]
