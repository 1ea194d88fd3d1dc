"""The urgency check every message gets, before anything decides who answers it.

Today's rule, unchanged from before it moved here: a message is urgent when the topic
classifier reads a topic that can be urgent (taxonomy `urgent: true`) with a confidence at or
above the threshold. Its per-message replacement (danger signals independent of the topic)
is a later issue; it will plug in here. The decision and its evidence are kept on the message
for the officer; "could not tell" (Rasa down, nothing to read) is evidence too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

RULE: Final = "urgent topic at or above the confidence threshold"


@dataclass(frozen=True)
class UrgencyCheck:
    urgent: bool
    evidence: dict[str, Any]

    def combined(self, other: UrgencyCheck) -> UrgencyCheck:
        """Urgent when either check says so; both kept as evidence."""
        return UrgencyCheck(self.urgent or other.urgent, {**self.evidence, "then": other.evidence})


class UrgencyRule:
    def __init__(self, urgent_topics: frozenset[str], threshold: float) -> None:
        self._urgent_topics = urgent_topics
        self._threshold = threshold

    def check(self, topic: str | None, confidence: float | None) -> UrgencyCheck:
        urgent = topic in self._urgent_topics and (confidence or 0.0) >= self._threshold
        evidence = {
            "rule": RULE,
            "topic": topic,
            "confidence": confidence,
            "threshold": self._threshold,
        }
        return UrgencyCheck(urgent, evidence)

    @staticmethod
    def unknown(why: str) -> UrgencyCheck:
        return UrgencyCheck(False, {"rule": RULE, "unknown": why})
