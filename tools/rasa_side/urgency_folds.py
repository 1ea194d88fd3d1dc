"""Run with the Rasa environment's Python: out-of-fold urgency probabilities for threshold choice.

Reads the urgency classifier's training file (bot/data/urgency/messages.tsv) and, for each of
`repeats` shuffles, splits the rows of the outside writers' sets (every `set` but `own`: their
dev rows, ids `set/id`) into `folds` stratified by language and label; each fold is scored by
the component's own pipeline trained on every other row (the author's set always included). Writes
{id: [probability per repeat]} as JSON to the file named by the last argument (Rasa's imports
print to stdout). Used by tools/urgency_threshold.py, in the app's environment.

An optional last argument, a JSON object, overrides the component's default configuration
(to compare model options by the same out-of-fold rule).

Usage: python urgency_folds.py TRAINING_FILE REPEATS FOLDS OUT [CONFIG_JSON]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
from components.urgency_classifier import (
    FIT_WEIGHTS,
    UrgencyClassifier,
    new_pipeline,
    row_weights,
)
from sklearn.model_selection import StratifiedKFold

SEED = 20261202


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def out_of_fold(
    rows: list[dict[str, str]], repeats: int, folds: int, overrides: dict[str, object]
) -> dict[str, list[float]]:
    config = {**UrgencyClassifier.get_default_config(), **overrides}
    scored = [i for i, row in enumerate(rows) if row["set"] != "own"]
    always = [i for i, row in enumerate(rows) if row["set"] == "own"]
    strata = [rows[i]["language"] + rows[i]["urgent"] for i in scored]
    texts = [row["text"] for row in rows]
    labels = np.array([int(row["urgent"]) for row in rows])
    weights = row_weights(config, [row["set"] for row in rows])
    result: dict[str, list[float]] = {rows[i]["id"]: [] for i in scored}
    for repeat in range(repeats):
        splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED + repeat)
        for train, test in splitter.split(scored, strata):
            fit = always + [scored[i] for i in train]
            pipeline = new_pipeline(config)
            pipeline.fit([texts[i] for i in fit], labels[fit], **fit_weights(weights, fit))
            urgent = list(pipeline.classes_).index(1)
            tested = [scored[i] for i in test]
            probabilities = pipeline.predict_proba([texts[i] for i in tested])[:, urgent]
            for index, probability in zip(tested, probabilities, strict=True):
                result[rows[index]["id"]].append(round(float(probability), 4))
    return result


def fit_weights(weights: np.ndarray | None, fit: list[int]) -> dict[str, np.ndarray]:
    """The sample weights of the fitted rows, named for the pipeline's last step."""
    if weights is None:
        return {}
    return {FIT_WEIGHTS: weights[fit]}


def main() -> None:
    path, repeats, folds, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    overrides = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}
    result = out_of_fold(read(Path(path)), repeats, folds, overrides)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
