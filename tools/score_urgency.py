"""`make score-urgency`: urgent recall and precision per language and split, and the misses.

Eight ways of deciding, on each labelled set of SETS (the author's own, the outside writers'
and the topic questions; see tests/data/README.md):
  topic rule          the interim rule alone (a confident urgent-capable topic), the baseline;
  signals             the danger detector on the text alone (what is decided when Rasa is down);
  patterns            the detector with the topic model's reading as one more signal;
  patterns kept       the patterns, unless the classifier overrules them (its probability below
                      ENLACE_URGENCY_PATTERN_FLOOR on a message of more than a few words);
  classifier          the urgency classifier's probability at or above ENLACE_URGENCY_THRESHOLD
                      (the offer threshold);
  classifier decides  its probability at or above ENLACE_URGENCY_DECIDE_THRESHOLD;
  urgent              patterns kept or the classifier deciding: the urgent reply and an urgent
                      case (what `make eval` counts as urgent);
  urgent or offered   patterns (kept or overruled) or the classifier at the offer threshold: the
                      urgent reply, or the answer with the URGENT offer line.
Each split also gets its three tiers counted (urgent / offered / nothing, for the urgent and
the ordinary rows).
The classifier is trained on every row of the author's set and the `dev` rows of the outside
set (tools/urgency_data.py), so its figures there are training figures; only the outside
`heldout` rows measure it. The model's readings of both sets (topic, confidence, urgency
probability) are stored in `tests/data/urgency_topic_readings.jsonl` (the trained model's
`/model/parse` of each normalised text), so the score needs no running Rasa; refresh them with
`--rasa-url` after the model changes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections.abc import Callable
from pathlib import Path

import httpx

from conversations.danger import is_urgent, read_danger
from conversations.rasa_client import NluReading, urgency_probability
from conversations.urgency import SMALL_TALK, classifier_overrules
from core.settings import get_settings
from core.text import normalize_for_nlu
from knowledge.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {
    "own": DATA / "urgency_messages.tsv",
    "outside": DATA / "urgency_outside.tsv",
    "more": DATA / "urgency_more.tsv",
    # All dev (training data for the classifier): its figures are not a measurement.
    "extra": DATA / "urgency_extra.tsv",
    "extra2": DATA / "urgency_extra2.tsv",
    "ordinary": DATA / "urgency_ordinary.tsv",
    "extra3": DATA / "urgency_extra3.tsv",
    "extra4": DATA / "urgency_extra4.tsv",
    # The topic questions (mostly ordinary traffic, 11 % urgent): how often a person with an
    # everyday question would get the emergency reply instead of an answer.
    "questions": DATA / "dev_questions.tsv",
}
READINGS = DATA / "urgency_topic_readings.jsonl"
THRESHOLD = 0.55  # ENLACE_NLU_CONFIDENCE_THRESHOLD's default
URGENT = "urgent"
URGENT_OR_OFFERED = "urgent or offered"

Row = dict[str, str]


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_set(name: str) -> list[Row]:
    """The rows of one of SETS, each tagged with its set (ids repeat across sets)."""
    return [{**row, "set": name} for row in read_rows(SETS[name])]


def reading_key(row: Row) -> str:
    return f"{row['set']}/{row['id']}"


def load_readings() -> dict[str, dict[str, object]]:
    lines = map(json.loads, READINGS.read_text(encoding="utf-8").splitlines())
    return {line["id"]: line for line in lines}


def refresh_readings(rows: list[Row], rasa_url: str, token: str | None) -> None:
    with READINGS.open("w", encoding="utf-8") as out:
        for row in rows:
            text = normalize_for_nlu(row["text"]).lstrip("/ ")
            parsed = httpx.post(
                f"{rasa_url}/model/parse",
                params={"token": token} if token else None,
                json={"text": text},
                timeout=60,
            ).json()
            reading = NluReading(
                text,
                parsed["intent"]["name"],
                parsed["intent"]["confidence"],
                parsed.get("intent_ranking", []),
                {},
            )
            topic, confidence = reading.best_topic()
            line = {
                "id": reading_key(row),
                "topic": topic,
                "confidence": round(confidence or 0.0, 4),
                "urgency": urgency_probability(parsed),
            }
            out.write(json.dumps(line) + "\n")


def deciders(
    readings: dict[str, dict[str, object]],
    urgency_threshold: float,
    decide_threshold: float | None = None,
    pattern_floor: float = 0.0,
) -> dict[str, Callable[[Row], bool]]:
    """`decide_threshold` and `pattern_floor` as the app's (conversations.urgency): the offer
    threshold if None, and no floor."""
    deciding = urgency_threshold if decide_threshold is None else decide_threshold
    urgent_topics = {topic.id for topic in load_taxonomy().values() if topic.urgent}

    def topic_rule(row: Row) -> bool:
        reading = readings[reading_key(row)]
        confidence = reading["confidence"]
        assert isinstance(confidence, float | int)
        return reading["topic"] in urgent_topics and confidence >= THRESHOLD

    def patterns(row: Row) -> bool:
        return is_urgent(read_danger(row["text"], topic_rule(row)))

    def probability_of(row: Row) -> float | None:
        probability = readings[reading_key(row)].get("urgency")
        return float(probability) if isinstance(probability, float | int) else None

    def patterns_kept(row: Row) -> bool:
        overruled = classifier_overrules(probability_of(row), pattern_floor, row["text"])
        return not overruled and patterns(row)

    def over(threshold: float) -> Callable[[Row], bool]:
        def classifier(row: Row) -> bool:
            probability = probability_of(row)
            return probability is not None and probability >= threshold

        return classifier

    offers, over_decide = over(urgency_threshold), over(deciding)

    def decides(row: Row) -> bool:
        # as the app: small talk is offered URGENT, never decided by the classifier alone
        return over_decide(row) and readings[reading_key(row)]["topic"] not in SMALL_TALK

    return {
        "topic rule": topic_rule,
        "signals": lambda row: is_urgent(read_danger(row["text"])),
        "patterns": patterns,
        "patterns kept": patterns_kept,
        "classifier": offers,
        "classifier decides": decides,
        URGENT: lambda row: patterns_kept(row) or decides(row),
        URGENT_OR_OFFERED: lambda row: patterns(row) or offers(row),
    }


def tiers(rows: list[Row], urgent: Callable[[Row], bool], offered: Callable[[Row], bool]) -> str:
    """How many urgent and ordinary rows get the urgent reply, the offer line, or neither."""
    cells = []
    for label, wanted in (("urgent rows", "1"), ("ordinary rows", "0")):
        subset = [row for row in rows if row["urgent"] == wanted]
        decided = sum(1 for row in subset if urgent(row))
        offer = sum(1 for row in subset if offered(row) and not urgent(row))
        cells.append(
            f"{label}: urgent {decided}, offered {offer}, nothing {len(subset) - decided - offer}"
        )
    return "; ".join(cells)


def figures(rows: list[Row], decide: Callable[[Row], bool]) -> tuple[str, list[Row], list[Row]]:
    hits = [row for row in rows if decide(row)]
    urgent = [row for row in rows if row["urgent"] == "1"]
    caught = [row for row in hits if row["urgent"] == "1"]
    recall = len(caught) / len(urgent) if urgent else 1.0
    precision = len(caught) / len(hits) if hits else 1.0
    missed = [row for row in urgent if row not in hits]
    false = [row for row in hits if row["urgent"] != "1"]
    text = (
        f"recall {recall:.3f} ({len(caught)}/{len(urgent)})"
        f"  precision {precision:.3f} ({len(caught)}/{len(hits)})"
    )
    return text, missed, false


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rasa-url", help="refresh the stored topic readings from this Rasa")
    parser.add_argument("--rasa-token", default=os.environ.get("ENLACE_RASA_TOKEN"))
    parser.add_argument("--misses", choices=("dev", "heldout", "all", "none"), default="dev")
    args = parser.parse_args()
    sets = {name: read_set(name) for name in SETS}
    if args.rasa_url:
        every = [row for rows in sets.values() for row in rows]
        refresh_readings(every, args.rasa_url.rstrip("/"), args.rasa_token)
    readings = load_readings()
    settings = get_settings()
    offer, decide = settings.urgency_threshold, settings.urgency_decide_threshold
    floor = settings.urgency_pattern_floor
    print(f"urgency offer threshold (ENLACE_URGENCY_THRESHOLD): {offer}")
    print(f"urgency decide threshold (ENLACE_URGENCY_DECIDE_THRESHOLD): {decide}")
    print(f"pattern floor (ENLACE_URGENCY_PATTERN_FLOOR): {floor}")
    for set_name, rows in sets.items():
        print(f"#### {set_name}: {SETS[set_name].name} ({len(rows)} messages)")
        ways = deciders(readings, offer, decide, floor)
        for name, decides in ways.items():
            print(f"== {name}")
            for split in ("dev", "heldout"):
                for language in ("es", "en"):
                    subset = [r for r in rows if r["split"] == split and r["language"] == language]
                    text, missed, false = figures(subset, decides)
                    print(f"  {split:8} {language}  {text}")
                    if name == URGENT_OR_OFFERED and args.misses in (split, "all"):
                        for row in missed:
                            print(f"    missed      {row['id']}: {row['text']}")
                        for row in false:
                            print(f"    false alarm {row['id']}: {row['text']}")
        print("== tiers")
        for split in ("dev", "heldout"):
            for language in ("es", "en"):
                subset = [r for r in rows if r["split"] == split and r["language"] == language]
                if subset:
                    counts = tiers(subset, ways[URGENT], ways[URGENT_OR_OFFERED])
                    print(f"  {split:8} {language}  {counts}")


if __name__ == "__main__":
    main()
