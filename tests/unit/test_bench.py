"""`make bench`'s pure parts: percentiles, ratios, the count of lost, doubled and out-of-order
replies, the driver's signed Twilio requests, and the knowledge base it doubles. The benchmark
itself is never run by the tests (tests assert behaviour, not time)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from channels.signature import SIGNATURE_HEADER, verified_form
from channels.twilio_webhooks import parse_inbound
from core.models import Channel
from knowledge.loader import load_knowledge_base
from tests.conftest import make_settings
from tools.bench_driver import (
    SMS_PATH,
    Plan,
    message_sid,
    schedule,
    sender_phone,
    signature,
    twilio_sms_form,
)
from tools.bench_spans import summarise
from tools.bench_stack import multiplied_knowledge
from tools.bench_summary import add_ratios
from tools.bench_tally import Reply, Sent, latency_summary, percentile, tally, with_ratios

PUBLIC_URL = "https://enlace.example.org"
AUTH_TOKEN = "bench-test-auth-token"


def plan(**overrides: Any) -> Plan:
    values: dict[str, Any] = {
        "url": "http://testserver",
        "public_url": PUBLIC_URL,
        "auth_token": AUTH_TOKEN,
        "account_sid": "AC" + "0" * 32,
        "to_number": "+19990000000",
        "run": "01abcdef",
        "count": 10,
        "per_sender": 3,
        "rate": 10.0,
        "concurrency": 4,
        "deadline": 30.0,
        **overrides,
    }
    return Plan(**values)


def test_percentiles_are_nearest_rank_values_that_were_measured() -> None:
    values = [float(v) for v in range(100, 0, -1)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([1.0, 2.0, 3.0], 0.5) == 2.0
    assert math.isnan(percentile([], 0.5))


def test_a_latency_summary_is_a_ratio_to_the_same_percentile_of_the_bare_parse() -> None:
    parse = latency_summary([10.0] * 19 + [20.0])
    summary = with_ratios(latency_summary([30.0] * 19 + [100.0]), parse)
    assert summary["p50"] == 30.0
    assert summary["p50_x_parse"] == 3.0
    assert summary["p95_x_parse"] == 3.0  # the 19th of 20 values: 30 over 10
    assert summary["p99_x_parse"] == 5.0  # 100 over 20
    assert summary["count"] == 20
    assert "count_x_parse" not in summary


def test_every_timing_in_the_results_gets_its_ratio_to_the_parse() -> None:
    results: dict[str, Any] = {
        "parse_ms": {"p50": 10.0, "p95": 20.0, "p99": 40.0, "count": 100},
        "model_load_seconds": 30.0,
        "fixed_rate": {"webhook_to_outbox_ms": {"p50": 50.0, "p95": 60.0, "p99": 80.0}},
        "knowledge_growth": [{"first_turn": {"webhook_ms": {"p50": 5.0, "p95": 10, "p99": 20}}}],
    }
    add_ratios(results)
    assert results["model_load_seconds_x_parse_p50"] == 3000.0
    assert results["fixed_rate"]["webhook_to_outbox_ms"]["p95_x_parse"] == 3.0
    assert results["knowledge_growth"][0]["first_turn"]["webhook_ms"]["p99_x_parse"] == 0.5
    assert "p50_x_parse" not in results["parse_ms"]


def test_every_message_answered_once_in_order_is_a_clean_count() -> None:
    sent = [Sent("SM1", "+1", 0), Sent("SM2", "+1", 1), Sent("SM3", "+2", 0)]
    replies = [
        Reply("SM1", "hola", 0),
        Reply("SM1", "(2/2) más", 1),
        Reply("SM3", "hi", 2),
        Reply("SM2", "hola", 3),  # the same text as SM1's, to the same person: not a repeat
    ]
    counted = tally(sent, replies)
    assert counted.answered == 3
    assert counted.clean


def test_a_message_without_a_reply_or_with_a_reply_never_sent_is_lost() -> None:
    sent = [Sent("SM1", "+1", 0), Sent("SM2", "+2", 0), Sent("SM3", "+3", 0)]
    counted = tally(sent, [Reply("SM2", "queued only", None), Reply("SM3", "ok", 0)])
    assert counted.lost == ["SM1", "SM2"]
    assert counted.answered == 1
    assert not counted.clean


def test_a_reply_set_queued_twice_counts_as_answered_twice() -> None:
    sent = [Sent("SM1", "+1", 0)]
    counted = tally(sent, [Reply("SM1", "hola", 0), Reply("SM1", "hola", 1)])
    assert counted.duplicated == ["SM1"]
    assert counted.answered == 0


def test_a_reply_reaching_twilio_before_the_previous_messages_reply_is_out_of_order() -> None:
    sent = [Sent("SM1", "+1", 0), Sent("SM2", "+1", 1), Sent("SM3", "+2", 0)]
    replies = [Reply("SM1", "a", 0), Reply("SM1", "b", 2), Reply("SM2", "c", 1)]
    replies.append(Reply("SM3", "d", 3))
    assert tally(sent, replies).out_of_order == ["SM2"]


def test_a_send_twilio_got_that_no_outbox_row_recorded_spoils_the_count() -> None:
    counted = tally([Sent("SM1", "+1", 0)], [Reply("SM1", "a", 0)], unmatched_receipts=1)
    assert counted.answered == 1
    assert not counted.clean
    assert counted.as_dict()["unmatched_receipts"] == 1


def test_the_driver_signature_passes_the_apps_own_twilio_check() -> None:
    settings = make_settings(public_url=PUBLIC_URL, twilio_auth_token=AUTH_TOKEN)
    app = FastAPI()

    @app.post(SMS_PATH)
    async def receive(request: Request) -> dict[str, str]:
        return await verified_form(request, settings)

    form = twilio_sms_form(plan(), sender_phone("01abcdef", 7), message_sid("01abcdef", 3), "hola")
    signed = {SIGNATURE_HEADER: signature(AUTH_TOKEN, PUBLIC_URL, form)}
    with TestClient(app) as client:
        accepted = client.post(SMS_PATH, data=form, headers=signed)
        tampered = client.post(SMS_PATH, data={**form, "Body": "adios"}, headers=signed)
    assert accepted.status_code == 200
    assert accepted.json()["Body"] == "hola"
    assert tampered.status_code == 403


def test_the_driver_form_is_read_as_an_inbound_sms_from_the_sender() -> None:
    sid, phone = message_sid("01abcdef", 3), sender_phone("01abcdef", 7)
    message = parse_inbound(twilio_sms_form(plan(), phone, sid, "hola"), Channel.SMS)
    assert message is not None
    assert (message.provider_sid, message.address, message.body) == (sid, phone, "hola")
    assert len(sid) == 34
    assert sid.startswith("SM")


def test_phases_never_share_a_sender_and_no_number_is_a_real_one() -> None:
    first, second = sender_phone("01abcdef", 5), sender_phone("02abcdef", 5)
    assert first != second
    assert first.startswith("+1999")
    assert len(first) == len("+1999") + 9


@pytest.mark.parametrize(("count", "per_sender"), [(10, 3), (2000, 4), (5, 1)])
def test_each_message_is_sent_once_by_one_sender_a_few_each(count: int, per_sender: int) -> None:
    senders = schedule(plan(count=count, per_sender=per_sender))
    indexes = [index for sender in senders for index in sender]
    assert sorted(indexes) == list(range(count))
    assert max(len(sender) for sender in senders) <= per_sender + 1
    assert all(sender == sorted(sender) for sender in senders)


def test_the_doubled_knowledge_base_loads_with_twice_the_articles(tmp_path: Path) -> None:
    articles = multiplied_knowledge(tmp_path / "knowledge", 2)
    kb = load_knowledge_base(tmp_path / "knowledge")
    ids = [article.id for article in kb.articles]
    assert len(ids) == articles
    assert len(set(ids)) == len(ids)
    assert sum(1 for i in ids if i.endswith("-copy1")) == articles // 2


def test_a_timeline_span_runs_from_one_point_of_a_message_to_the_next() -> None:
    points: dict[int, dict[str, list[float]]] = {
        1: {
            "sent": [10.000],
            "webhook_in": [10.002],
            "stored": [10.008],
            "claimed": [10.010],
            "turn_start": [10.011],
            "rasa_out": [10.020],
            "action_in": [10.025],
            "action_out": [10.027],
            "rasa_back": [10.030],
            "turn_end": [10.036],
            "outbox": [10.035],
            "commit": [10.019, 10.036],
            "sql": [10.012] * 11,
        },
        2: {"sent": [11.0], "webhook_in": [11.001]},  # never got further: counted where it got
    }
    spans = summarise(points)
    assert spans["webhook"]["p50"] == pytest.approx(6.0)
    assert spans["rasa_turn"]["p50"] == pytest.approx(10.0)
    assert spans["webhook_to_outbox"]["p50"] == pytest.approx(35.0)
    assert spans["post"]["messages"] == 2
    assert spans["parse"]["messages"] == 0
    assert spans["per_turn"]["commits"] == {"median": 2.0, "max": 2.0}
    assert spans["per_turn"]["sql_statements"]["median"] == 11.0
    assert spans["per_turn"]["turns_with_an_action"] == 1
