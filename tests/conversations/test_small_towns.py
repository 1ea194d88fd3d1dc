"""Towns of 5,000 to 15,000 people of the destinations: read in a short answer when said as
the place, never when they are words people write, and kept as `tools.small_towns` writes them."""

from __future__ import annotations

import pytest

from conversations import gazetteer
from conversations.places import parse_country, parse_origin
from tools import small_towns


@pytest.mark.parametrize(
    ("answer", "country"),
    [("en pahokee, en la caña", "US"), ("aqui en fraga recogiendo melocoton", "ES")],
)
def test_a_small_town_said_as_the_place_names_its_country(answer: str, country: str) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("en la recogida de naranja en valencia", "ES"),  # Naranja, Florida: not after "de"
        ("empiezo en mayo", None),  # Mayo, Florida: a word people write
        ("estamos en recreo", None),
        ("im at college", None),
    ],
)
def test_a_small_town_named_like_a_word_or_after_de_is_no_other_place(
    answer: str, country: str | None
) -> None:
    assert parse_country(answer) == country


def test_an_origins_small_town_answers_where_from_only() -> None:
    assert parse_origin("de intipuca") == "SV"  # not Intibucá (Honduras) by a typo
    assert parse_country("de intipuca") is None


def test_a_small_town_of_a_destination_is_no_place_a_person_comes_from() -> None:
    assert parse_origin("de mazate") == "GT"  # Mazatenango: no Mexican small town begins so


def test_the_small_town_file_is_what_the_tool_writes() -> None:
    written = gazetteer.SMALL_TOWNS_FILE.read_text(encoding="utf-8")
    assert written == small_towns.render()


def test_the_origin_town_file_is_what_the_tool_writes() -> None:
    written = gazetteer.ORIGIN_TOWNS_FILE.read_text(encoding="utf-8")
    assert written == small_towns.render(small_towns.origin_towns())
