"""Finding phone numbers and unchecked figures in article text."""

from __future__ import annotations

from knowledge.numbers import raw_numbers, unclaimed_numbers

DIRECTORY = ["911", "1-888-373-7888", "233733"]


def typed(text: str) -> list[str]:
    return [found.text for found in raw_numbers(text, DIRECTORY)]


def test_a_number_in_parentheses_after_a_phone_is_not_part_of_it() -> None:
    assert typed("Llama al 520-623-7874 (24 horas).") == ["520-623-7874"]


def test_an_area_code_in_parentheses_is_part_of_the_phone() -> None:
    assert typed("Desde EE. UU.: +1 (470) 751-9077.") == ["+1 (470) 751-9077"]


def test_dates_and_year_ranges_are_not_phones() -> None:
    assert typed("Desde el 2026-12-02, como entre 2015-2019 y el 17.01.2025.") == []


def test_a_short_directory_number_is_found_only_as_a_whole_number() -> None:
    assert typed("Llama al 911. No es el 9115 ni 911a.") == ["911"]


def test_codes_glued_to_words_are_not_phones() -> None:
    assert typed("Visa H-2A, 24/7, BOE-A-2023-26100, gob.pe/83486-ley.") == []


def test_a_digit_run_in_a_claim_covers_it_in_the_text() -> None:
    assert unclaimed_numbers("La visa cuesta $205 y tardan 24 horas.", ["fee $205"]) == ["24"]


def test_a_list_marker_is_not_a_figure() -> None:
    assert unclaimed_numbers("1. Anota tus horas.\n2) Guarda copias.", []) == []


def test_a_partial_match_does_not_cover_a_figure() -> None:
    assert unclaimed_numbers("Son 240 horas.", ["24 hours"]) == ["240"]
