"""The urgency classifier's training file holds allowed rows only, never a held-out message.

The outside sets' `heldout` rows are what issue 18's figures are measured on; if one of them,
or a near-duplicate, were in the training file, those figures would be training figures.
These tests read held-out texts only to compare them; nothing is printed but ids.
"""

from __future__ import annotations

from core.text import normalize_for_nlu
from tools import urgency_data
from tools.urgency_data import held_out_guard, read_rows, training_set


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
