"""`make bench`: how fast Enlace answers signed Twilio SMS on its production shape.

Starts its own stack (a throwaway PostgreSQL, a fake Twilio Messages API on loopback that
answers 201 and notes each arrival, Rasa with the trained model, the app sending through the
real Twilio sender) and measures, each timing also as a ratio to Rasa's bare `/model/parse`
round trip measured in the same run:

* model training time (a fresh `rasa train` into a scratch directory; --skip-training),
  model load time (Rasa started to its first parse) and app start time;
* webhook-to-outbox and webhook-to-sent latency (p50, p95, p99) at a fixed rate (--rate
  messages per second for --seconds) and at saturation (a --burst of messages), posted by a
  separate process (tools/bench_driver.py) as signed webhooks over loopback; sustained
  messages per second; and the count: every message got exactly one reply set, sent, in each
  sender's order (nothing lost, nothing answered twice);
* peak resident memory of Rasa, the app and PostgreSQL;
* a first turn's latency as the knowledge base doubles (--kb-factors) and after --rows
  synthetic stored messages (default one million) are inserted in PostgreSQL.

It prints JSON (also written to var/bench/), then, last, a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from core.settings import REPO_ROOT
from tools.bench_phase import run_phase
from tools.bench_spans import phase_spans
from tools.bench_stack import BenchStack, insert_conversations, multiplied_knowledge
from tools.bench_stack import peak_resident_mb as peak
from tools.bench_summary import add_ratios, summary_line
from tools.bench_tally import latency_summary
from tools.evaluate import read_texts
from tools.train import BOT, RASA, model_path, rasa_env

DEFAULT_QUESTIONS = REPO_ROOT / "tests" / "data" / "dev_questions.tsv"
OUT_DIR = REPO_ROOT / "var" / "bench"


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def training_seconds() -> float:
    """A fresh `rasa train` of bot/ (the same command as tools/train.py) into a scratch
    directory, so the project's cached model is left alone."""
    with tempfile.TemporaryDirectory(prefix="enlace-bench-train-") as out:
        command = [str(RASA), "train", "--config", "config.yml", "--domain", "domain"]
        command += ["--data", "data", "--out", out, "--fixed-model-name", "bench"]
        started = time.monotonic()
        subprocess.run(command, check=True, cwd=BOT, env=rasa_env(), capture_output=True)
        return round(time.monotonic() - started, 1)


def parse_round_trips(bench: BenchStack, texts: list[str]) -> dict[str, float]:
    """Rasa's bare /model/parse, one at a time after a warm-up: the baseline."""
    timings = []
    with httpx.Client(base_url=bench.rasa_url, timeout=30) as rasa:
        for index, text in enumerate(texts):
            started = time.perf_counter()
            response = rasa.post(
                "/model/parse", params={"token": bench.rasa_token}, json={"text": text}
            )
            response.raise_for_status()
            if index >= 10:
                timings.append((time.perf_counter() - started) * 1000)
    return latency_summary(timings)


def memory(bench: BenchStack) -> dict[str, float]:
    pids = bench.pids()
    figures = {name: sum(peak(pid) for pid in found) for name, found in pids.items()}
    figures["total"] = round(sum(figures.values()), 1)
    return {f"{name}_mb": round(value, 1) for name, value in figures.items()}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--questions", type=Path, default=DEFAULT_QUESTIONS, help="TSV with a text column")
    add("--rate", type=float, default=10.0, help="fixed rate, messages per second")
    add("--seconds", type=float, default=30.0, help="how long the fixed rate lasts")
    add("--burst", type=int, default=500, help="messages of the saturation burst (0: skip)")
    add("--concurrency", type=int, default=32, help="webhooks in flight during the burst")
    add("--per-sender", type=int, default=3, help="messages each sender sends, in order")
    add("--probe", type=int, default=40, help="first turns per growth measurement (2/s)")
    add(
        "--kb-factors", default="2", help="knowledge-base multiples to measure, e.g. 2,4 ('': skip)"
    )
    add("--rows", type=int, default=1_000_000, help="stored messages to add (0: skip)")
    add("--skip-training", action="store_true", help="do not time a fresh rasa train")
    add("--sms-per-second", type=float, default=0.0, help="the app's SMS pacing (0: none)")
    add("--drain-timeout", type=float, default=900.0, help="max wait for replies after a phase")
    add(
        "--timeline",
        action="store_true",
        help="note each message's path in the app and give the fixed rate's spans",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m tools.bench " + " ".join(sys.argv[1:]),
        "machine": machine(),
        "sms_per_second": args.sms_per_second,
    }
    if not args.skip_training:
        print("timing a fresh rasa train …", file=sys.stderr, flush=True)
        results["training_seconds"] = training_seconds()
    texts = [t for t in read_texts(args.questions) if t.strip()]
    with tempfile.TemporaryDirectory(prefix="enlace-bench-") as tmp:
        workdir = Path(tmp)
        bench = BenchStack(
            sms_per_second=args.sms_per_second,
            log_dir=workdir,
            timeline=workdir / "timeline.jsonl" if args.timeline else None,
        )
        try:
            run(bench, workdir, args, texts, results)
        finally:
            bench.stop()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    add_ratios(results)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"bench-{results['started'].replace(':', '')[:15]}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(summary_line(results))


