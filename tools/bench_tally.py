"""The pure arithmetic of `make bench`: percentiles, ratios to the bare parse, and the count
of lost, duplicated and out-of-order replies. No I/O, so the tests check it directly."""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PERCENTILES = (50, 95, 99)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1): a value that was measured, never one
    interpolated between two; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def latency_summary(values_ms: Sequence[float]) -> dict[str, float]:
    """p50, p95, p99 and the count, in milliseconds rounded to 0.1."""
    summary = {f"p{p}": round(percentile(values_ms, p / 100), 1) for p in PERCENTILES}
    summary["count"] = len(values_ms)
    return summary


def with_ratios(summary: dict[str, float], parse: dict[str, float]) -> dict[str, float]:
    """Each percentile also as a ratio to the bare parse's same percentile (p95 to p95), so a
    run on another machine compares; the count is left alone."""
    ratios = {
        f"{key}_x_parse": round(summary[key] / parse[key], 2)
        for key in (f"p{p}" for p in PERCENTILES)
        if key in summary and parse.get(key) and not math.isnan(summary[key])
    }
    return {**summary, **ratios}


def ratio_to_parse(milliseconds: float, parse_p50_ms: float) -> float:
    """A single duration (a start-up, a training) as a multiple of the bare parse's p50."""
    return round(milliseconds / parse_p50_ms, 1) if parse_p50_ms else math.nan


@dataclass(frozen=True)
class Sent:
    """One webhook the driver posted and the app acknowledged."""

    sid: str
    phone: str
    seq: int  # the sender's own order: 0, 1, 2, …


@dataclass(frozen=True)
class Reply:
    """One queued reply row: the inbound MessageSid it answers, its text, and when it reached
    the fake Twilio (`receipt`: the order of arrival there; None when never sent)."""

    in_reply_to: str
    body: str
    receipt: int | None


@dataclass
class Tally:
    answered: int = 0  # got a reply set, every part of it sent
    lost: list[str] = field(default_factory=list)  # no reply, or a part never sent
    duplicated: list[str] = field(default_factory=list)  # the same reply queued twice
    out_of_order: list[str] = field(default_factory=list)  # answered after a later message
    unmatched_receipts: int = 0  # sends Twilio got that no outbox row recorded

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.out_of_order or self.unmatched_receipts)

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "answered": self.answered,
            "lost": len(self.lost),
            "duplicated": len(self.duplicated),
            "out_of_order": len(self.out_of_order),
            "unmatched_receipts": self.unmatched_receipts,
            "clean": self.clean,
        }


def tally(sent: Iterable[Sent], replies: Iterable[Reply], unmatched_receipts: int = 0) -> Tally:
    """Did every inbound get exactly one reply set, sent, per sender in order?

    A reply set is every reply row pointing at one inbound message. It is lost when there is
    none or a row never reached Twilio; duplicated when one text appears twice in it (a turn
    answered twice); out of order when any of its parts reached Twilio after a part of the
    same sender's next message's set.
    """
    by_inbound: dict[str, list[Reply]] = defaultdict(list)
    for reply in replies:
        by_inbound[reply.in_reply_to].append(reply)
    result = Tally(unmatched_receipts=unmatched_receipts)
    per_sender: dict[str, list[Sent]] = defaultdict(list)
    for message in sent:
        per_sender[message.phone].append(message)
        own = by_inbound.get(message.sid, [])
        if not own or any(reply.receipt is None for reply in own):
            result.lost.append(message.sid)
            continue
        if max(Counter(reply.body for reply in own).values()) > 1:
            result.duplicated.append(message.sid)
            continue
        result.answered += 1
    for messages in per_sender.values():
        ordered = sorted(messages, key=lambda m: m.seq)
        for earlier, later in itertools.pairwise(ordered):
            earlier_receipts = _receipts(by_inbound.get(earlier.sid, []))
            later_receipts = _receipts(by_inbound.get(later.sid, []))
            if earlier_receipts and later_receipts and max(earlier_receipts) > min(later_receipts):
                result.out_of_order.append(later.sid)
    return result


def _receipts(replies: list[Reply]) -> list[int]:
    return [reply.receipt for reply in replies if reply.receipt is not None]


def per_second(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else math.nan
