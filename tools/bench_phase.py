"""One measured phase of `make bench`: the driver process posts its webhooks, the phase waits
for the app to answer and send everything (bounded), then reads what happened.

Also the processor time the app, Rasa and PostgreSQL (its server and backends) spent per
message while the phase ran, driver and drain included: the cost of a message, which the
throughput on a machine of few cores follows; and the benchmark's own (`harness`: the driver
process, the fake Twilio and the polling here), which shares those cores.

The latencies join three clocks of one machine: the driver's time just before each webhook,
the outbox row's `created_at` (the reply set queued) and the fake Twilio's arrival time (the
reply set sent). A reply set's time is its last part's: the answer is complete then.
"""

from __future__ import annotations

import json
import resource
import secrets
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from core.settings import REPO_ROOT
from tools.bench_driver import Plan
from tools.bench_stack import APP_NUMBER, BenchStack, cpu_seconds
from tools.bench_tally import Reply, Sent, latency_summary, per_second, tally

PENDING_TURNS = """
    SELECT count(*) FROM messages
    WHERE provider_sid LIKE %(prefix)s AND state IN ('received', 'processing')"""
PENDING_SENDS = """
    SELECT count(*) FROM outbox AS o
    JOIN messages AS r ON o.message_id = r.id JOIN messages AS i ON r.in_reply_to_id = i.id
    WHERE i.provider_sid LIKE %(prefix)s AND o.status IN ('queued', 'sending')"""
REPLY_ROWS = """
    SELECT i.provider_sid, r.body, o.created_at, o.provider_sid
    FROM messages AS i
    JOIN messages AS r ON r.in_reply_to_id = i.id
    LEFT JOIN outbox AS o ON o.message_id = r.id
    WHERE i.provider_sid LIKE %(prefix)s AND i.direction = 'in'
    ORDER BY r.id"""
STORED = "SELECT count(*) FROM messages WHERE provider_sid LIKE %(prefix)s"

_phases = 0


def new_run() -> str:
    """8 hex digits: the phase's number (so phases never share a sender), then random."""
    global _phases
    _phases += 1
    return f"{_phases:02x}{secrets.token_hex(3)}"


def run_phase(
    bench: BenchStack,
    workdir: Path,
    questions: Path,
    *,
    count: int,
    per_sender: int,
    rate: float,
    concurrency: int,
    deadline: float,
    drain_timeout: float,
) -> dict[str, Any]:
    plan = Plan(
        url=bench.app_url,
        public_url=bench.env["ENLACE_PUBLIC_URL"],
        auth_token=bench.auth_token,
        account_sid=bench.env["TWILIO_ACCOUNT_SID"],
        to_number=APP_NUMBER,
        run=new_run(),
        count=count,
        per_sender=per_sender,
        rate=rate,
        concurrency=concurrency,
        deadline=deadline,
    )
    plan_file, out = workdir / f"plan-{plan.run}.json", workdir / f"sent-{plan.run}.jsonl"
    plan_file.write_text(json.dumps(asdict(plan)))
    command = [sys.executable, "-m", "tools.bench_driver", "--plan", str(plan_file)]
    command += ["--questions", str(questions), "--out", str(out)]
    before = {pid: cpu_seconds([pid]) for found in bench.pids().values() for pid in found}
    harness_before = _harness_seconds()
    subprocess.run(command, check=True, cwd=REPO_ROOT, timeout=deadline + 120)
    posted = [json.loads(line) for line in out.read_text().splitlines()]
    drained = wait_drained(bench, plan.run, drain_timeout)
    figures = measure(bench, plan, posted, drained)
    # Per process, read again: PostgreSQL's pool may have opened backends during the phase.
    figures["processor_ms_per_message"] = {
        name: round(
            sum(cpu_seconds([pid]) - before.get(pid, 0.0) for pid in found)
            * 1000
            / max(1, plan.count),
            1,
        )
        for name, found in bench.pids().items()
    }
    harness = (_harness_seconds() - harness_before) * 1000 / max(1, plan.count)
    figures["processor_ms_per_message"]["harness"] = round(harness, 1)
    return figures


