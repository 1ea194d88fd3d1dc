"""Hand-over to a consular officer: the action tells the app, which opens the case."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import language_of, report
from conversations import HANDOVER, TEXTS


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=TEXTS.translate(language_of(tracker), HANDOVER))
        report(dispatcher, escalate="human_agent")
        return []
