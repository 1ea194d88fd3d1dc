"""The urgency check's rule and the NLU reading it reads, without HTTP."""

from __future__ import annotations

import pytest

from conversations.rasa_client import NluReading
from conversations.urgency import UrgencyRule

RULE = UrgencyRule(frozenset({"forced_labour", "emergency"}), threshold=0.55)


def _reading(intent: str, confidence: float, *ranking: tuple[str, float]) -> NluReading:
    ranked = [{"name": n, "confidence": c} for n, c in ranking]
    return NluReading("texto", intent, confidence, ranked, {})


@pytest.mark.parametrize(
    ("topic", "confidence", "urgent"),
    [
        ("forced_labour", 0.55, True),
        ("forced_labour", 0.549, False),
        ("emergency", 0.99, True),
        ("wages", 0.99, False),
        (None, None, False),
    ],
)
def test_an_urgent_capable_topic_at_or_above_the_threshold_is_urgent(
    topic: str | None, confidence: float | None, urgent: bool
) -> None:
    check = RULE.check(topic, confidence)
    assert check.urgent is urgent
    assert (check.evidence["topic"], check.evidence["confidence"]) == (topic, confidence)


def test_could_not_tell_is_not_urgent_and_says_why() -> None:
    check = UrgencyRule.unknown("the language model is unavailable")
    assert not check.urgent
    assert check.evidence["unknown"] == "the language model is unavailable"


def test_a_second_reading_can_make_a_message_urgent_and_both_are_kept() -> None:
    combined = RULE.check("wages", 0.9).combined(RULE.check("forced_labour", 1.0))
    assert combined.urgent
    assert combined.evidence["topic"] == "wages"
    assert combined.evidence["then"]["topic"] == "forced_labour"


def test_an_unsure_reading_falls_back_to_its_best_ranked_topic() -> None:
    reading = _reading("nlu_fallback", 0.45, ("nlu_fallback", 0.45), ("emergency", 0.3))
    assert reading.best_topic() == ("emergency", 0.3)


def test_a_confident_reading_is_its_intent() -> None:
    assert _reading("wages", 0.8, ("wages", 0.8)).best_topic() == ("wages", 0.8)


def test_an_unsure_reading_with_nothing_ranked_has_no_topic() -> None:
    assert _reading("nlu_fallback", 0.45).best_topic() == (None, None)
