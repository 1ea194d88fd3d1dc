"""A yes or a no to a closed question, as people type it; "I don't know" apart; anything else
is not an answer."""

from __future__ import annotations

import pytest

from conversations.yes_no import Answer, read_answer

YES, NO, UNSURE = Answer.YES, Answer.NO, Answer.UNSURE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("si", YES),
        ("Sí", YES),
        ("SI.", YES),
        ("sii", YES),
        ("sip", YES),
        ("simon", YES),
        ("claro", YES),
        ("ya", YES),
        ("yes", YES),
        ("Yeah", YES),
        ("yep", YES),
        ("of course", YES),
        ("por supuesto", YES),
        ("si, el patron tiene mi pasaporte", YES),
        ("yes they took it", YES),
        ("i can", YES),
        ("no", NO),
        ("No.", NO),
        ("nop", NO),
        ("nope", NO),
        ("nel", NO),
        ("nah", NO),
        ("nunca", NO),
        ("para nada", NO),
        ("no me dejan", NO),
        ("no me dejan salir", NO),
        ("ya no", NO),
        ("not really", NO),
        ("i cant", NO),
        ("they dont pay me", NO),
        ("no se", UNSURE),
        ("no sé", UNSURE),
        ("idk", UNSURE),
        ("i dont know", UNSURE),
        ("not sure", UNSURE),
        ("a veces", UNSURE),
    ],
)
def test_an_answer_is_read_as_people_type_it(text: str, expected: Answer) -> None:
    assert read_answer(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hola",
        "que pasa con mi caso?",
        "no entiendo",
        "ok",
        "cuanto me deben pagar",
        "ya me voy",
    ],
)
def test_a_message_that_is_no_answer_is_none(text: str) -> None:
    assert read_answer(text) is None


@pytest.mark.parametrize("text", ["ok", "dale", "Va", "bueno"])
def test_ok_accepts_an_offer_only(text: str) -> None:
    assert read_answer(text, offer=True) == YES
    assert read_answer(text) is None
