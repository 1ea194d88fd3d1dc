"""`make compare-nlu`: topic accuracy and training time of NLU pipelines on the dev split.

Trains an NLU-only model per Rasa config on the same generated training data and scores
each on the `dev` rows of the evaluation set (never the held-out rows: choosing a pipeline
is tuning). The first config is the baseline; the others are reported as ratios to it.

Usage: python -m tools.compare_nlu [--configs bot/experiments/diet.yml bot/config.yml]
       [--questions tests/data/dev_questions.tsv] [--split dev]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.settings import REPO_ROOT
from core.text import normalize_for_nlu
from tools.score import read_labels
from tools.train import BOT, RASA, RASA_PYTHON, generate_topic_examples, rasa_env

PARSE_SCRIPT = REPO_ROOT / "tools" / "rasa_side" / "parse_texts.py"
DEFAULT_CONFIGS = (BOT / "experiments" / "diet.yml", BOT / "config.yml")


@dataclass(frozen=True)
class Outcome:
    config: Path
    train_seconds: float
    counts: dict[str, tuple[int, int]]
    fallbacks: dict[str, int]


def train_nlu(config: Path, out: Path) -> tuple[Path, float]:
    started = time.perf_counter()
    run_quietly(
        [
            str(RASA),
            "train",
            "nlu",
            "--config",
            str(config),
            "--nlu",
            "data/nlu",
            "--out",
            str(out),
            "--fixed-model-name",
            "nlu",
        ]
    )
    return out / "nlu.tar.gz", time.perf_counter() - started


def predict(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    out = model.with_suffix(".predictions.json")
    run_quietly(
        [str(RASA_PYTHON), str(PARSE_SCRIPT), str(model), str(out)], stdin=json.dumps(texts)
    )
    rows: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return rows


def run_quietly(command: list[str], stdin: str | None = None) -> None:
    """Rasa's progress bars and warnings are shown only when the command fails."""
    completed = subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=BOT, env=rasa_env(), check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{completed.stderr[-4000:]}")


def evaluate(config: Path, rows: list[dict[str, str]], workdir: Path) -> Outcome:
    model, seconds = train_nlu(config, workdir / config.stem)
    predicted = predict(model, [normalize_for_nlu(row["text"]) for row in rows])
    hits: dict[str, list[bool]] = defaultdict(list)
    fallbacks: dict[str, int] = defaultdict(int)
    for row, prediction in zip(rows, predicted, strict=True):
        # Scored like `make score`: the best-ranked topic, also when the model was unsure.
        hits[row["language"]].append(prediction["best"] == row["topic"])
        fallbacks[row["language"]] += prediction["intent"] == "nlu_fallback"
    return Outcome(
        config=config,
        train_seconds=seconds,
        counts={language: (sum(h), len(h)) for language, h in hits.items()},
        fallbacks=dict(fallbacks),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--configs", type=Path, nargs="+", default=list(DEFAULT_CONFIGS))
    parser.add_argument(
        "--questions", type=Path, default=REPO_ROOT / "tests/data/dev_questions.tsv"
    )
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    if args.split == "heldout":
        raise SystemExit("comparing pipelines on the held-out split would tune on it; use dev")
    rows = [
        row for row in read_labels(args.questions) if row.get("split", args.split) == args.split
    ]
    generate_topic_examples()
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = [evaluate(config.resolve(), rows, Path(tmp)) for config in args.configs]
    baseline = outcomes[0]
    print(f"NLU topic accuracy on the {args.split!r} split ({len(rows)} messages)")
    for outcome in outcomes:
        scores = "  ".join(
            f"{language} {hit / total:.3f} ({hit}/{total}, {outcome.fallbacks[language]} unsure)"
            for language, (hit, total) in sorted(outcome.counts.items())
        )
        ratio = outcome.train_seconds / baseline.train_seconds
        print(
            f"  {outcome.config.relative_to(REPO_ROOT)!s:<28} {scores}  "
            f"train {outcome.train_seconds:.0f} s ({ratio:.2f}x baseline)"
        )


if __name__ == "__main__":
    main()
