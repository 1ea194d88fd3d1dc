"""The urgency classifier's threshold, chosen for recall by cross-validation on allowed data only.

The classifier (bot/components/urgency_classifier.py) is trained on the author's urgency set
and the `dev` rows of the outside writers' sets (tools/urgency_data.py); a threshold read off
its predictions on its own training rows would be far too high. So those dev rows are scored
out of fold (tools/rasa_side/urgency_folds.py, in the Rasa environment: `--repeats` shuffles
of `--folds` stratified folds, each scored by a model trained on everything else) and
and the thresholds are read off the classifier alone, in steps of 0.01:
  * the highest at which every urgent dev row is caught in every repeat (`*`; one odd row
    decides it);
  * the highest at which the mean recall over repeats is at least RECALL_TARGET in each
    language (`+`, the offer threshold's rule: there the classifier answers with the URGENT
    offer, a line, rather than a case);
  * the lowest from which on the mean precision over repeats stays at least PRECISION_TARGET
    in each language (`^`, the decide threshold's rule: there its reading alone gives the
    urgent reply and opens an urgent case);
  * the pattern floor (`ENLACE_URGENCY_PATTERN_FLOOR`): the highest below which the classifier
    may overrule the patterns (conversations.urgency.classifier_overrules) while patterns-or-
    classifier at the decide rule's threshold still catches every urgent dev row it caught
    without a floor, in every repeat (recall first).
Then each set's dev rows, per language, out of fold at those thresholds: the classifier alone,
patterns or classifier (before the floor) and the app's decision (patterns kept or classifier),
as mean recall, mean precision and mean false alarms among its ordinary rows.
The rules read the classifier alone because the red-flag patterns were written against these
same dev rows: patterns-or-classifier reach 0.99 recall and 0.96 precision at any threshold
(training figures, 0.71-0.81 recall held-out), which would let a classifier of any quality
pass. Patterns-or-classifier figures are printed beside them, as the app combines the two.
The held-out rows are never read (docs/urgency.md).

Usage: python -m tools.urgency_threshold [--repeats 5] [--folds 5] [--config JSON]
       [--probabilities FOLDS_OUTPUT.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from conversations.urgency import classifier_overrules
from core.settings import REPO_ROOT, get_settings
from tools import urgency_data
from tools.score_urgency import deciders, load_readings, read_set, reading_key
from tools.train import RASA_PYTHON, rasa_env

FOLDS_SCRIPT = REPO_ROOT / "tools" / "rasa_side" / "urgency_folds.py"
STEP = 0.01
RECALL_TARGET = 0.98
PRECISION_TARGET = 0.9
LANGUAGES = ("es", "en")

Row = dict[str, str]


def out_of_fold(repeats: int, folds: int, config: str = "{}") -> dict[str, list[float]]:
    """{set/id: probability per repeat}; `config` (JSON) overrides the component's options."""
    urgency_data.write()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "folds.json"
        completed = subprocess.run(
            [
                str(RASA_PYTHON),
                str(FOLDS_SCRIPT),
                str(urgency_data.TRAINING_FILE),
                str(repeats),
                str(folds),
                str(out),
                config,
            ],
            env=rasa_env(),
            capture_output=True,  # Rasa's imports log to both streams
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise SystemExit(f"urgency_folds.py failed:\n{completed.stderr[-3000:]}")
        result: dict[str, list[float]] = json.loads(out.read_text(encoding="utf-8"))
    return result


def dev_rows() -> list[Row]:
    return [row for name in urgency_data.OUTSIDE_SETS for row in read_set(name) if is_dev(row)]


def is_dev(row: Row) -> bool:
    return row["split"] == "dev"


def figures(
    rows: list[Row], caught: dict[str, bool], probabilities: dict[str, list[float]], t: float
) -> dict[str, tuple[float, float, float]]:
    """Per language: (lowest recall over repeats, mean recall, mean precision) at threshold t,
    of patterns or classifier; with `caught` all False, of the classifier alone."""
    result = {}
    repeats = len(next(iter(probabilities.values())))
    for language in LANGUAGES:
        subset = [row for row in rows if row["language"] == language]
        recalls, precisions = [], []
        for repeat in range(repeats):
            hits = [
                r
                for r in subset
                if caught[reading_key(r)] or probabilities[reading_key(r)][repeat] >= t
            ]
            urgent = [r for r in subset if r["urgent"] == "1"]
            true = [r for r in hits if r["urgent"] == "1"]
            recalls.append(len(true) / len(urgent))
            precisions.append(len(true) / len(hits) if hits else 1.0)
        result[language] = (min(recalls), sum(recalls) / repeats, sum(precisions) / repeats)
    return result


def highest_full_recall(
    rows: list[Row], caught: dict[str, bool], probabilities: dict[str, list[float]]
) -> float:
    """The highest threshold (a multiple of STEP) that misses no urgent row in any repeat,
    beside what `caught` (all False: the classifier alone) catches."""
    missed_by_patterns = [
        reading_key(r) for r in rows if r["urgent"] == "1" and not caught[reading_key(r)]
    ]
    lowest = min((min(probabilities[i]) for i in missed_by_patterns), default=1.0)
    steps = int(lowest / STEP + 1e-9)
    return round(steps * STEP, 2)


def highest_mean_recall(
    rows: list[Row],
    caught: dict[str, bool],
    probabilities: dict[str, list[float]],
    languages: tuple[str, ...] = LANGUAGES,
) -> float:
    """The highest threshold whose mean recall over repeats is RECALL_TARGET in each of
    `languages` (one of them: that language's own threshold)."""
    best = STEP
    for step in range(1, int(1 / STEP)):
        t = round(step * STEP, 2)
        by_language = figures(rows, caught, probabilities, t)
        if min(by_language[language][1] for language in languages) >= RECALL_TARGET:
            best = t
    return best


def lowest_precise(
    rows: list[Row],
    probabilities: dict[str, list[float]],
    languages: tuple[str, ...] = LANGUAGES,
) -> float:
    """The lowest threshold from which on the classifier alone keeps a mean precision over
    repeats of PRECISION_TARGET in each of `languages` (1.0 if none: it would never decide)."""
    alone = {reading_key(row): False for row in rows}
    lowest = 1.0
    for step in reversed(range(1, int(1 / STEP) + 1)):
        t = round(step * STEP, 2)
        by_language = figures(rows, alone, probabilities, t)
        if min(by_language[language][2] for language in languages) < PRECISION_TARGET:
            break
        lowest = t
    return lowest


def urgent_caught(
    rows: list[Row],
    caught: dict[str, bool],
    probabilities: dict[str, list[float]],
    decide: float,
    floor: float,
) -> list[int]:
    """Per repeat, how many urgent rows patterns-or-classifier catches, the patterns being
    overruled below `floor` (`caught`: the patterns' reading of each row)."""
    urgent = [row for row in rows if row["urgent"] == "1"]
    repeats = len(next(iter(probabilities.values())))
    counts = []
    for repeat in range(repeats):
        counts.append(
            sum(1 for row in urgent if decided(row, caught, probabilities, decide, floor, repeat))
        )
    return counts


def decided(
    row: Row,
    caught: dict[str, bool],
    probabilities: dict[str, list[float]],
    decide: float,
    floor: float,
    repeat: int,
) -> bool:
    """The app's decision on a row in one repeat (small talk aside: no row of the sets is read
    as small talk over the decide threshold, docs/urgency.md)."""
    key = reading_key(row)
    probability = probabilities[key][repeat]
    kept = caught[key] and not classifier_overrules(probability, floor, row["text"])
    return kept or probability >= decide


def highest_floor(
    rows: list[Row], caught: dict[str, bool], probabilities: dict[str, list[float]], decide: float
) -> float:
    """The highest pattern floor (a multiple of STEP) that loses no urgent row patterns-or-
    classifier catches without one, in any repeat."""
    unfloored = urgent_caught(rows, caught, probabilities, decide, 0.0)
    best = 0.0
    for step in range(1, int(1 / STEP)):
        floor = round(step * STEP, 2)
        if urgent_caught(rows, caught, probabilities, decide, floor) != unfloored:
            break
        best = floor
    return best


def per_set(
    rows: list[Row],
    caught: dict[str, bool],
    probabilities: dict[str, list[float]],
    decide: float,
    floor: float,
) -> list[str]:
    """Each set's dev rows per language, then all of them: mean recall / mean precision / mean
    false alarms of the classifier alone, patterns or classifier, and patterns kept or
    classifier."""
    repeats = len(next(iter(probabilities.values())))
    never = {reading_key(row): False for row in rows}
    ways = (("alone", never, 1.0), ("or", caught, 0.0), ("app", caught, floor))
    lines = []
    for name in [*urgency_data.OUTSIDE_SETS, "all"]:
        for language in LANGUAGES:
            subset = [r for r in rows if name in (r["set"], "all") and r["language"] == language]
            urgent = sum(1 for r in subset if r["urgent"] == "1")
            cells = []
            for label, reading, way_floor in ways:
                hits = [
                    [r for r in subset if decided(r, reading, probabilities, decide, way_floor, i)]
                    for i in range(repeats)
                ]
                true = sum(sum(1 for r in h if r["urgent"] == "1") for h in hits) / repeats
                false = sum(len(h) for h in hits) / repeats - true
                recall = true / urgent if urgent else 1.0
                precision = true / (true + false) if true + false else 1.0
                cells.append(f"{label} {recall:.3f} / {precision:.3f} / {false:5.1f}")
            lines.append(
                f"  {name:9} {language} ({urgent:3} urgent, {len(subset) - urgent:3} ordinary)  "
                + "  ".join(cells)
            )
    return lines


def per_language_rules(rows: list[Row], probabilities: dict[str, list[float]]) -> str:
    """The two rules read in each language alone: what per-language thresholds would be."""
    alone = {reading_key(row): False for row in rows}
    cells = []
    for language in LANGUAGES:
        offer = highest_mean_recall(rows, alone, probabilities, (language,))
        decide = lowest_precise(rows, probabilities, (language,))
        cells.append(f"{language} + {offer:.2f} ^ {decide:.2f}")
    return "per language (the classifier alone): " + "; ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default="{}", help="JSON overriding the component's options")
    parser.add_argument(
        "--probabilities",
        type=Path,
        help="the folds script's saved output (same training file, repeats and folds) instead of"
        " computing it again",
    )
    args = parser.parse_args()
    if args.probabilities:
        probabilities = json.loads(args.probabilities.read_text(encoding="utf-8"))
    else:
        probabilities = out_of_fold(args.repeats, args.folds, args.config)
    # A dev row left out of training (a near-duplicate of a held-out row) has no probability.
    rows = [row for row in dev_rows() if reading_key(row) in probabilities]
    readings = load_readings()
    patterns = deciders(readings, urgency_threshold=1.0)["patterns"]
    caught = {reading_key(row): patterns(row) for row in rows}
    alone = {reading_key(row): False for row in rows}
    chosen = highest_full_recall(rows, alone, probabilities)
    by_mean = highest_mean_recall(rows, alone, probabilities)
    precise = lowest_precise(rows, probabilities)
    settings = get_settings()
    configured, deciding = settings.urgency_threshold, settings.urgency_decide_threshold
    marks = (("*", chosen), ("+", by_mean), ("=", configured), ("^", precise), ("#", deciding))
    shown = {chosen, by_mean, configured, precise, deciding, 0.1, 0.2, 0.3, 0.45, 0.55, 0.7, 0.8}
    print(
        f"outside sets' dev rows, out of fold ({args.repeats} x {args.folds}-fold), patterns or"
        " probability >= t, and [the classifier alone: mean recall / mean precision]:"
    )
    for t in sorted(t for t in shown if 0.0 <= t <= 1.0):
        by_language = figures(rows, caught, probabilities, t)
        by_classifier = figures(rows, alone, probabilities, t)
        cells = "  ".join(
            f"{language} recall {low:.3f} (mean {mean:.3f}) precision {precision:.3f}"
            f" [{by_classifier[language][1]:.3f} / {by_classifier[language][2]:.3f}]"
            for language, (low, mean, precision) in by_language.items()
        )
        mark = "".join(sign if t == value else " " for sign, value in marks)
        print(f"  t {t:.2f} {mark} {cells}")
    print("the classifier alone:")
    print(f"* highest threshold with full recall in every repeat: {chosen:.2f}")
    print(f"+ highest threshold with mean recall >= {RECALL_TARGET} per language: {by_mean:.2f}")
    print(
        f"^ lowest threshold from which mean precision stays >= {PRECISION_TARGET} per language:"
        f" {precise:.2f}"
    )
    print(per_language_rules(rows, probabilities))
    print(f"= ENLACE_URGENCY_THRESHOLD now: {configured:.2f}")
    print(f"# ENLACE_URGENCY_DECIDE_THRESHOLD now: {deciding:.2f}")
    floor = highest_floor(rows, caught, probabilities, precise)
    print(
        f"pattern floor: the highest that loses no urgent row in any repeat at ^ {precise:.2f}:"
        f" {floor:.2f} (ENLACE_URGENCY_PATTERN_FLOOR now: {settings.urgency_pattern_floor:.2f})"
    )
    print(
        f"per set, out of fold at ^ {precise:.2f} and floor {floor:.2f}, recall / precision /"
        " false alarms: the classifier alone, patterns or classifier, the app (patterns kept or"
        " classifier):"
    )
    print("\n".join(per_set(rows, caught, probabilities, precise, floor)))


if __name__ == "__main__":
    main()
