"""The arithmetic of the evaluation report: rates with their 95 % intervals, confusions, spread.

Pure functions over labels and predictions, so the report's figures can be checked on a few
hand-written rows without a model or a running stack.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DASH = "\u2013"  # an en dash: no observations, and between an interval's bounds
Z_95 = 1.959964  # the standard normal quantile of a two-sided 95 % interval


@dataclass(frozen=True)
class Rate:
    """`hits` out of `total`, e.g. questions whose topic was right."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def interval(self) -> tuple[float, float] | None:
        """Wilson's 95 % score interval: unlike value ± 1.96·SE it stays inside [0, 1] and
        is honest near 0 and 1, where most of these rates sit, and with a few dozen rows."""
        return wilson(self.hits, self.total)

    def __str__(self) -> str:
        if not self.total:
            return DASH
        low, high = wilson(self.hits, self.total) or (0.0, 0.0)
        return f"{self.hits / self.total:.3f} ({self.hits}/{self.total}, {low:.2f}{DASH}{high:.2f})"

    def short(self) -> str:
        """The value and the counts, without the interval (for wide tables)."""
        return (
            DASH if not self.total else f"{self.hits / self.total:.2f} ({self.hits}/{self.total})"
        )


def wilson(hits: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval of a binomial proportion; None without observations."""
    if total <= 0:
        return None
    share = hits / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def accuracy(pairs: Iterable[tuple[str, str | None]]) -> Rate:
    """(expected, predicted) pairs -> the share predicted right."""
    outcomes = [expected == predicted for expected, predicted in pairs]
    return Rate(sum(outcomes), len(outcomes))


@dataclass(frozen=True)
class Detection:
    """How a yes/no decision (is this message urgent?) did against the labels."""

    recall: Rate  # urgent messages flagged / urgent messages
    precision: Rate  # urgent messages flagged / messages flagged


def detection(pairs: Iterable[tuple[bool, bool]]) -> Detection:
    """(labelled urgent, flagged urgent) pairs -> recall and precision."""
    pairs = list(pairs)
    caught = sum(1 for labelled, flagged in pairs if labelled and flagged)
    urgent = sum(1 for labelled, _ in pairs if labelled)
    flagged = sum(1 for _, was_flagged in pairs if was_flagged)
    return Detection(recall=Rate(caught, urgent), precision=Rate(caught, flagged))


def confused_pairs(
    pairs: Iterable[tuple[str, str | None]], limit: int = 10
) -> list[tuple[tuple[str, str], int]]:
    """The most frequent (expected, predicted) mistakes, most frequent first; ties by name."""
    mistakes = Counter(
        (expected, predicted or "—") for expected, predicted in pairs if expected != predicted
    )
    return sorted(mistakes.items(), key=lambda item: (-item[1], item[0]))[:limit]


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: a value that occurred, e.g. the p90 of segment counts."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Verdict:
    """Whether one system's rate is above, equal to or below another's, and how clearly."""

    word: str  # "beats", "ties" or "trails"
    clearly: bool  # the 95 % intervals do not overlap


def compare(ours: Rate, theirs: Rate) -> Verdict:
    mine, other = ours.value, theirs.value
    if mine is None or other is None:
        return Verdict("—", clearly=False)
    word = "beats" if mine > other else "ties" if mine == other else "trails"
    a, b = ours.interval(), theirs.interval()
    if a is None or b is None:
        return Verdict(word, clearly=False)
    return Verdict(word, clearly=a[0] > b[1] or b[0] > a[1])
