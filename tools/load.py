"""`make load`: how fast a first turn is, against Rasa's bare parse measured in the same run.

Starts a private stack (own ports, throwaway SQLite, the trained model), then measures:
1. first turns: each text the first SMS of a new conversation through the simulator path
   (everything a Twilio message goes through after the signature check), one at a time;
2. Rasa's bare `/model/parse` of the same texts: the baseline the app's own work adds to;
3. throughput: the same texts sent by several clients at once, messages answered per second,
   and the processor time the app and Rasa spent per message meanwhile (read from /proc: it
   moves much less than the clock when other work shares the machine).
Texts come from the `text` column of a TSV (labels are never read). Figures are printed as a
table with the ratio of each to the baseline, so two runs on different machines compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tools.evaluate import fresh_number, read_texts
from tools.stack import Stack, private_stack

DEFAULT_QUESTIONS = Path("tests/data/dev_questions.tsv")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def cpu_seconds(pid: int) -> float:
    """Processor time (user and system, every thread) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_turn(client: httpx.Client, text: str) -> None:
    body = {"channel": "sms", "phone": fresh_number(), "text": text[:1600]}
    client.post("/simulator/api/messages", json=body).raise_for_status()


def measure(stack: Stack, texts: list[str], clients: int) -> dict[str, float]:
    token = stack.env["ENLACE_RASA_TOKEN"]
    with (
        httpx.Client(base_url=stack.app_url, timeout=60) as app,
        httpx.Client(base_url=stack.rasa_url, timeout=60) as rasa,
    ):

        def parse(text: str) -> None:
            rasa.post("/model/parse", params={"token": token}, json={"text": text})

        for text in texts[:10]:  # warm both up: first calls load lazily
            first_turn(app, text)
            parse(text)
        turns = [timed(lambda t=text: first_turn(app, t)) for text in texts]  # type: ignore[misc]
        parses = [timed(lambda t=text: parse(t)) for text in texts]  # type: ignore[misc]
    pids = [process.pid for process in stack.processes]  # Rasa, then the app
    cpu_before = [cpu_seconds(pid) for pid in pids]
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool, httpx.Client(base_url=stack.app_url, timeout=60) as c:
        list(pool.map(lambda t: first_turn(c, t), texts))
    elapsed = time.perf_counter() - start
    rasa_cpu, app_cpu = (cpu_seconds(p) - b for p, b in zip(pids, cpu_before, strict=True))
    return {
        "app_cpu_ms": app_cpu * 1000 / len(texts),
        "rasa_cpu_ms": rasa_cpu * 1000 / len(texts),
        "turn_p50": statistics.median(turns),
        "turn_p95": percentile(turns, 0.95),
        "parse_p50": statistics.median(parses),
        "parse_p95": percentile(parses, 0.95),
        "per_second": len(texts) / elapsed,
    }


def report(figures: dict[str, float], count: int, clients: int) -> str:
    base = figures["parse_p95"]
    rows = [
        ("Rasa bare parse p50", figures["parse_p50"], "ms"),
        ("Rasa bare parse p95 (baseline)", figures["parse_p95"], "ms"),
        ("first turn p50", figures["turn_p50"], "ms"),
        ("first turn p95", figures["turn_p95"], "ms"),
    ]
    lines = [
        f"{count} texts; throughput with {clients} clients",
        "",
        "| figure | value | ratio to baseline |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {value:.1f} {unit} | {value / base:.2f} |" for name, value, unit in rows]
    lines.append(f"| messages answered per second | {figures['per_second']:.1f} | |")
    lines.append(f"| app processor time per message | {figures['app_cpu_ms']:.1f} ms | |")
    lines.append(f"| Rasa processor time per message | {figures['rasa_cpu_ms']:.1f} ms | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--count", type=int, default=200, help="texts to send (first N)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent senders")
    args = parser.parse_args()
    texts = [t for t in read_texts(args.questions) if t.strip()][: args.count]
    with private_stack("load") as stack:
        figures = measure(stack, texts, args.clients)
    print(report(figures, len(texts), args.clients))


if __name__ == "__main__":
    main()
