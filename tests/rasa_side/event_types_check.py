"""Run in the Rasa environment: events found by type name from the table of
connectors/event_types.py are the classes Rasa's own lookup finds, a tracker's stored events
read back the same, and an unknown name fails the same way."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bot"))

from rasa.shared.core.events import (
    ActionExecuted,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
    deserialise_events,
)
from rasa.shared.utils.common import all_subclasses

NAMES = [*sorted({cls.type_name for cls in all_subclasses(Event)}), "topic", "no_such_event"]
STORED = [
    event.as_dict()
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        SlotSet("language", "es"),
        UserUttered("hola", {"name": "greet", "confidence": 0.9}),
        ActionExecuted("action_answer_topic"),
    )
]


def lookups() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in NAMES:
        try:
            cls = Event.resolve_by_type(name)
            found[name] = cls.__name__ if cls is not None else None
        except ValueError as error:
            found[name] = f"error: {error}"
    found["default"] = Event.resolve_by_type("no_such_event", SlotSet).__name__  # type: ignore[union-attr]
    found["events"] = [event.as_dict() for event in deserialise_events(STORED)]
    return found


before = lookups()
import connectors.event_types as event_types  # noqa: E402

event_types.install()
after = lookups()
installed = Event.resolve_by_type is event_types.resolve_by_type
result = {"before": before, "after": after, "names": len(NAMES), "installed": installed}
json.dump(result, sys.stdout)
