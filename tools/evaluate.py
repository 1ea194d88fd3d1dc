"""`make eval`: send every question as the first SMS of a new conversation, write JSON lines.

Reads the `text` column of the TSV. With a `conversation` column, rows with the same value
are sent in order from one phone as one conversation (a new phone per conversation) and each
output line also carries `conversation` and `turn` (1, 2, …); an optional `channel` column
(`sms`, `whatsapp`) sends a conversation over WhatsApp. Uses the running stack on port 8000
when it is healthy (or a private one with `--private`); otherwise starts a private one (own
ports, throwaway SQLite) and stops it after. When the questions are labelled (`topic`,
`language`), it then writes the report with the baselines beside the JSON lines
(tools/eval_report.py: `r.jsonl` -> `r.md`, `r.svg`).
"""

from __future__ import annotations

import argparse
import csv
import json
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tools.eval_report import add_options, is_labelled, write_report
from tools.stack import is_healthy, private_stack

DEFAULT_URL = "http://127.0.0.1:8000"
FIELDS = (
    "text",
    "language",
    "topic",
    "confidence",
    "urgent",
    "escalated",
    "article_id",
    "reply",
    "sms_segments",
    "latency_ms",
    "possible_danger",
)


@dataclass(frozen=True)
class Question:
    text: str
    conversation: str | None = None  # None: a conversation of its own
    channel: str = "sms"


def read_questions(path: Path) -> list[Question]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            raise SystemExit(f"{path}: the header has no `text` column")
        return [
            Question(row["text"] or "", row.get("conversation"), row.get("channel") or "sms")
            for row in reader
        ]


def read_texts(path: Path) -> list[str]:
    return [question.text for question in read_questions(path)]


@contextmanager
def running_stack(*, private: bool = False) -> Iterator[str]:
    if not private and is_healthy(DEFAULT_URL):
        yield DEFAULT_URL
        return
    with private_stack("evaluation") as stack:
        yield stack.app_url


def fresh_number() -> str:
    """A number no conversation has used, so every text opens a new conversation."""
    return "+1999" + "".join(secrets.choice("0123456789") for _ in range(9))


def evaluate(questions: list[Question], base_url: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with httpx.Client(base_url=base_url, timeout=60) as client, out.open("w") as sink:
        for row in play(client, questions):
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def play(client: httpx.Client, questions: list[Question]) -> Iterator[dict[str, Any]]:
    """One output row per question, sending each conversation's rows from one new phone."""
    phones: dict[str, str] = {}
    turns: dict[str, int] = {}
    for question in questions:
        key = question.conversation
        phone = fresh_number() if key is None else phones.setdefault(key, fresh_number())
        response = client.post(
            "/simulator/api/messages",
            json={"channel": question.channel, "phone": phone, "text": question.text[:1600]},
        )
        response.raise_for_status()
        turn = response.json()
        row = {name: turn.get(name) for name in FIELDS}
        row["text"] = question.text
        if key is not None:
            turns[key] = turns.get(key, 0) + 1
            row["conversation"], row["turn"] = key, turns[key]
        yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--private", action="store_true", help="never use the stack on :8000")
    parser.add_argument("--no-report", action="store_true", help="the JSON lines only")
    add_options(parser)
    args = parser.parse_args()
    questions = read_questions(args.questions)
    with running_stack(private=args.private) as base_url:
        evaluate(questions, base_url, args.out)
    print(f"wrote {len(questions)} results to {args.out}", file=sys.stderr)
    if not args.no_report and is_labelled(args.questions):
        report = write_report(
            args.questions,
            args.out,
            with_baselines=not args.no_baselines,
            price=args.price_per_segment,
            rasa_config=args.rasa_baseline,
        )
        print(f"wrote the report {report} and its chart", file=sys.stderr)


if __name__ == "__main__":
    main()
