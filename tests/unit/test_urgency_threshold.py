"""The urgency thresholds' rules (tools/urgency_threshold.py), read off out-of-fold
probabilities: pooled over both languages, or in one language alone (what per-language
thresholds would be). Rows and probabilities are made up here; no labelled set is read."""

from __future__ import annotations

from tools.urgency_threshold import highest_mean_recall, lowest_precise, per_language_rules

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
