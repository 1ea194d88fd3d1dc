"""Hand-over to a consular officer: the action tells the app, which opens the case."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import language_of, report

HANDOVER = {
    "es": "Listo, le paso tu conversación a una persona del consulado. Te va a escribir por este"
    " mismo chat; puede tardar unas horas en horario de oficina. Si estás en peligro ahora,"
    " llama al 911.",
    "en": "Done, I'm passing your conversation to a consular officer. They will write to you in"
    " this same chat; it may take a few hours during office hours. If you are in danger now,"
    " call 911.",
}


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=HANDOVER[language_of(tracker)])
        report(dispatcher, escalate="human_agent")
        return []
