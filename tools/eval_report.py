"""The report `make eval` writes beside its JSON lines: Enlace against two baselines.

`make eval QUESTIONS=q.tsv OUT=r.jsonl` writes `r.md` and its chart `r.svg` when the
questions are labelled (`topic`, `language`; `urgent` and `split` optional). Enlace's figures
come from the JSON lines; the baselines (tools/baselines.py) read the same questions with the
same knowledge base in the same run. Every rate carries its 95 % Wilson interval. The
`heldout` split is the one the verdict is read on; `leaked` rows (near-duplicates of training
examples, tools/leaks.py) are shown apart and never as held-out; the texts of held-out and
leaked mistakes are never printed (reading them would be tuning on them), only their counts.

Rebuild the report of an earlier run:
    python -m tools.eval_report --questions q.tsv --results r.jsonl [--no-baselines]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.settings import REPO_ROOT
from knowledge.loader import load_knowledge_base
from knowledge.training_data import read_exclusions
from tools import baselines
from tools.baselines import Prediction
from tools.evaluation import Evaluation, Labelled
from tools.report_sections import (
    ENLACE,
    chart,
    confusions,
    danger_offers,
    first_answers,
    misses,
    per_topic,
    reply_language,
    segments_and_cost,
    topic_accuracy,
    urgent_figures,
    verdict,
)
from tools.score import read_labels
from tools.train import EXCLUDED_QUESTIONS

FAQ, RASA_DEFAULT = "BM25 FAQ", "Rasa default"
# An assumption, not a fact of shared/reference: Twilio's published US long-code price per
# outbound SMS segment in 2026 (twilio.com/en-us/sms/pricing/us), carrier fees not included.
PRICE_PER_SEGMENT_USD = 0.0083
PRICE_NOTE = (
    "US$ {price} a segment, an assumption: Twilio's published US long-code price per outbound "
    "SMS segment in 2026 (twilio.com/en-us/sms/pricing/us); US carriers add about US$ "
    "0.0025 to 0.0062 a segment and other countries cost more (`--price-per-segment` changes it)"
)


def is_labelled(path: Path) -> bool:
    """A questions file the report can score: single messages with topic and language labels."""
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
    return {"topic", "language"} <= set(header) and "conversation" not in header


def read_rows(path: Path) -> list[Labelled]:
    return [
        Labelled(
            text=row["text"],
            language=row["language"],
            topic=row["topic"],
            urgent=row.get("urgent") == "1",
            split=row.get("split") or "all",
        )
        for row in read_labels(path)
    ]


def enlace_predictions(results: list[dict[str, Any]]) -> list[Prediction]:
    return [Prediction(r.get("topic"), urgent=bool(r.get("urgent"))) for r in results]


def build(
    questions: Path,
    results: list[dict[str, Any]],
    with_baselines: bool,
    rasa_config: Path = baselines.RASA_DEFAULT_CONFIG,
) -> tuple[Evaluation, list[str]]:
    """Every system's predictions on the questions, and notes on how they were made."""
    rows = read_rows(questions)
    if len(rows) != len(results):
        raise SystemExit(f"{len(rows)} questions but {len(results)} results")
    kb = load_knowledge_base(REPO_ROOT / "knowledge")
    evaluation = Evaluation(rows, results, {ENLACE: enlace_predictions(results)}, set(kb.topics))
    notes = []
    if with_baselines:
        matcher = baselines.FaqMatcher(kb, read_exclusions([EXCLUDED_QUESTIONS, questions]))
        evaluation.systems[FAQ] = [matcher.predict(row.text) for row in rows]
        model = baselines.rasa_default_model(rasa_config)
        urgent_topics = {topic.id for topic in kb.topics.values() if topic.urgent}
        evaluation.systems[RASA_DEFAULT] = baselines.rasa_default_predictions(
            [row.text for row in rows], urgent_topics, model
        )
        notes.append(
            f"Rasa default: `{_shown(rasa_config)}`, model `{model.relative_to(REPO_ROOT)}`"
        )
    return evaluation, notes


def render(
    evaluation: Evaluation, questions: str, chart_name: str, price: float, notes: list[str]
) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Evaluation report",
        "",
        f"{len(evaluation.rows)} questions of `{questions}`, each the first SMS of a new "
        f"conversation, {when}. Systems: {', '.join(evaluation.systems)} (what each baseline "
        "is: docs/evaluation.md). Rates read: value (hits/total, 95 % Wilson interval).",
        *(f"{note}." for note in notes),
        "",
    ]
    sections = (
        verdict(evaluation),
        topic_accuracy(evaluation, chart_name),
        urgent_figures(evaluation),
        danger_offers(evaluation),
        per_topic(evaluation),
        confusions(evaluation),
        reply_language(evaluation),
        segments_and_cost(evaluation, price, PRICE_NOTE.format(price=price)),
        first_answers(evaluation),
        misses(evaluation),
    )
    for section in sections:
        lines += [*section, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_report(
    questions: Path,
    results_path: Path,
    *,
    with_baselines: bool = True,
    price: float = PRICE_PER_SEGMENT_USD,
    rasa_config: Path = baselines.RASA_DEFAULT_CONFIG,
) -> Path:
    """Write `<results>.md` and `<results>.svg` beside the results; returns the Markdown."""
    results = [json.loads(line) for line in results_path.read_text().splitlines() if line]
    evaluation, notes = build(questions, results, with_baselines, rasa_config)
    svg = results_path.with_suffix(".svg")
    svg.write_text(chart(evaluation), encoding="utf-8")
    report = results_path.with_suffix(".md")
    shown = _shown(questions)
    report.write_text(render(evaluation, shown, svg.name, price, notes), encoding="utf-8")
    return report


def _shown(path: Path) -> str:
    """The path as typed from the repository, never this machine's absolute path."""
    resolved = path.resolve()
    return str(resolved.relative_to(REPO_ROOT)) if resolved.is_relative_to(REPO_ROOT) else path.name


def add_options(parser: argparse.ArgumentParser) -> None:
    """The report's options, shared with `make eval` (tools/evaluate.py)."""
    parser.add_argument("--no-baselines", action="store_true", help="report Enlace alone")
    parser.add_argument("--price-per-segment", type=float, default=PRICE_PER_SEGMENT_USD)
    parser.add_argument(
        "--rasa-baseline",
        type=Path,
        default=baselines.RASA_DEFAULT_CONFIG,
        help="the Rasa config of the default-pipeline baseline",
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    add_options(parser)
    args = parser.parse_args()
    if not is_labelled(args.questions):
        raise SystemExit(f"{args.questions}: no `topic` and `language` labels to score against")
    report = write_report(
        args.questions,
        args.results,
        with_baselines=not args.no_baselines,
        price=args.price_per_segment,
        rasa_config=args.rasa_baseline,
    )
    print(f"wrote {report}", file=sys.stderr)


if __name__ == "__main__":
    main()
