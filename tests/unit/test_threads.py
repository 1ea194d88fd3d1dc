"""Conversation scoring: what counts as a right turn, a menu, a wrong-situation article."""

from __future__ import annotations

import pytest

from tools.threads import Turn, repeats


def _turn(expect: str, kind: str = "article", **result: object) -> Turn:
    label = {"conversation": "c1", "expect": expect, "text": "x", "avoid": "h2"}
    return Turn(label, {"topic": expect, **result}, kind)


def test_an_article_for_a_visa_never_mentioned_is_a_wrong_turn() -> None:
    turn = _turn("wages", article_id="wages-h2-pay-rules-us")
    assert turn.wrong_situation()
    assert not turn.right()


def test_an_unasked_for_menu_counts_as_a_menu_and_a_wrong_turn() -> None:
    turn = _turn("wages", kind="offers topics")
    assert turn.is_menu()
    assert not turn.right()


@pytest.mark.parametrize(("segments", "right"), [(2, True), (3, True), (6, False)])
def test_more_is_right_within_three_segments(segments: int, right: bool) -> None:
    turn = _turn("more", kind="other", sms_segments=segments, reply="y" * 200)
    assert turn.right() is right


def test_a_place_answer_followed_by_the_same_question_is_not_understood() -> None:
    assert not _turn("wages", kind="asks where").place_understood()


def test_a_reply_sent_again_right_after_itself_counts_as_a_repeat() -> None:
    said = [_turn("wages", reply=text) for text in ("a", "b", "b", "a", "b")]
    assert repeats(said) == 1
