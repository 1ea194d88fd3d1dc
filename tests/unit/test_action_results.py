"""Rasa's check of action server replies, with its schema checked once (bot/connectors/
action_results.py), accepts and refuses the same replies as Rasa's own, with the same message.
It runs in the Rasa environment, so the check is a script."""

from __future__ import annotations

from tests.rasa_side_run import run_rasa_side


def test_replies_are_validated_as_rasa_does() -> None:
    result = run_rasa_side("action_results_check.py")
    assert result["after"] == result["before"]
    assert result["after"]["answer"] == "accepted"
    refused = [name for name, said in result["after"].items() if said.startswith("refused")]
    assert sorted(refused) == ["event_without_name", "events_not_a_list", "unknown_event"]
    assert all("Failed to validate Action server response" in result["after"][n] for n in refused)
