"""The urgency check's rule and the NLU reading it reads, without HTTP."""

from __future__ import annotations

import pytest

from conversations.rasa_client import NluReading, urgency_probability
from conversations.urgency import UrgencyRule

PROBABILITY_THRESHOLD = 0.45
RULE = UrgencyRule(frozenset({"forced_labour", "emergency"}), 0.55, PROBABILITY_THRESHOLD)
# Offer at 0.3, decide at 0.7.
TIERED = UrgencyRule(frozenset({"forced_labour"}), 0.55, 0.3, decide_threshold=0.7)
# The same with a pattern floor: below 0.05 the classifier overrules the patterns.
FLOOR = 0.05
FLOORED = UrgencyRule(
    frozenset({"forced_labour"}), 0.55, 0.3, decide_threshold=0.7, pattern_floor=FLOOR
)
ORDINARY = "cuanto cuesta la matricula consular"
DANGER = "me tienen encerrado y no me dejan salir"


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


def test_a_probability_at_the_threshold_makes_an_ordinary_looking_text_urgent() -> None:
    check = RULE.assess(ORDINARY, "consular_services", 0.9, PROBABILITY_THRESHOLD)
    assert check.urgent
    assert check.evidence["decided_by"] == ["classifier"]
    assert check.evidence["classifier"] == {
        "probability": PROBABILITY_THRESHOLD,
        "threshold": PROBABILITY_THRESHOLD,
        "decide_threshold": PROBABILITY_THRESHOLD,
        "urgent": True,
        "decides": True,
        "pattern_floor": 0.0,
        "overrules_signals": False,
    }


def test_a_probability_just_below_the_threshold_leaves_it_to_the_patterns() -> None:
    check = RULE.assess(ORDINARY, "consular_services", 0.9, PROBABILITY_THRESHOLD - 0.01)
    assert not check.urgent
    assert check.evidence["decided_by"] == []
    assert check.evidence["classifier"]["urgent"] is False


def test_the_patterns_alone_are_enough_whatever_the_probability() -> None:
    check = RULE.assess(DANGER, "forced_labour", 0.9, 0.01)
    assert check.urgent
    assert check.evidence["decided_by"] == ["signals"]
    assert check.evidence["signals"]


def test_both_firing_are_both_named_as_evidence() -> None:
    check = RULE.assess(DANGER, "forced_labour", 0.9, 0.97)
    assert check.evidence["decided_by"] == ["signals", "classifier"]


def test_without_a_probability_the_patterns_decide_and_none_is_kept() -> None:
    check = RULE.assess(ORDINARY, "consular_services", 0.9, None)
    assert not check.urgent
    assert check.evidence["classifier"]["probability"] is None


@pytest.mark.parametrize(
    ("probability", "urgent", "possible", "decided_by"),
    [
        (0.7, True, False, ["classifier"]),
        (0.95, True, False, ["classifier"]),
        (0.69, False, True, []),
        (0.3, False, True, []),
        (0.29, False, False, []),
    ],
)
def test_two_thresholds_make_three_tiers(
    probability: float, urgent: bool, possible: bool, decided_by: list[str]
) -> None:
    check = TIERED.assess(ORDINARY, "consular_services", 0.9, probability)
    assert (check.urgent, check.possible) == (urgent, possible)
    assert check.evidence["decided_by"] == decided_by
    assert check.evidence["classifier"]["decides"] is urgent


def test_the_patterns_decide_below_the_decide_threshold_with_no_offer() -> None:
    check = TIERED.assess(DANGER, "forced_labour", 0.9, 0.5)
    assert check.urgent
    assert not check.possible
    assert check.evidence["decided_by"] == ["signals"]


@pytest.mark.parametrize(
    ("body", "probability"),
    [
        ({"urgency": {"probability": 0.73}}, 0.73),
        ({"urgency": {"probability": None}}, None),
        ({"urgency": {"probability": 1.7}}, None),
        ({"urgency": {"probability": True}}, None),
        ({"urgency": "high"}, None),
        ({}, None),
    ],
)
def test_the_probability_is_read_only_when_it_is_one(
    body: dict[str, object], probability: float | None
) -> None:
    assert urgency_probability(body) == probability


def test_below_the_pattern_floor_the_classifier_overrules_the_patterns_and_offers_urgent() -> None:
    check = FLOORED.assess(DANGER, "forced_labour", 0.9, FLOOR - 0.01)
    assert (check.urgent, check.possible) == (False, True)
    assert check.evidence["decided_by"] == []
    assert check.evidence["signals"]  # what the patterns read is kept for the officer
    assert check.evidence["classifier"]["overrules_signals"] is True


def test_at_the_pattern_floor_the_patterns_decide() -> None:
    check = FLOORED.assess(DANGER, "forced_labour", 0.9, FLOOR)
    assert (check.urgent, check.possible) == (True, False)
    assert check.evidence["decided_by"] == ["signals"]
    assert check.evidence["classifier"]["overrules_signals"] is False


@pytest.mark.parametrize("text", ["me tienen encerrado", "need help, locked in"])
def test_in_five_words_or_fewer_the_classifier_never_overrules_the_patterns(text: str) -> None:
    check = FLOORED.assess(text, "forced_labour", 0.9, 0.0)
    assert check.urgent
    assert check.evidence["decided_by"] == ["signals"]


def test_without_a_reading_nothing_overrules_the_patterns() -> None:
    check = FLOORED.assess(DANGER, "forced_labour", 0.9, None)
    assert check.urgent
    assert check.evidence["decided_by"] == ["signals"]
