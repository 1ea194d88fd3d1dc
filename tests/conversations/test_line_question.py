"""A follow-up about the help line just given is told from a question about work that uses the
same words."""

from __future__ import annotations

import pytest

from conversations.line_question import asked_about_the_line


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("a q hora atienden ese numero", {"hours"}),
        ("that number, they talk spanish?", {"languages"}),
        ("whats their whatsapp", {"whatsapp"}),
        ("y a quien le hablo", {"number"}),
        ("cual es el numero", {"number"}),
        ("what number do i call", {"number"}),
    ],
)
def test_what_is_asked_of_the_line(text: str, asked: set[str]) -> None:
    assert asked_about_the_line(text) == asked


@pytest.mark.parametrize(
    "text",
    [
        "how many hours can i work",  # the hours of work, not of the line
        "how long does the open permit take",
        "y el numero del consulado?",  # another line than the answer's
        "can i text?",
        "",
    ],
)
def test_a_question_of_its_own_asks_nothing_of_the_line(text: str) -> None:
    assert asked_about_the_line(text) == frozenset()
