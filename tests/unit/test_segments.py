"""SMS segment counting and the accent-free Spanish rendering."""

from __future__ import annotations

import pytest

from core.segments import (
    count_segments,
    sms_encoding,
    sms_rendering,
    strip_accents_for_sms,
)


def test_an_empty_text_is_zero_segments() -> None:
    assert count_segments("") == 0


def test_160_gsm_characters_fit_in_one_segment() -> None:
    assert count_segments("a" * 160) == 1


def test_161_gsm_characters_need_two_segments() -> None:
    assert count_segments("a" * 161) == 2


def test_70_ucs2_characters_fit_in_one_segment() -> None:
    assert count_segments("á" * 70) == 1


def test_71_ucs2_characters_need_two_segments() -> None:
    assert count_segments("á" * 71) == 2


@pytest.mark.parametrize("char", ["€", "[", "]"])
def test_gsm_extension_characters_count_double(char: str) -> None:
    assert count_segments(char * 80) == 1
    assert count_segments(char * 81) == 2


def test_an_emoji_forces_ucs2() -> None:
    assert sms_encoding("hola 😀") == "UCS-2"


def test_an_emoji_counts_as_two_ucs2_characters() -> None:
    assert count_segments("😀" * 35) == 1
    assert count_segments("😀" * 36) == 2


def test_spanish_gsm_letters_stay_gsm7() -> None:
    assert sms_encoding("¿Qué? ¡Niño, pingüino! É Ñ Ü") == "GSM-7"


def test_one_acute_o_switches_spanish_to_ucs2() -> None:
    assert sms_encoding("¿Qué pasó?") == "UCS-2"


def test_strip_accents_replaces_only_non_gsm_vowels() -> None:
    assert strip_accents_for_sms("Árbol, pasó, aquí, útil, ÍÓÚ") == "Arbol, paso, aqui, util, IOU"


def test_strip_accents_keeps_gsm7_spanish_letters() -> None:
    assert strip_accents_for_sms("é ñ ü ¿ ¡ É Ñ Ü") == "é ñ ü ¿ ¡ É Ñ Ü"


def test_strip_accents_maps_curly_punctuation_to_ascii() -> None:
    curly = "\u2018a\u2019 \u201cb\u201d c\u2013d e\u2014f g\u2026"
    assert strip_accents_for_sms(curly) == "'a' \"b\" c-d e-f g..."


def test_sms_rendering_drops_accents_when_it_saves_segments() -> None:
    text = "Tu patrón no puede quedarse con tu pasaporte. " * 2
    assert count_segments(text) == 2
    assert sms_rendering(text) == strip_accents_for_sms(text)
    assert count_segments(sms_rendering(text)) == 1


def test_sms_rendering_keeps_accents_when_an_emoji_forces_ucs2_anyway() -> None:
    text = "Información 😀"
    assert sms_rendering(text) == text
