"""The urgency check every message gets, before anything decides who answers it.

Three readings are combined. The danger detector (`conversations.danger`) reads the text itself
for the ILO forced-labour indicators and the other danger signals, whatever the topic; the
topic rule (a topic that can be urgent, taxonomy `urgent: true`, read at or above the
confidence threshold) counts as one more signal. A question *about* danger, a past event, a
joke or the news lowers the score. The urgency classifier in Rasa's NLU
(bot/components/urgency_classifier.py) gives the probability that the writer is in danger now,
learnt from labelled messages, read at two thresholds (both chosen out of fold on the allowed
dev rows, docs/urgency.md):
  * at or above the decide threshold (ENLACE_URGENCY_DECIDE_THRESHOLD), chosen for precision,
    it decides alone, as the patterns do: the urgent reply and an urgent case;
  * at or above the offer threshold (ENLACE_URGENCY_THRESHOLD), chosen for recall, and below
    the other, it is a *possible* danger: the bot answers as usual and adds one line saying
    that URGENTE/URGENT brings the help lines and a human at once. Chosen for recall, it also
    reads danger in ordinary questions; a false alarm there costs the person one line, not
    their answer.
The patterns decide unless the classifier reads the message as ordinary with near certainty,
below the pattern floor (ENLACE_URGENCY_PATTERN_FLOOR); then their reading only offers URGENT. A
message of FEW_WORDS words or fewer is left to the patterns whatever the classifier reads. The
floor is off by default: out of fold it lost no urgent dev row at 0.05, but on the held-out rows
it moved two urgent messages to the offer line (docs/urgency.md, "Stop 29").
The decision and its evidence (which signals fired, what the topic model read, the probability,
the thresholds, which tier decided) are kept on the message for the officer. With Rasa down,
or nothing for it to read, the text alone decides, and "could not tell" is kept as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from conversations.danger import canonical, is_urgent, read_danger

RULE: Final = "urgent topic at or above the confidence threshold"
# Read by the topic model as one of these, a message is small talk ("buenas noches, soy de
# ecuador y estoy en murcia"): the classifier's reading alone offers URGENT, it does not decide.
SMALL_TALK: Final = frozenset({"greet", "goodbye", "thanks", "language_switch"})
CLASSIFIER: Final = "classifier"
PERSON: Final = "person"
# In this many words or fewer ("need help, locked in") the classifier has too little to read to
# overrule the patterns.
FEW_WORDS: Final = 5


def classifier_overrules(probability: float | None, floor: float, text: str) -> bool:
    """The classifier is sure enough that the message is ordinary to overrule the patterns.

    Out of fold on the dev rows (docs/urgency.md, "Stop 29"), most of the patterns' false alarms
    are messages the classifier reads below 0.05 ("mi hermano esta detenido en ice, ya tiene
    audiencia, cuanto cobra un abogado?"), while the urgent messages the patterns catch beyond
    the classifier read higher, except in a few words. No reading never overrules.
    """
    if probability is None or probability >= floor:
        return False
    return len(canonical(text).split()) > FEW_WORDS


@dataclass(frozen=True)
class UrgencyCheck:
    urgent: bool
    evidence: dict[str, Any]
    possible: bool = False  # only the classifier found danger, below its decide threshold

    def combined(self, other: UrgencyCheck) -> UrgencyCheck:
        """Urgent when either check says so; both kept as evidence."""
        urgent = self.urgent or other.urgent
        possible = not urgent and (self.possible or other.possible)
        return UrgencyCheck(urgent, {**self.evidence, "then": other.evidence}, possible)

    @property
    def only_classifier(self) -> bool:
        """Urgent by the classifier's reading alone: the least sure of the decisions, so the
        person's own question keeps its answer after the help lines (a false alarm then costs
        the help lines and a case, not the answer)."""
        deciders: set[str] = set()
        evidence: dict[str, Any] | None = self.evidence
        while evidence:
            deciders.update(evidence.get("decided_by") or ())
            evidence = evidence.get("then")
        return self.urgent and deciders == {CLASSIFIER}

    def offered_on_a_thread(self) -> UrgencyCheck:
        """A follow-up the classifier alone read as danger: the URGENT offer, not a case."""
        return UrgencyCheck(False, {**self.evidence, "decided_by": [], "follow_up": True}, True)

    def said_by_person(self) -> UrgencyCheck:
        """The person wrote URGENTE/URGENT: urgent, whatever the detectors read."""
        return UrgencyCheck(True, {**self.evidence, "decided_by": [PERSON]})


class UrgencyRule:
    def __init__(
        self,
        urgent_topics: frozenset[str],
        threshold: float,
        urgency_threshold: float,
        *,
        decide_threshold: float | None = None,
        pattern_floor: float = 0.0,
    ) -> None:
        """`urgency_threshold` is the classifier's offer threshold; at `decide_threshold`
        (the same when not given) its reading alone makes the message urgent; below
        `pattern_floor` it overrules the patterns (`classifier_overrules`; 0: never)."""
        self._urgent_topics = urgent_topics
        self._threshold = threshold
        self._urgency_threshold = urgency_threshold
        self._decide_threshold = urgency_threshold if decide_threshold is None else decide_threshold
        self._pattern_floor = pattern_floor

    def check(self, topic: str | None, confidence: float | None) -> UrgencyCheck:
        urgent = topic in self._urgent_topics and (confidence or 0.0) >= self._threshold
        evidence = {
            "rule": RULE,
            "topic": topic,
            "confidence": confidence,
            "threshold": self._threshold,
        }
        return UrgencyCheck(urgent, evidence)

    def assess(
        self,
        text: str,
        topic: str | None,
        confidence: float | None,
        probability: float | None = None,
    ) -> UrgencyCheck:
        """The message's urgency: its danger signals, with the topic rule as one of them,
        unless the classifier overrules them, or the classifier's `probability` at or above its
        decide threshold (None: no reading); at or above the offer threshold only, or signals
        overruled, a possible danger."""
        by_topic = self.check(topic, confidence)
        danger = read_danger(text, urgent_topic=by_topic.urgent)
        overruled = is_urgent(danger) and classifier_overrules(
            probability, self._pattern_floor, text
        )
        by_signals = is_urgent(danger) and not overruled
        over = probability is not None and probability >= self._urgency_threshold
        by_classifier = (
            probability is not None
            and probability >= self._decide_threshold
            and topic not in SMALL_TALK
        )
        classifier = {
            "probability": probability,
            "threshold": self._urgency_threshold,
            "decide_threshold": self._decide_threshold,
            "urgent": over or by_classifier,
            "decides": by_classifier,
            "pattern_floor": self._pattern_floor,
            "overrules_signals": overruled,
        }
        decided_by = [
            name for name, fired in (("signals", by_signals), (CLASSIFIER, by_classifier)) if fired
        ]
        evidence = {**by_topic.evidence, **danger.evidence(), CLASSIFIER: classifier}
        urgent = by_signals or by_classifier
        possible = (over or overruled) and not urgent
        return UrgencyCheck(urgent, {**evidence, "decided_by": decided_by}, possible)

    @staticmethod
    def unknown(why: str, text: str = "") -> UrgencyCheck:
        """No topic reading: the text alone decides."""
        danger = read_danger(text)
        return UrgencyCheck(is_urgent(danger), {"rule": RULE, "unknown": why, **danger.evidence()})
