"""`make eval`'s contract: one conversation per question, or per `conversation` value."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tools.evaluate import Question, play, read_questions


def _simulator(sent: list[dict[str, str]]) -> httpx.Client:
    def reply(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"topic": "wages", "reply": "ok", "sms_segments": 1})

    return httpx.Client(base_url="http://sim", transport=httpx.MockTransport(reply))


def test_rows_of_one_conversation_are_sent_in_order_from_one_phone(tmp_path: Path) -> None:
    questions = tmp_path / "q.tsv"
    questions.write_text(
        "conversation\ttext\tchannel\na\thola\t\na\tnebraska\t\nb\thi\twhatsapp\n",
        encoding="utf-8",
    )
    sent: list[dict[str, str]] = []
    rows = list(play(_simulator(sent), read_questions(questions)))
    assert [(r["conversation"], r["turn"]) for r in rows] == [("a", 1), ("a", 2), ("b", 1)]
    assert sent[0]["phone"] == sent[1]["phone"] != sent[2]["phone"]
    assert [s["channel"] for s in sent] == ["sms", "sms", "whatsapp"]


def test_without_a_conversation_column_every_question_is_a_new_conversation() -> None:
    sent: list[dict[str, str]] = []
    rows = list(play(_simulator(sent), [Question("hola"), Question("hola")]))
    assert sent[0]["phone"] != sent[1]["phone"]
    assert all("conversation" not in row and "turn" not in row for row in rows)
