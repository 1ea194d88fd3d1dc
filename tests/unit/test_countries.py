"""Where a question is set: a short answer to "which country?", or a name inside a message."""

from __future__ import annotations

import pytest

from core.countries import mentioned_country, parse_country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("en españa", "ES"),
        ("USA", "US"),
        ("EE.UU.", "US"),
        ("canada!", "CA"),
        ("mexico", "MX"),
        ("no se", None),
        ("trabaje en usa y ahora en canada", None),
    ],
)
def test_a_short_answer_names_one_country(text: str, country: str | None) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("how do i get an h2a visa", "US"),
        ("mi papa esta con la H-2A en Georgia y no le pagan", "US"),
        ("trabajo en Canadá y no me pagan las horas extra", "CA"),
        ("greenhouse in leamington, 11 hrs every day", "CA"),
        ("tengo derecho a paro si me quedo sin chamba aqui en barcelona", "ES"),
        ("q es el programa gecco", "ES"),
    ],
)
def test_a_message_that_names_one_destination_is_set_there(text: str, country: str) -> None:
    assert mentioned_country(text) == country


@pytest.mark.parametrize(
    "text",
    [
        "they dont pay us the overtime",  # "us" the pronoun
        "soy de mexico y no me pagan",  # where the person comes from, not where they work
        "i came from central america last year",
        "me voy pal norte la otra semana",  # too vague to pick the answer's country
        "trabaje en usa y ahora me voy a españa",  # two countries: ask
        "mi patron no me paga las horas extra",
    ],
)
def test_a_message_without_one_clear_destination_names_none(text: str) -> None:
    assert mentioned_country(text) is None
