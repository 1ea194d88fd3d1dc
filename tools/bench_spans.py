"""The timeline of one bench phase (`--timeline`), span by span: where a message's wall-clock
time went between the driver's webhook and its reply queued (tools/bench_timeline.py notes
the points; the driver's own send time and the outbox row's `created_at` bound them)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.bench_stack import BenchStack
from tools.bench_tally import latency_summary

MESSAGES = """
    SELECT i.id, i.provider_sid, max(o.created_at)
    FROM messages AS i
    JOIN messages AS r ON r.in_reply_to_id = i.id
    JOIN outbox AS o ON o.message_id = r.id
    WHERE i.provider_sid LIKE %(prefix)s AND i.direction = 'in'
    GROUP BY i.id, i.provider_sid"""

# Each span: from one point to the next on a message's path (first or last time noted).
SPANS = (
    ("post", ("sent", "first"), ("webhook_in", "first")),
    ("webhook", ("webhook_in", "first"), ("stored", "first")),
    ("stored_to_claimed", ("stored", "first"), ("claimed", "last")),
    ("claimed_to_turn", ("claimed", "last"), ("turn_start", "last")),
    ("turn_to_rasa", ("turn_start", "last"), ("rasa_out", "last")),
    ("parse", ("parse_out", "last"), ("parse_back", "last")),
    ("rasa_to_action", ("rasa_out", "last"), ("action_in", "first")),
    ("action", ("action_in", "first"), ("action_out", "last")),
    ("action_to_rasa_back", ("action_out", "last"), ("rasa_back", "last")),
    ("rasa_turn", ("rasa_out", "last"), ("rasa_back", "last")),
    ("rasa_back_to_end", ("rasa_back", "last"), ("turn_end", "last")),
    ("webhook_to_outbox", ("sent", "first"), ("outbox", "first")),
    ("webhook_to_turn_end", ("sent", "first"), ("turn_end", "last")),
)


def phase_spans(bench: BenchStack, workdir: Path, run: str, timeline: Path) -> dict[str, Any]:
    """Per span, p50/p95/p99 in ms over the phase's messages that passed both its points;
    also the commits and SQL statements a turn made and how many turns called an action."""
    with bench.psql() as connection:
        rows = connection.execute(MESSAGES, {"prefix": f"SM{run}%"}).fetchall()
    sent_at = {
        item["sid"]: item["sent_at"]
        for item in map(json.loads, (workdir / f"sent-{run}.jsonl").read_text().splitlines())
    }
    points: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for message_id, sid, outbox_at in rows:
        points[message_id]["sent"].append(sent_at[sid])
        points[message_id]["outbox"].append(outbox_at.timestamp())
    for line in timeline.read_text().splitlines():
        item = json.loads(line)
        if item["m"] in points:
            points[item["m"]][item["p"]].append(item["t"])
    return summarise(points)


def summarise(points: dict[int, dict[str, list[float]]]) -> dict[str, Any]:
    spans: dict[str, Any] = {}
    for name, (start, start_at), (end, end_at) in SPANS:
        values = [
            (_at(seen[end], end_at) - _at(seen[start], start_at)) * 1000
            for seen in points.values()
            if seen.get(start) and seen.get(end)
        ]
        spans[name] = {**latency_summary(values), "messages": len(values)}
    turns = [seen for seen in points.values() if seen.get("turn_start")]
    spans["per_turn"] = {
        "commits": _counts([len(seen.get("commit", [])) for seen in turns]),
        "sql_statements": _counts([len(seen.get("sql", [])) for seen in turns]),
        "turns_with_an_action": sum(1 for seen in turns if seen.get("action_in")),
        "turns_with_a_parse": sum(1 for seen in turns if seen.get("parse_out")),
        "turns": len(turns),
    }
    return spans


def _counts(values: list[int]) -> dict[str, float]:
    """A count per turn: its median and its highest (no ratio to the parse: not a time)."""
    ordered = sorted(values) or [0]
    return {"median": float(ordered[len(ordered) // 2]), "max": float(ordered[-1])}


def _at(times: list[float], which: str) -> float:
    return min(times) if which == "first" else max(times)
