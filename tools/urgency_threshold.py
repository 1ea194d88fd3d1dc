"""The urgency classifier's threshold, chosen for recall by cross-validation on allowed data only.

The classifier (bot/components/urgency_classifier.py) is trained on the author's urgency set
and the `dev` rows of the outside set; a threshold read off its predictions on its own training
rows would be far too high. So the outside dev rows are scored out of fold
(tools/rasa_side/urgency_folds.py, in the Rasa environment: `--repeats` shuffles of
`--folds` stratified folds, each scored by a model trained on everything else), and combined
with the red-flag patterns as the app combines them (urgent if the patterns say so, or the
probability is at or above the threshold). The threshold printed is the highest, in steps of
0.01, at which every urgent outside dev row is caught in every repeat, in each language; the
table around it shows what precision costs. The held-out rows are never read.

Usage: python -m tools.urgency_threshold [--repeats 5] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from core.settings import REPO_ROOT
from tools import urgency_data
from tools.score_urgency import READINGS, deciders
from tools.train import RASA_PYTHON, rasa_env

FOLDS_SCRIPT = REPO_ROOT / "tools" / "rasa_side" / "urgency_folds.py"
STEP = 0.01

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
    return [row for row in urgency_data.read_rows(urgency_data.OUTSIDE) if row["split"] == "dev"]


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
            hits = [r for r in subset if caught[r["id"]] or probabilities[r["id"]][repeat] >= t]
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
    missed_by_patterns = [r["id"] for r in rows if r["urgent"] == "1" and not caught[r["id"]]]
    lowest = min((min(probabilities[i]) for i in missed_by_patterns), default=1.0)
    steps = int(lowest / STEP + 1e-9)
    return round(steps * STEP, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = dev_rows()
    readings = {line["id"]: line for line in map(json.loads, READINGS.read_text().splitlines())}
    patterns = deciders(readings, urgency_threshold=1.0)["patterns"]
    caught = {row["id"]: patterns(row) for row in rows}
    probabilities = out_of_fold(args.repeats, args.folds)
    chosen = highest_full_recall(rows, caught, probabilities)
    print(
        f"outside dev rows, out of fold ({args.repeats} x {args.folds}-fold), patterns or"
        " probability >= t:"
    )
    for t in sorted({round(chosen + d, 2) for d in (-0.2, -0.1, -0.05, 0.0, 0.05, 0.1)}):
        if not 0.0 <= t <= 1.0:
            continue
        cells = "  ".join(
            f"{language} recall {low:.3f} (mean {mean:.3f}) precision {precision:.3f}"
            for language, (low, mean, precision) in figures(rows, caught, probabilities, t).items()
        )
        print(f"  t {t:.2f}{' *' if t == chosen else '  '} {cells}")
    print(f"highest threshold with full recall in every repeat: {chosen:.2f}")


if __name__ == "__main__":
    main()
