"""Run in the Rasa environment: the once-checked validator of connectors/action_results.py
accepts and refuses exactly what Rasa's own validation does, with the same message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bot"))

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

REPLIES = {
    "answer": {
        "events": [{"event": "slot", "name": "topic", "value": "wages"}],
        "responses": [{"text": "hola", "custom": {"enlace": {"topic": "wages"}}}],
    },
    "empty": {"events": [], "responses": []},
    "events_not_a_list": {"events": {"event": "slot"}, "responses": []},
    "event_without_name": {"events": [{"name": "topic"}], "responses": []},
    "unknown_event": {"events": [{"event": "no_such_event"}], "responses": []},
}


def outcome(action: RemoteAction, reply: dict[str, object]) -> str:
    try:
        action._validate_action_result(reply)
    except ValidationError as error:
        return f"refused: {error.message}"
    return "accepted"


action = RemoteAction("action_answer_topic", EndpointConfig("http://127.0.0.1:1"))
before = {name: outcome(action, reply) for name, reply in REPLIES.items()}
import connectors.action_results as action_results  # noqa: E402

action_results.install()
after = {name: outcome(action, reply) for name, reply in REPLIES.items()}
json.dump({"before": before, "after": after}, sys.stdout)
