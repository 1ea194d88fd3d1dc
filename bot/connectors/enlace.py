"""Rasa's side of the seam with the app: REST in, replies plus what was understood out.

Rasa's own REST channel returns only the bot's messages; the app also needs the intent
and its confidence (stored with every inbound message) and must set the language and
channel slots before the message is handled, so responses come out in the person's
language. Sender ids are opaque conversation ids, never phone numbers.

The app understands every message once, before it decides who answers (`/model/parse`,
for urgency); when it then hands the message to the dialogue it sends that understanding
along as `parse`, and Rasa uses it instead of classifying the same text a second time.

The message is handled here as Rasa's own `Agent.handle_message` would (`on_new_message` is
that call), with the app's slots set on the tracker that handling fetches (`_handle`).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors import action_results, event_types

action_results.install()  # every `rasa run` loads this channel: see action_results
event_types.install()  # and event_types

PRESET_SLOTS = ("language", "channel", "country", "origin")


class EnlaceInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "enlace"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("enlace_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json or {}
            sender_id = body.get("sender")
            text = body.get("message")
            if not isinstance(sender_id, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            metadata: Dict[Text, Any] = body.get("metadata") or {}
            agent = request.app.ctx.agent
            if agent is None or not agent.is_ready():
                return response.json({"error": "model not loaded"}, status=503)

            collector = CollectingOutputChannel()
            message = UserMessage(
                text,
                collector,
                sender_id,
                parse_data=_parse_for(text, body.get("parse")),
                input_channel=self.name(),
                metadata=metadata,
            )
            tracker = await _handle(agent, message, _preset_values(metadata))
            parse = tracker.latest_message.parse_data if tracker.latest_message else {}
            intent = (parse or {}).get("intent") or {}
            ranking = (parse or {}).get("intent_ranking") or []
            return response.json(
                {
                    "messages": collector.messages,
                    "intent": intent.get("name"),
                    "confidence": intent.get("confidence"),
                    "ranking": [
                        {"name": r.get("name"), "confidence": r.get("confidence")}
                        for r in ranking[:3]
                    ],
                    # The urgency classifier's reading (components/urgency_classifier.py).
                    "urgency": (parse or {}).get("urgency"),
                }
            )

        return webhook


def _parse_for(text: Text, parse: Any) -> Optional[Dict[Text, Any]]:
    """The app's earlier parse of this very text, if it is one; otherwise Rasa parses."""
    if not isinstance(parse, dict) or parse.get("text") != text:
        return None
    intent = parse.get("intent")
    if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
        return None
    if not isinstance(parse.get("entities", []), list):
        return None
    return {"entities": [], **parse}


def _preset_values(metadata: Dict[Text, Any]) -> Dict[Text, Any]:
    """The slots the app decides (language, channel, country, origin), set before Rasa
    predicts. A slot named in the metadata with an empty value is cleared: the app knows it is
    unknown."""
    return {name: metadata[name] or None for name in PRESET_SLOTS if name in metadata}


async def _handle(
    agent: Any, message: UserMessage, values: Dict[Text, Any]
) -> DialogueStateTracker:
    """Rasa's own handling of a message (`Agent.handle_message`: the conversation's lock, then
    `MessageProcessor.handle_message`, Rasa 3.6.21 as pinned), with the preset slots set on
    the tracker it fetched and the tracker handed back: fetched once and saved once a message.
    (Setting the slots in a turn of their own, then reading the tracker back for the parse
    data, fetched it three times and saved it twice; with the SQL tracker store of production
    each is a query.)"""
    processor = agent.processor
    channel = message.output_channel
    async with agent.lock_store.lock(message.sender_id):
        tracker = await processor.fetch_tracker_and_update_session(
            message.sender_id, channel, message.metadata
        )
        for name, value in values.items():
            if tracker.get_slot(name) != value:
                tracker.update(SlotSet(name, value))
        await processor._handle_message_with_tracker(message, tracker)
        tracker = await processor.run_action_extract_slots(channel, tracker)
        await processor._run_prediction_loop(channel, tracker)
        await processor.run_anonymization_pipeline(tracker)
        await processor.save_tracker(tracker)
    return tracker
