"""Rasa finds an event's class from its type name by listing every subclass of `Event`
(recursively, asking each whether it is abstract) and comparing names, once for every event
of a tracker each time the in-memory tracker store hands the tracker out: about a tenth of
Rasa's processor time per message here (docs/benchmarks.md, profiles).

The classes are looked up in a table instead, made from that same listing, the first class
listed for a name winning as in Rasa's loop. A name the table lacks (an event class imported
after it was made) remakes it before giving up, so what is found and the errors raised are
Rasa's own. Rasa is pinned (3.6.21, bot/requirements.lock), so the method replaced is known;
`install` is called by the channel module, which every `rasa run` loads.
"""

from __future__ import annotations

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_BY_NAME: Dict[Text, Type[Event]] = {}


def _remake() -> None:
    table: Dict[Text, Type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    _BY_NAME.clear()
    _BY_NAME.update(table)


def resolve_by_type(
    type_name: Text, default: Optional[Type[Event]] = None
) -> Optional[Type[Event]]:
    """Event.resolve_by_type, from the table."""
    found = _BY_NAME.get(type_name)
    if found is None:
        _remake()
        found = _BY_NAME.get(type_name)
    if found is not None:
        return found
    if type_name == "topic":
        return None  # as Rasa: old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]


__all__ = ["install", "resolve_by_type"]
