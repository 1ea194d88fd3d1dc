"""An acknowledgement that opens a message is not what the classifier reads of it."""

from __future__ import annotations

import pytest

from conversations.pipeline import nlu_text


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("ok who do i call", "who do i call"),
        ("k and about the tips?", "and about the tips?"),
        ("Ok. otra cosa, mi esposa limpia casas", "otra cosa, mi esposa limpia casas"),
        ("okay, so where do i report it", "so where do i report it"),
        ("ok ok y?", "y?"),
    ],
)
def test_the_classifier_reads_a_message_without_the_acknowledgement_that_opens_it(
    message: str, read: str
) -> None:
    assert nlu_text(message) == read


@pytest.mark.parametrize("message", ["ok", "k", "got it", "ok 👍🏽", "okas"])
def test_an_acknowledgement_alone_is_read_as_written(message: str) -> None:
    assert nlu_text(message) == message.lower()


def test_k_for_que_is_no_acknowledgement() -> None:
    assert nlu_text("k paso con mi pago") == "k paso con mi pago"
