"""The bot's topic classifier (bot/components) trains, survives a save and load, and refuses
a model file it did not write. It runs in the Rasa environment, so the check is a script."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rasa_side_run import run_rasa_side


@pytest.fixture(scope="module")
def roundtrip() -> dict[str, Any]:
    return run_rasa_side("classifier_roundtrip.py")


def test_reloaded_model_classifies_unseen_messages(roundtrip: dict[str, Any]) -> None:
    names = [prediction["intent"]["name"] for prediction in roundtrip["predictions"]]
    assert names == ["wages", "detention", "greet"]


def test_ranking_is_a_probability_distribution_best_first(roundtrip: dict[str, Any]) -> None:
    for prediction in roundtrip["predictions"]:
        confidences = [entry["confidence"] for entry in prediction["ranking"]]
        assert confidences == sorted(confidences, reverse=True)
        assert sum(confidences) == pytest.approx(1.0, abs=1e-6)
        assert prediction["intent"]["confidence"] == confidences[0]
        assert confidences[0] > 0.5


def test_missing_model_loads_untrained_and_predicts_nothing(roundtrip: dict[str, Any]) -> None:
    assert roundtrip["untrained"] == {"name": None, "confidence": 0.0}


def test_model_file_with_foreign_types_is_refused(roundtrip: dict[str, Any]) -> None:
    assert roundtrip["forged"].startswith("unexpected types")
    assert "pathlib.PosixPath" in roundtrip["forged"]