def run(
    bench: BenchStack,
    workdir: Path,
    args: argparse.Namespace,
    texts: list[str],
    results: dict[str, Any],
) -> None:
    def phase(count: int, rate: float, per_sender: int, deadline: float) -> dict[str, Any]:
        note(f"{count} webhooks " + (f"at {rate:g}/s …" if rate else "as a burst …"))
        return run_phase(
            bench,
            workdir,
            args.questions,
            count=count,
            per_sender=per_sender,
            rate=rate,
            concurrency=args.concurrency if not rate else 256,
            deadline=deadline,
            drain_timeout=args.drain_timeout,
        )

    note("starting PostgreSQL, the fake Twilio and Rasa …")
    bench.start_backing()
    results["model_load_seconds"] = round(bench.start_rasa(model_path()), 1)
    results["app_start_seconds"] = round(bench.start_app(), 1)
    results["parse_ms"] = parse_round_trips(bench, texts[:110])
    phase(20, 5.0, 1, 30)  # warm-up: lazy imports, connection pools; not reported
    count = round(args.rate * args.seconds)
    results["fixed_rate"] = phase(count, args.rate, args.per_sender, args.seconds + 30)
    if bench.timeline is not None:
        results["fixed_rate"]["timeline_ms"] = phase_spans(
            bench, workdir, results["fixed_rate"]["run"], bench.timeline
        )
    if args.burst:
        results["saturation"] = phase(args.burst, 0.0, args.per_sender, 600)
    results["memory"] = memory(bench)
    # Again after the load, read with the same ratios: how much the machine's other work
    # (and the run itself) moved the baseline.
    results["parse_ms_after_load"] = parse_round_trips(bench, texts[:110])
    probe = args.probe
    factors = [int(f) for f in args.kb_factors.split(",") if f.strip()]
    if factors or args.rows:
        results["first_turn_baseline"] = phase(probe, 2.0, 1, probe / 2 + 30)
    if factors:
        results["knowledge_growth"] = knowledge_growth(bench, workdir, factors, phase, probe)
    if args.rows:
        note(f"inserting {args.rows:,} stored messages …")
        started = time.monotonic()
        with bench.psql() as connection:
            insert_conversations(connection, args.rows)
        results["stored_growth"] = {
            "rows": args.rows,
            "insert_seconds": round(time.monotonic() - started, 1),
            "first_turn": phase(probe, 2.0, 1, probe / 2 + 30),
        }


def knowledge_growth(
    bench: BenchStack, workdir: Path, factors: list[int], phase: Any, probe: int
) -> list[dict[str, Any]]:
    """Restart the app on a knowledge base `factor` times as big and probe first turns;
    the app goes back to the real knowledge base afterwards."""
    measured = []
    for factor in factors:
        target = workdir / f"knowledge-x{factor}"
        articles = multiplied_knowledge(target, factor)
        bench.stop_app()
        start = bench.start_app(knowledge=target)
        phase(10, 5.0, 1, 30)  # warm-up after the restart
        measured.append(
            {
                "factor": factor,
                "articles": articles,
                "app_start_seconds": round(start, 1),
                "first_turn": phase(probe, 2.0, 1, probe / 2 + 30),
            }
        )
    bench.stop_app()
    bench.start_app()
    phase(10, 5.0, 1, 30)
    return measured


def note(text: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
