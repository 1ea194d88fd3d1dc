"""Rasa's lookup of an event class by its type name, from a table (bot/connectors/
event_types.py), finds what Rasa's own finds and fails as it does. It runs in the Rasa
environment, so the check is a script."""

from __future__ import annotations

import json
import subprocess

import pytest

from core.settings import REPO_ROOT
from tools.train import RASA_PYTHON, rasa_env

SCRIPT = REPO_ROOT / "tests" / "rasa_side" / "event_types_check.py"


def test_event_classes_are_found_as_rasa_finds_them() -> None:
    if not RASA_PYTHON.exists():
        pytest.fail("the Rasa environment is missing: run `make install`")
    completed = subprocess.run(
        [str(RASA_PYTHON), str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=300,
        env=rasa_env(),
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout)
    assert result["installed"]
    assert result["after"] == result["before"]
    assert result["names"] > 20
    assert result["after"]["slot"] == "SlotSet"
    assert result["after"]["topic"] is None
    assert result["after"]["no_such_event"] == "error: Unknown event name 'no_such_event'."
    assert result["after"]["default"] == "SlotSet"
    assert len(result["after"]["events"]) == 5
