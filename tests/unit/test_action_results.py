"""Rasa's check of action server replies, with its schema checked once (bot/connectors/
action_results.py), accepts and refuses the same replies as Rasa's own, with the same message.
It runs in the Rasa environment, so the check is a script."""

from __future__ import annotations

import json
import subprocess

import pytest

from core.settings import REPO_ROOT
from tools.train import RASA_PYTHON, rasa_env

SCRIPT = REPO_ROOT / "tests" / "rasa_side" / "action_results_check.py"


def test_replies_are_validated_as_rasa_does() -> None:
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
    assert result["after"] == result["before"]
    assert result["after"]["answer"] == "accepted"
    refused = [name for name, said in result["after"].items() if said.startswith("refused")]
    assert sorted(refused) == ["event_without_name", "events_not_a_list", "unknown_event"]
    assert all("Failed to validate Action server response" in result["after"][n] for n in refused)
