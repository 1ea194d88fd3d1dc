"""A doubt about the answer just sent is told from a new question that uses the same words."""

from __future__ import annotations

import pytest

from conversations.doubt import doubts_the_answer


@pytest.mark.parametrize(
    "text",
    [
        "is that for real?",
        "ok but is that for real tho",
        "Is that true??",
        "is that legit?",
        "fr?",
        "es en serio?",
        "oiga, eso es cierto?",
        "neta?",
        "de verdad?",
        "a poco si?",
    ],
)
def test_a_doubt_about_the_answer(text: str) -> None:
    assert doubts_the_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "y como se si es real?",  # whether an offer is real, not the answer
        "seguro que no me cobran?",
        "estoy seguro que me pagan menos",
        "is it true they can fire me for complaining about it",
        "is that even legal lol",
        "eso es legal?",
        "really? they can do that?",
        "ok",
        "",
    ],
)
def test_a_question_of_its_own_is_no_doubt(text: str) -> None:
    assert not doubts_the_answer(text)
