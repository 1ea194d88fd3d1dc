"""Replies follow the language each message is written in; short messages keep the last one."""

from __future__ import annotations

import pytest

from conversations.language import LanguageChooser


@pytest.fixture(scope="module")
def chooser() -> LanguageChooser:
    return LanguageChooser()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hola, me pueden ayudar?", "es"),
        ("hi can you help me", "en"),
        ("el boss no me paga el overtime", "es"),
        ("my patron took my pasaporte", "en"),
        ("Mi patrón se quedó con mi pasaporte", "es"),
        ("xq no me pagan", "es"),
        ("im stuck at the farm and they wont let me go", "en"),
    ],
)
def test_the_language_of_a_message_is_detected(
    chooser: LanguageChooser, text: str, expected: str
) -> None:
    assert chooser.choose(text, None).language == expected


@pytest.mark.parametrize("text", ["ok", "👍👍", "911", ""])
def test_a_message_without_language_keeps_the_previous_one(
    chooser: LanguageChooser, text: str
) -> None:
    assert chooser.choose(text, "en").language == "en"


@pytest.mark.parametrize(("text", "expected"), [("English", "en"), ("ESPAÑOL", "es")])
def test_a_language_keyword_switches_language(
    chooser: LanguageChooser, text: str, expected: str
) -> None:
    choice = chooser.choose(text, "es" if expected == "en" else "en")
    assert (choice.language, choice.switched) == (expected, True)


@pytest.mark.parametrize(
    "text", ["Olá, preciso de ajuda com meu salário", "Bonjour, je cherche du travail au Canada"]
)
def test_a_language_we_do_not_speak_is_reported_as_unsupported(
    chooser: LanguageChooser, text: str
) -> None:
    choice = chooser.choose(text, "es")
    assert choice.unsupported
    assert choice.language == "es"


def test_ok_does_not_undo_a_chosen_language(chooser: LanguageChooser) -> None:
    assert chooser.choose("ok", "es").language == "es"
    assert chooser.choose("OK!", "es").language == "es"
