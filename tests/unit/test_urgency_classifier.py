"""The bot's urgency classifier (bot/components/urgency_classifier.py) trains from its own file,
survives a save and load, puts its probability in the parse output, and is retrained when its
training file changes. It runs in the Rasa environment, so the check is a script."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rasa_side_run import run_rasa_side


@pytest.fixture(scope="module")
def roundtrip() -> dict[str, Any]:
    return run_rasa_side("urgency_roundtrip.py")


def test_reloaded_model_ranks_an_unseen_urgent_message_above_an_ordinary_one(
    roundtrip: dict[str, Any],
) -> None:
    urgent, ordinary = roundtrip["probabilities"]
    assert 0.0 <= ordinary < urgent <= 1.0
    assert urgent > 0.5 > ordinary


def test_weighting_the_ordinary_rows_lowers_an_urgent_message_s_probability(
    roundtrip: dict[str, Any],
) -> None:
    """`set_weights` reaches the fit (docs/urgency.md weighed the topic questions this way)."""
    urgent, _ = roundtrip["probabilities"]
    weighted_urgent, _ = roundtrip["weighted_probabilities"]
    assert weighted_urgent < urgent


def test_the_probability_is_part_of_the_parse_output(roundtrip: dict[str, Any]) -> None:
    assert "urgency" in roundtrip["output_keys"]


def test_missing_model_loads_untrained_and_gives_no_probability(
    roundtrip: dict[str, Any],
) -> None:
    assert roundtrip["untrained"] == {"probability": None}


def test_a_changed_training_file_changes_the_fingerprint(roundtrip: dict[str, Any]) -> None:
    """Rasa caches a trained component by fingerprint; the file is not a graph input."""
    assert roundtrip["fingerprint_follows_the_file"] is True


def test_the_fingerprint_reads_the_default_file_when_the_config_has_no_defaults(
    roundtrip: dict[str, Any],
) -> None:
    """Training over a warm cache gave the hook a bare config: `KeyError: 'training_file'`."""
    assert roundtrip["fingerprint_without_defaults"] is True


def test_a_training_file_with_one_label_is_refused(roundtrip: dict[str, Any]) -> None:
    assert "urgent and non-urgent" in roundtrip["one_class"]
