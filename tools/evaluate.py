"""`make eval`: send every question as the first SMS of a new conversation, write JSON lines.

Reads only the `text` column of the TSV. Uses the running stack on port 8000 when it is
healthy; otherwise starts a private one (own ports, throwaway SQLite) and stops it after.
"""

from __future__ import annotations

import argparse
import csv
import json
import secrets
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from core.crypto import new_data_key
from tools.ports import free_port
from tools.stack import Stack, is_healthy
from tools.train import model_path

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
)


def read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            raise SystemExit(f"{path}: the header has no `text` column")
        return [row["text"] or "" for row in reader]


@contextmanager
def running_stack() -> Iterator[str]:
    if is_healthy(DEFAULT_URL):
        yield DEFAULT_URL
        return
    with tempfile.TemporaryDirectory(prefix="enlace-eval-") as tmp:
        stack = Stack(
            app_port=free_port(),
            rasa_port=free_port(),
            log_dir=Path(tmp),
            env={
                "ENLACE_DATABASE_URL": f"sqlite:///{tmp}/eval.db",
                "ENLACE_DATA_KEY": new_data_key(),
                "ENLACE_LOOKUP_KEY": secrets.token_urlsafe(32),
                "ENLACE_ENVIRONMENT": "development",
            },
        )
        print("starting a private stack for the evaluation …", file=sys.stderr, flush=True)
        stack.start_rasa(model_path())
        stack.start_app()
        with stack.serving():
            yield stack.app_url


def fresh_number() -> str:
    """A number no conversation has used, so every text opens a new conversation."""
    return "+1999" + "".join(secrets.choice("0123456789") for _ in range(9))


def evaluate(texts: list[str], base_url: str, out: Path) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client, out.open("w") as sink:
        for text in texts:
            response = client.post(
                "/simulator/api/messages",
                json={"channel": "sms", "phone": fresh_number(), "text": text[:1600]},
            )
            response.raise_for_status()
            turn = response.json()
            row = {name: turn.get(name) for name in FIELDS}
            row["text"] = text
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    texts = read_texts(args.questions)
    with running_stack() as base_url:
        evaluate(texts, base_url, args.out)
    print(f"wrote {len(texts)} results to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
