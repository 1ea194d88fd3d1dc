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


# A language named within three words after one of these is one the person does not want
# ("no hablo ingles", "ni ingles", "i dont speak spanish"); after these, the only one they want.
NOT: Final = frozenset({"no", "ni", "not", "dont", "don't", "nor", "sin", "without", "never"})
ONLY: Final = frozenset({"solo", "solamente", "nomas", "only", "just"})


def requested_language(text: str, current: str) -> str:
    """The language the text asks for; with no name, the other one ("cambiar idioma").

    "ella no habla frances ni ingles, solo español" asks for Spanish: a language named after a
    negation is refused, one named after "solo"/"only" is the one wanted.
    """
    words = normalize_for_nlu(text).replace(",", " ").replace(".", " ").split()
    wanted: dict[str, bool] = {}
    start = 0  # a negation does not reach past the language named before it
    for index, word in enumerate(words):
        lang = next((lang for lang, stems in ASKS_FOR.items() if word.startswith(stems)), None)
        if lang is None:
            continue
        before = set(words[max(start, index - 3) : index])
        start = index + 1
        if before & ONLY:
            return lang
        wanted[lang] = wanted.get(lang, False) or not (before & NOT)
    chosen = [lang for lang, yes in wanted.items() if yes]
    if len(chosen) == 1:
        return chosen[0]
    if not chosen and len(wanted) == 1:
        # only a refused one ("no hablo ingles"): the other
        return "es" if next(iter(wanted)) == "en" else "en"
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
