"""What `make bench` adds to its figures before printing them: every timing as a ratio to the
bare parse of the same run, and the one-line summary that ends the output."""

from __future__ import annotations

from typing import Any

from tools.bench_tally import PERCENTILES, ratio_to_parse, with_ratios

LATENCY_KEYS = frozenset(f"p{p}" for p in PERCENTILES)


def add_ratios(results: dict[str, Any]) -> None:
    """In place: each latency summary gets `pNN_x_parse` (against the parse's same
    percentile), each `…_seconds` figure a `…_seconds_x_parse_p50` beside it."""
    parse = results.get("parse_ms")
    if not parse:
        return
    _walk(results, parse)


def _walk(node: Any, parse: dict[str, float]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, parse)
        return
    if not isinstance(node, dict):
        return
    for key, value in list(node.items()):
        if isinstance(value, dict) and value.keys() >= LATENCY_KEYS and value is not parse:
            node[key] = with_ratios(value, parse)
        elif key.endswith("_seconds") and isinstance(value, int | float):
            node[f"{key}_x_parse_p50"] = ratio_to_parse(value * 1000, parse["p50"])
        else:
            _walk(value, parse)


def summary_line(results: dict[str, Any]) -> str:
    parse = results["parse_ms"]
    parts = [f"bench: parse p50 {parse['p50']:.0f} ms p95 {parse['p95']:.0f} ms"]
    fixed = results.get("fixed_rate")
    if fixed:
        outbox, sent = fixed["webhook_to_outbox_ms"], fixed["webhook_to_sent_ms"]
        parts.append(
            f"{fixed['rate_per_second']:g}/s: webhook→outbox p95 {outbox['p95']:.0f} ms"
            f" ({outbox.get('p95_x_parse', float('nan')):.1f}x parse), →sent p95"
            f" {sent['p95']:.0f} ms, {_count(fixed['count'])}"
        )
    burst = results.get("saturation")
    if burst:
        parts.append(
            f"burst {burst['offered']}: {burst['answered_per_second']:.1f} msg/s answered,"
            f" {burst['sent_per_second']:.1f} sent, →sent p95"
            f" {burst['webhook_to_sent_ms']['p95'] / 1000:.1f} s, {_count(burst['count'])}"
            + _processor(burst)
        )
    memory = results.get("memory")
    if memory:
        parts.append(f"memory {memory['total_mb'] / 1024:.2f} GB")
    for key, label in (("training_seconds", "training"), ("model_load_seconds", "model load")):
        if key in results:
            parts.append(f"{label} {results[key]:.0f} s")
    baseline = results.get("first_turn_baseline", {}).get("webhook_to_outbox_ms", {})
    for growth in results.get("knowledge_growth", []):
        parts.append(f"KB x{growth['factor']} p95 {_grown(growth['first_turn'], baseline)}")
    stored = results.get("stored_growth")
    if stored:
        parts.append(f"+{stored['rows']:,} rows p95 {_grown(stored['first_turn'], baseline)}")
    return "; ".join(parts)


def _processor(phase: dict[str, Any]) -> str:
    cpu = phase.get("processor_ms_per_message")
    if not cpu:
        return ""
    return ", processor ms/message " + " ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items()))


def _count(count: dict[str, Any]) -> str:
    return (
        f"{count['answered']} answered, {count['lost']} lost, {count['duplicated']} twice,"
        f" {count['out_of_order']} out of order"
    )


def _grown(phase: dict[str, Any], baseline: dict[str, Any]) -> str:
    now = phase["webhook_to_outbox_ms"]["p95"]
    before = baseline.get("p95")
    return f"{now:.0f} ms (x{now / before:.2f})" if before else f"{now:.0f} ms"
