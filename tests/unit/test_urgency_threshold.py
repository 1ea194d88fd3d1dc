"""The urgency thresholds' rules (tools/urgency_threshold.py), read off out-of-fold
probabilities: pooled over both languages, or in one language alone (what per-language
thresholds would be), and the pattern floor. Rows and probabilities are made up here; no
labelled set is read."""

from __future__ import annotations

from tools.urgency_threshold import (
    highest_floor,
    highest_mean_recall,
    lowest_precise,
    per_language_rules,
)

Row = dict[str, str]


def _rows() -> tuple[list[Row], dict[str, list[float]]]:
    """Ten urgent rows a language, the Spanish ones read higher than the English ones, and ten
    ordinary rows a language read at 0.2 (two Spanish ones at 0.7)."""
    rows: list[Row] = []
    probabilities: dict[str, list[float]] = {}
    for language, urgent_at in (("es", 0.8), ("en", 0.5)):
        for i in range(20):
            row = {"set": "s", "id": f"{language}-{i}", "language": language}
            row["urgent"] = "1" if i < 10 else "0"
            rows.append(row)
            probability = urgent_at if i < 10 else 0.2
            probabilities[f"s/{language}-{i}"] = [probability, probability]
    probabilities["s/es-10"] = probabilities["s/es-11"] = [0.7, 0.7]
    return rows, probabilities


def test_the_recall_rule_in_one_language_reads_that_language_alone() -> None:
    rows, probabilities = _rows()
    alone = {f"s/{row['id']}": False for row in rows}
    assert highest_mean_recall(rows, alone, probabilities) == 0.5
    assert highest_mean_recall(rows, alone, probabilities, ("es",)) == 0.8
    assert highest_mean_recall(rows, alone, probabilities, ("en",)) == 0.5


def test_the_precision_rule_in_one_language_reads_that_language_alone() -> None:
    rows, probabilities = _rows()
    # Spanish: 10 urgent and 2 ordinary rows read at 0.7 or more (precision 0.833).
    assert lowest_precise(rows, probabilities, ("es",)) == 0.71
    assert lowest_precise(rows, probabilities, ("en",)) == 0.21
    assert lowest_precise(rows, probabilities) == 0.71


def test_the_per_language_line_names_each_language_s_thresholds() -> None:
    rows, probabilities = _rows()
    assert per_language_rules(rows, probabilities) == (
        "per language (the classifier alone): es + 0.80 ^ 0.71; en + 0.50 ^ 0.21"
    )


LONG = "a message of more than five words to read"


def test_the_pattern_floor_is_the_highest_that_loses_no_urgent_row_the_patterns_caught() -> None:
    # The patterns catch one urgent row the classifier reads at 0.08 and 0.12 (under the
    # decide threshold 0.5) and one ordinary row it reads at 0.03: a floor of 0.08 overrules
    # the false alarm and keeps the catch; 0.09 would lose it in the first repeat.
    rows = [
        {"set": "s", "id": "u", "language": "es", "urgent": "1", "text": LONG},
        {"set": "s", "id": "o", "language": "es", "urgent": "0", "text": LONG},
    ]
    probabilities = {"s/u": [0.08, 0.12], "s/o": [0.03, 0.03]}
    caught = {"s/u": True, "s/o": True}
    assert highest_floor(rows, caught, probabilities, 0.5) == 0.08


def test_a_short_message_does_not_hold_the_pattern_floor_down() -> None:
    # In five words or fewer the classifier never overrules the patterns, so an urgent short
    # message it reads at 0 does not set the floor.
    rows = [
        {"set": "s", "id": "u", "language": "en", "urgent": "1", "text": "need help, locked in"},
        {"set": "s", "id": "v", "language": "en", "urgent": "1", "text": LONG},
    ]
    probabilities = {"s/u": [0.0], "s/v": [0.2]}
    caught = {"s/u": True, "s/v": True}
    assert highest_floor(rows, caught, probabilities, 0.5) == 0.2
