"""Rasa's lookup of an event class by its type name, from a table (bot/connectors/
event_types.py), finds what Rasa's own finds and fails as it does. It runs in the Rasa
environment, so the check is a script."""

from __future__ import annotations

from tests.rasa_side_run import run_rasa_side


def test_event_classes_are_found_as_rasa_finds_them() -> None:
    result = run_rasa_side("event_types_check.py")
    assert result["installed"]
    assert result["after"] == result["before"]
    assert result["names"] > 20
    assert result["after"]["slot"] == "SlotSet"
    assert result["after"]["topic"] is None
    assert result["after"]["no_such_event"] == "error: Unknown event name 'no_such_event'."
    assert result["after"]["default"] == "SlotSet"
    assert len(result["after"]["events"]) == 5
