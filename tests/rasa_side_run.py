"""Run one of the checks in tests/rasa_side/ in the Rasa environment and read its JSON: the bot's
components and connectors import Rasa, which the app's environment does not have."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from core.settings import REPO_ROOT
from tools.train import RASA_PYTHON, rasa_env


def run_rasa_side(script: str) -> dict[str, Any]:
    """The JSON the script prints; a failing script fails the test with its stderr."""
    if not RASA_PYTHON.exists():
        pytest.fail("the Rasa environment is missing: run `make install`")
    completed = subprocess.run(
        [str(RASA_PYTHON), str(REPO_ROOT / "tests" / "rasa_side" / script)],
        capture_output=True,
        text=True,
        timeout=300,
        env=rasa_env(),
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result: dict[str, Any] = json.loads(completed.stdout)
    return result
