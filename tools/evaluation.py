"""One evaluation run in memory: the labelled questions and every system's reading of them.

The report's sections (tools/report_sections.py) read it; tools/eval_report.py builds it from a
questions file, `make eval`'s JSON lines and the baselines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tools.baselines import Prediction
from tools.metrics import Rate, accuracy, detection


@dataclass(frozen=True)
class Labelled:
    text: str
    language: str
    topic: str
    urgent: bool
    split: str


@dataclass
class Evaluation:
    rows: list[Labelled]
    results: list[dict[str, Any]]  # Enlace's JSON lines, in the questions' order
    systems: dict[str, list[Prediction]]  # Enlace first, then the baselines
    topics: set[str]  # the knowledge base's topics (not the conversational intents)

    def where(self, test: Callable[[Labelled], bool]) -> list[int]:
        return [i for i, row in enumerate(self.rows) if test(row)]

    def topic_rate(self, system: str, indices: Sequence[int]) -> Rate:
        predicted = self.systems[system]
        return accuracy((self.rows[i].topic, predicted[i].topic) for i in indices)

    def urgent_recall(self, system: str, indices: Sequence[int]) -> Rate:
        return detection(self.urgent_pairs(system, indices)).recall

    def urgent_pairs(self, system: str, indices: Sequence[int]) -> list[tuple[bool, bool]]:
        return [(self.rows[i].urgent, self.systems[system][i].urgent) for i in indices]

    def languages(self) -> list[str]:
        return sorted({row.language for row in self.rows}, key=lambda x: (x != "es", x))

    def splits(self) -> list[str]:
        order = {"dev": 0, "heldout": 1, "leaked": 3}
        return sorted({row.split for row in self.rows}, key=lambda s: (order.get(s, 2), s))

    def cell(self, language: str, split: str) -> list[int]:
        return self.where(lambda row: row.language == language and row.split == split)


def reported_split(evaluation: Evaluation) -> tuple[str, list[int]]:
    """The rows the verdict is read on: held-out when there are any, else every row not leaked."""
    held = evaluation.where(lambda row: row.split == "heldout")
    if held:
        return "held-out", held
    return "whole (no held-out split)", evaluation.where(lambda row: row.split != "leaked")
