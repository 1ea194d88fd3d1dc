"""The urgency classifier's training file holds allowed rows only, never a held-out message.

The outside sets' `heldout` rows are what issue 18's figures are measured on; if one of them,
or a near-duplicate, were in the training file, those figures would be training figures.
These tests read held-out texts only to compare them; nothing is printed but ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.text import normalize_for_nlu
from tools import urgency_data
from tools.urgency_data import cached_training_set, held_out_guard, read_rows, training_set


def _outside_by_set() -> list[tuple[str, dict[str, str]]]:
    """The outside writers' sets (urgency_outside, urgency_more, urgency_extra, urgency_extra2,
    urgency_ordinary, urgency_extra3, urgency_extra4, dev_questions)."""
    return [
        (name, row) for name, path in urgency_data.OUTSIDE_SETS.items() for row in read_rows(path)
    ]


def _outside() -> list[dict[str, str]]:
    return [row for _, row in _outside_by_set()]


def _training() -> list[dict[str, str]]:
    return read_rows(urgency_data.TRAINING_FILE)


def test_the_training_file_is_what_the_tool_generates() -> None:
    text, _ = urgency_data.build()
    assert urgency_data.TRAINING_FILE.read_text(encoding="utf-8") == text


def test_no_held_out_text_is_in_the_training_file() -> None:
    held = {normalize_for_nlu(row["text"]) for row in _outside() if row["split"] != "dev"}
    assert len(held) > 800  # 260 + 259 + 279 held-out and 33 "leaked" rows, some texts alike
    leaked = [row["id"] for row in _training() if normalize_for_nlu(row["text"]) in held]
    assert leaked == []


def test_no_training_row_is_a_near_duplicate_of_a_held_out_row() -> None:
    guard = held_out_guard(_outside())
    near = [row["id"] for row in _training() if guard.match(row["text"]) is not None]
    assert near == []


def test_every_training_row_comes_from_an_allowed_source() -> None:
    own = {f"own/{row['id']}" for row in read_rows(urgency_data.OWN)}
    dev = {f"{name}/{row['id']}" for name, row in _outside_by_set() if row["split"] == "dev"}
    training = _training()
    assert {row["id"] for row in training if row["set"] == "own"} <= own
    from_outside = {row["id"] for row in training if row["set"] in urgency_data.OUTSIDE_SETS}
    assert from_outside <= dev
    # Only the near-duplicates of held-out rows are left out: a few percent, not a whole set.
    assert 0 < len(dev - from_outside) < 0.05 * len(dev)
    assert len(training) > 900


def test_a_held_out_row_and_its_near_duplicate_are_left_out() -> None:
    outside = [
        _row("o-1", "mi patron me tiene encerrado en la bodega y no me deja salir", "heldout"),
        _row("o-2", "como saco la matricula consular en houston", "dev"),
    ]
    own = [
        _row("a-1", "Mi patrón me tiene encerrado en la bodega, no me deja salir!", "dev"),
        _row("a-2", "cuanto cuesta mandar dinero a honduras", "dev"),
    ]
    result = training_set(own, {"outside": outside})
    assert [row["id"] for row in result.rows] == ["own/a-2", "outside/o-2"]
    assert result.dropped == 1


def _row(row_id: str, text: str, split: str) -> dict[str, str]:
    return {"id": row_id, "text": text, "language": "es", "urgent": "1", "split": split}


HEADER = "id\ttext\tlanguage\turgent\tsplit\n"


def _sets(folder: Path) -> tuple[Path, dict[str, Path]]:
    """A tiny own set and one outside set, one of its rows held out."""
    own, outside = folder / "own.tsv", folder / "outside.tsv"
    own.write_text(HEADER + "a1\tmy boss hit me today\ten\t1\tdev\n", encoding="utf-8")
    outside.write_text(
        HEADER
        + "b1\twhere do i renew my passport\ten\t0\tdev\n"
        + "b2\tthey locked us in the farm house\ten\t1\theldout\n",
        encoding="utf-8",
    )
    return own, {"outside": outside}


def _computing_fails(*_: Any) -> urgency_data.TrainingSet:
    raise AssertionError("computed again")


def test_an_unchanged_training_set_is_read_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own, outside = _sets(tmp_path)
    first = cached_training_set(own, outside, tmp_path / "cache")
    monkeypatch.setattr(urgency_data, "training_set", _computing_fails)
    assert cached_training_set(own, outside, tmp_path / "cache") == first
    assert [row["id"] for row in first.rows] == ["own/a1", "outside/b1"]


def test_a_changed_set_is_computed_again(tmp_path: Path) -> None:
    own, outside = _sets(tmp_path)
    cached_training_set(own, outside, tmp_path / "cache")
    with outside["outside"].open("a", encoding="utf-8") as handle:
        handle.write("b3\tcan my cousin send money home\ten\t0\tdev\n")
    again = cached_training_set(own, outside, tmp_path / "cache")
    assert [row["id"] for row in again.rows] == ["own/a1", "outside/b1", "outside/b3"]
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1  # the stale result is gone


def test_a_change_to_the_deciding_code_is_computed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own, outside = _sets(tmp_path)
    code = tmp_path / "guard.py"
    code.write_text("RATIO = 0.70\n", encoding="utf-8")
    monkeypatch.setattr(urgency_data, "DECIDING_CODE", (code,))
    cached_training_set(own, outside, tmp_path / "cache")
    code.write_text("RATIO = 0.75\n", encoding="utf-8")
    calls: list[int] = []
    computing = urgency_data.training_set
    monkeypatch.setattr(urgency_data, "training_set", lambda *a: calls.append(1) or computing(*a))
    cached_training_set(own, outside, tmp_path / "cache")
    assert calls == [1]
