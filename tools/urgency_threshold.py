"""The urgency classifier's threshold, chosen for recall by cross-validation on allowed data only.

The classifier (bot/components/urgency_classifier.py) is trained on the author's urgency set
and the `dev` rows of the outside writers' sets (tools/urgency_data.py); a threshold read off
its predictions on its own training rows would be far too high. So those dev rows are scored
out of fold (tools/rasa_side/urgency_folds.py, in the Rasa environment: `--repeats` shuffles
of `--folds` stratified folds, each scored by a model trained on everything else) and
combined with the red-flag patterns as the app combines them (urgent if the patterns say so,
or the probability is at or above the threshold). Two thresholds are printed, in steps of
0.01: the highest at which every urgent dev row is caught in every repeat (`*`; one odd row
decides it), and the highest at which the mean recall over repeats is at least
RECALL_TARGET in each language (`+`, the default's rule since the classifier answers with the
URGENT offer rather than a case: docs/urgency.md). The held-out rows are never read.

Usage: python -m tools.urgency_threshold [--repeats 5] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from core.settings import REPO_ROOT, get_settings
from tools import urgency_data
from tools.score_urgency import deciders, load_readings, read_set, reading_key
from tools.train import RASA_PYTHON, rasa_env

FOLDS_SCRIPT = REPO_ROOT / "tools" / "rasa_side" / "urgency_folds.py"
STEP = 0.01
RECALL_TARGET = 0.98

Row = dict[str, str]


def out_of_fold(repeats: int, folds: int) -> dict[str, list[float]]:
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
    """Per language: (lowest recall over repeats, mean recall, mean precision) at threshold t."""
    result = {}
    repeats = len(next(iter(probabilities.values())))
    for language in ("es", "en"):
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
    """The highest threshold (a multiple of STEP) that misses no urgent row in any repeat."""
    missed_by_patterns = [
        reading_key(r) for r in rows if r["urgent"] == "1" and not caught[reading_key(r)]
    ]
    lowest = min((min(probabilities[i]) for i in missed_by_patterns), default=1.0)
    steps = int(lowest / STEP + 1e-9)
    return round(steps * STEP, 2)


def highest_mean_recall(
    rows: list[Row], caught: dict[str, bool], probabilities: dict[str, list[float]]
) -> float:
    """The highest threshold whose mean recall over repeats is RECALL_TARGET in each language."""
    best = STEP
    for step in range(1, int(1 / STEP)):
        t = round(step * STEP, 2)
        means = [mean for _, mean, _ in figures(rows, caught, probabilities, t).values()]
        if min(means) >= RECALL_TARGET:
            best = t
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    probabilities = out_of_fold(args.repeats, args.folds)
    # A dev row left out of training (a near-duplicate of a held-out row) has no probability.
    rows = [row for row in dev_rows() if reading_key(row) in probabilities]
    readings = load_readings()
    patterns = deciders(readings, urgency_threshold=1.0)["patterns"]
    caught = {reading_key(row): patterns(row) for row in rows}
    chosen = highest_full_recall(rows, caught, probabilities)
    by_mean = highest_mean_recall(rows, caught, probabilities)
    print(
        f"outside sets' dev rows, out of fold ({args.repeats} x {args.folds}-fold), patterns or"
        " probability >= t:"
    )
    configured = get_settings().urgency_threshold
    for t in sorted({chosen, by_mean, configured, 0.1, 0.2, 0.3, 0.45, 0.55}):
        if not 0.0 <= t <= 1.0:
            continue
        cells = "  ".join(
            f"{language} recall {low:.3f} (mean {mean:.3f}) precision {precision:.3f}"
            for language, (low, mean, precision) in figures(rows, caught, probabilities, t).items()
        )
        mark = "".join(
            sign if t == value else " "
            for sign, value in (("*", chosen), ("+", by_mean), ("=", configured))
        )
        print(f"  t {t:.2f} {mark} {cells}")
    print(f"* highest threshold with full recall in every repeat: {chosen:.2f}")
    print(f"+ highest threshold with mean recall >= {RECALL_TARGET} per language: {by_mean:.2f}")
    print(f"= ENLACE_URGENCY_THRESHOLD now: {configured:.2f}")


if __name__ == "__main__":
    main()
