"""The report `make eval` writes: what it says, and what it never prints (held-out texts)."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tools import evaluate
from tools.baselines import Prediction
from tools.eval_report import is_labelled, read_rows, write_report
from tools.evaluation import Evaluation
from tools.report_sections import chart, misses, segments_and_cost, verdict

HEADER = "id\ttext\tlanguage\ttopic\turgent\tsplit\n"
QUESTIONS = [
    ("es-1", "no me pagan el sueldo", "es", "wages", "0", "dev"),
    (
        "es-2",
        "me quitaron el pasaporte y no me dejan salir",
        "es",
        "documents_retained",
        "1",
        "dev",
    ),
    ("es-3", "secreto heldout uno", "es", "wages", "0", "heldout"),
    ("es-4", "secreto heldout dos", "es", "documents_retained", "1", "heldout"),
    ("en-1", "they did not pay me", "en", "wages", "0", "dev"),
    ("en-2", "secret heldout three", "en", "documents_retained", "1", "heldout"),
    ("en-3", "secret leaked four", "en", "wages", "0", "leaked"),
]
# Enlace's readings: one dev miss (es-1 read as contract), one held-out miss (es-3).
READ_AS = ["contract", "documents_retained", "contract", "documents_retained", "wages",
           "documents_retained", "wages"]  # fmt: skip


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, Path]:
    questions = tmp_path / "questions.tsv"
    questions.write_text(HEADER + "".join("\t".join(q) + "\n" for q in QUESTIONS), "utf-8")
    results = tmp_path / "run.jsonl"
    lines = [
        {
            "text": q[1],
            "language": q[2],
            "topic": topic,
            "urgent": q[4] == "1",
            "article_id": "wages-unpaid-us" if topic == "wages" else None,
            "reply": "…",
            "sms_segments": segments,
        }
        for q, topic, segments in zip(QUESTIONS, READ_AS, [1, 1, 2, 2, 1, 3, 1], strict=True)
    ]
    results.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return questions, results


def _evaluation(questions: Path, results: Path, **baselines: list[Prediction]) -> Evaluation:
    rows = read_rows(questions)
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    enlace = [Prediction(line["topic"], line["urgent"]) for line in lines]
    return Evaluation(rows, lines, {"Enlace": enlace, **baselines}, {"wages", "documents_retained"})


def _guess(topic: str, urgent: bool = False) -> list[Prediction]:
    return [Prediction(topic, urgent)] * len(QUESTIONS)


def test_the_report_and_its_chart_are_written_beside_the_results(run: tuple[Path, Path]) -> None:
    report = write_report(*run, with_baselines=False)
    assert report == run[1].with_suffix(".md")
    assert "![topic accuracy and urgent recall" in report.read_text("utf-8")
    assert ET.fromstring(run[1].with_suffix(".svg").read_text("utf-8")).tag.endswith("svg")


def test_dev_misses_are_listed_in_full_and_held_out_ones_only_counted(
    run: tuple[Path, Path],
) -> None:
    text = write_report(*run, with_baselines=False).read_text("utf-8")
    assert "no me pagan el sueldo" in text
    assert "secreto" not in text
    assert "secret " not in text
    counts = "\n".join(misses(_evaluation(*run)))
    assert "| Enlace | es | held-out | 1 | 0 | 0 |" in counts
    assert "| Enlace | en | leaked | 0 | 0 | 0 |" in counts


def test_the_held_out_accuracy_leaves_the_leaked_rows_out(run: tuple[Path, Path]) -> None:
    text = write_report(*run, with_baselines=False).read_text("utf-8")
    assert "| es | held-out | 0.500 (1/2," in text
    assert "| en | held-out | 1.000 (1/1," in text
    assert "| en | leaked | 1.000 (1/1," in text


def test_the_verdict_says_yes_when_enlace_beats_both_baselines_everywhere(
    run: tuple[Path, Path],
) -> None:
    evaluation = _evaluation(*run, FAQ=_guess("contract"), Rasa=_guess("contract"))
    # Held-out: es Enlace 1/2 topics against 0/2, urgent 1/1 against 0/1; en 1/1 against 0/1.
    assert "in each language: yes" in "\n".join(verdict(evaluation))


def test_the_verdict_says_no_when_a_baseline_ties_on_urgent_recall(
    run: tuple[Path, Path],
) -> None:
    evaluation = _evaluation(
        *run, FAQ=_guess("contract"), Rasa=_guess("documents_retained", urgent=True)
    )
    text = "\n".join(verdict(evaluation))
    assert "ties Rasa" in text
    assert "in each language: no" in text


def test_segments_are_summarised_and_priced_per_language(run: tuple[Path, Path]) -> None:
    text = "\n".join(segments_and_cost(_evaluation(*run), 0.01, "test price"))
    # es replies: 1, 1, 2, 2 segments; all seven: 11 segments at 0.01.
    assert "| es | 4 | 1.5 | 2 | 2 | 6 | 0.06 | 15.00 |" in text
    assert "| all | 7 | 1 | 3 | 3 | 11 | 0.11 | 15.71 |" in text


def test_the_chart_has_one_bar_per_system_and_figure(run: tuple[Path, Path]) -> None:
    evaluation = _evaluation(*run, FAQ=_guess("contract"))
    svg = ET.fromstring(chart(evaluation))
    bars = [e for e in svg.iter() if e.tag.endswith("rect") and e.find("{*}title") is not None]
    assert len(bars) == 2 * 2 * 2  # languages x (topic, urgent) x systems


def test_a_conversations_file_gets_no_report(tmp_path: Path, run: tuple[Path, Path]) -> None:
    conversations = tmp_path / "conversations.tsv"
    conversations.write_text("conversation\ttext\tlanguage\ttopic\n", "utf-8")
    assert not is_labelled(conversations)
    assert is_labelled(run[0])


def test_make_eval_writes_the_report_after_its_json_lines(
    run: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions, results = run
    out = tmp_path / "fresh.jsonl"

    @contextmanager
    def no_stack(private: bool = False) -> Iterator[str]:
        yield "http://sim"

    monkeypatch.setattr(evaluate, "running_stack", no_stack)
    monkeypatch.setattr(evaluate, "evaluate", lambda *_: out.write_bytes(results.read_bytes()))
    argv = ["evaluate", "--questions", str(questions), "--out", str(out), "--no-baselines"]
    monkeypatch.setattr(sys, "argv", argv)
    evaluate.main()
    assert "## Verdict" in out.with_suffix(".md").read_text("utf-8")
    assert out.with_suffix(".svg").exists()