def _harness_seconds() -> float:
    """This process (the fake Twilio's threads, the polling) and its finished children (the
    driver); the stack's processes are children too but count only once reaped, at the end."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def wait_drained(bench: BenchStack, run: str, timeout: float, stall: float = 60.0) -> bool:
    """Until every message of the run is answered and every reply sent; or until nothing
    moved for `stall` seconds, or `timeout` (then what is missing counts as lost)."""
    prefix = {"prefix": f"SM{run}%"}
    deadline = time.monotonic() + timeout
    last, moved = -1, time.monotonic()
    with bench.psql() as connection:
        while time.monotonic() < deadline and time.monotonic() - moved < stall:
            turns = connection.execute(PENDING_TURNS, prefix).fetchone()
            sends = connection.execute(PENDING_SENDS, prefix).fetchone()
            pending = (turns[0] if turns else 0) + (sends[0] if sends else 0)
            if pending == 0:
                return True
            if pending != last:
                last, moved = pending, time.monotonic()
            time.sleep(0.5)
    return False


def measure(
    bench: BenchStack, plan: Plan, posted: list[dict[str, Any]], drained: bool
) -> dict[str, Any]:
    assert bench.twilio is not None
    receipts = dict(bench.twilio.receipts)
    prefix = {"prefix": f"SM{plan.run}%"}
    with bench.psql() as connection:
        rows = connection.execute(REPLY_ROWS, prefix).fetchall()
        stored_row = connection.execute(STORED, prefix).fetchone()
    acked = [p for p in posted if p["status"] == 200]
    sent_at = {p["sid"]: p["sent_at"] for p in acked}
    replies, queued_at, delivered_at = [], defaultdict(list), defaultdict(list)
    recorded = set()
    for inbound_sid, body, created, provider_sid in rows:
        arrival = receipts.get(provider_sid) if provider_sid else None
        replies.append(Reply(inbound_sid, body, arrival[0] if arrival else None))
        recorded.add(provider_sid)
        if created is not None:
            queued_at[inbound_sid].append(created.timestamp())
        if arrival:
            delivered_at[inbound_sid].append(arrival[1])
    phones = {p["phone"] for p in posted}
    unmatched = sum(
        1 for sid, (_, _, to) in receipts.items() if to in phones and sid not in recorded
    )
    sent = [Sent(p["sid"], p["phone"], p["seq"]) for p in acked]
    counted = tally(sent, replies, unmatched)
    to_outbox = [max(queued_at[s]) - t for s, t in sent_at.items() if queued_at[s]]
    to_sent = [max(delivered_at[s]) - t for s, t in sent_at.items() if delivered_at[s]]
    first = min((p["sent_at"] for p in posted), default=0.0)
    last_queued = max((max(v) for v in queued_at.values()), default=first)
    last_sent = max((max(v) for v in delivered_at.values()), default=first)
    last_ack = max((p["acked_at"] for p in posted), default=first)
    return {
        "run": plan.run,
        "offered": plan.count,
        "rate_per_second": plan.rate or "burst",
        "senders": max(1, plan.count // plan.per_sender),
        "posted": len(posted),
        "acknowledged": len(acked),
        "stored": stored_row[0] if stored_row else 0,
        "drained": drained,
        "webhook_ms": latency_summary([(p["acked_at"] - p["sent_at"]) * 1000 for p in acked]),
        "webhook_to_outbox_ms": latency_summary([v * 1000 for v in to_outbox]),
        "webhook_to_sent_ms": latency_summary([v * 1000 for v in to_sent]),
        "accepted_per_second": per_second(len(acked), last_ack - first),
        "answered_per_second": per_second(len(queued_at), last_queued - first),
        "sent_per_second": per_second(len(delivered_at), last_sent - first),
        "seconds_sending_after_last_queued": round(max(0.0, last_sent - last_queued), 1),
        "count": counted.as_dict(),
    }
