"""`make compare-nlu` chooses between pipelines, so it must never score on the held-out split."""

from __future__ import annotations

import sys

import pytest

from tools import compare_nlu


def test_refuses_the_heldout_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["compare_nlu", "--split", "heldout"])
    with pytest.raises(SystemExit, match="held-out"):
        compare_nlu.main()


def test_failed_rasa_command_reports_its_error_output() -> None:
    with pytest.raises(SystemExit, match="boom"):
        compare_nlu.run_quietly([sys.executable, "-c", "import sys; sys.exit('boom')"])
