"""The evaluation report's arithmetic: Wilson intervals, urgent recall/precision, confusions."""

from __future__ import annotations

import pytest

from tools.metrics import Rate, accuracy, compare, confused_pairs, detection, percentile, wilson


def test_the_wilson_interval_of_8_out_of_10_matches_the_textbook_value() -> None:
    low, high = wilson(8, 10) or (0.0, 0.0)
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)


@pytest.mark.parametrize(("hits", "total"), [(0, 12), (12, 12), (1, 1)])
def test_the_wilson_interval_stays_inside_0_and_1_and_holds_the_share(
    hits: int, total: int
) -> None:
    low, high = wilson(hits, total) or (-1.0, -1.0)
    assert 0.0 <= low <= hits / total <= high <= 1.0
    assert high - low > 0.1  # a dozen messages never make a rate certain


def test_a_rate_without_observations_has_no_value_or_interval() -> None:
    assert Rate(0, 0).value is None
    assert Rate(0, 0).interval() is None
    assert str(Rate(0, 0)) == "\u2013"


def test_a_rate_prints_its_value_counts_and_interval() -> None:
    assert str(Rate(8, 10)) == "0.800 (8/10, 0.49\u20130.94)"


def test_accuracy_counts_the_pairs_predicted_right() -> None:
    rate = accuracy([("wages", "wages"), ("wages", "contract"), ("greet", None)])
    assert (rate.hits, rate.total) == (1, 3)


def test_urgent_recall_and_precision_count_what_was_flagged() -> None:
    found = detection([(True, True), (True, False), (False, True), (False, False)])
    assert (found.recall.hits, found.recall.total) == (1, 2)
    assert (found.precision.hits, found.precision.total) == (1, 2)


def test_the_most_confused_pairs_come_first_and_right_answers_never_count() -> None:
    pairs = [("a", "b"), ("a", "b"), ("c", "d"), ("a", "a"), ("e", None)]
    assert confused_pairs(pairs, limit=2) == [(("a", "b"), 2), (("c", "d"), 1)]


def test_the_p90_of_segment_counts_is_a_count_that_occurred() -> None:
    counts = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3]
    assert percentile(counts, 0.9) == 2
    assert percentile(counts, 1.0) == 3


def test_a_higher_rate_beats_and_says_whether_the_intervals_are_apart() -> None:
    assert compare(Rate(95, 100), Rate(50, 100)).word == "beats"
    assert compare(Rate(95, 100), Rate(50, 100)).clearly
    close = compare(Rate(9, 10), Rate(8, 10))
    assert (close.word, close.clearly) == ("beats", False)
    assert compare(Rate(8, 10), Rate(8, 10)).word == "ties"
    assert compare(Rate(7, 10), Rate(8, 10)).word == "trails"
