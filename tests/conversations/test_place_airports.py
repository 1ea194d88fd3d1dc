"""Airports said as where a person is, and three-letter words that are airports' codes too."""

from __future__ import annotations

import pytest

from conversations.places import parse_country


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("llegue a LAX", "US"),  # a code in capitals after arriving
        ("en el aeropuerto de barajas", "ES"),  # the airport's own name beside "aeropuerto"
        ("at the calgary airport", "CA"),  # a city beside "airport"
        ("limpio aviones en ORD", "US"),  # a code in capitals where planes are
        ("just landed at pearson", "CA"),  # Toronto's airport by its own name
        ("trabajo en el jfk limpiando aviones", "US"),  # no word is written without a vowel
    ],
)
def test_an_airport_said_as_a_place_names_its_country(answer: str, country: str) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    "answer",
    [
        "llegue a las 5 de la mañana",  # LAS is Las Vegas' code
        "mi vuelo sale a las 5 de la terminal",  # a word of flying, the code in lowercase
        "llegue a MAS",  # the keyword MORE, an airport's code in Papua New Guinea
        "en la terminal de autobuses",
        "estoy en el aeropuerto",  # which one is not said
        "aterrice en la plata",  # La Plata (the gazetteer's to read), no airport named "Plata"
        "the mom holds the passports at the airport and hands mine back",  # "and" is no code
    ],
)
def test_an_airport_code_that_is_a_word_names_no_place(answer: str) -> None:
    assert parse_country(answer) is None


def test_an_airport_code_needs_a_word_of_flying_or_arriving() -> None:
    assert parse_country("SEA") is None
    assert parse_country("llegue a SEA ayer") == "US"
