"""The Rasa project matches the taxonomy; its training data is complete in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.text import normalize_for_nlu

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"
LANGUAGES = ("es", "en")


def _taxonomy() -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((ROOT / "knowledge" / "taxonomy.yml").read_text())
    return loaded


def _domain_intents() -> set[str]:
    intents: set[str] = set()
    for path in (BOT / "domain").glob("*.yml"):
        intents.update(yaml.safe_load(path.read_text()).get("intents", []))
    return intents


def _examples(language: str) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for path in (BOT / "data" / "nlu" / language).glob("*.yml"):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            lines = [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]
            examples.setdefault(block["intent"], []).extend(lines)
    return examples


def test_the_domain_has_every_taxonomy_id_as_an_intent() -> None:
    taxonomy = _taxonomy()
    expected = set(taxonomy["topics"]) | set(taxonomy["conversational"])  # type: ignore[call-overload]
    assert _domain_intents() == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_at_least_twenty_examples_in_each_language(language: str) -> None:
    examples = _examples(language)
    thin = {intent: len(examples.get(intent, [])) for intent in _domain_intents()}
    assert {k: v for k, v in thin.items() if v < 20} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_training_examples_are_written_as_the_app_sends_them(language: str) -> None:
    """The app lowercases and strips accents before Rasa sees a message; so must the data."""
    for intent, lines in _examples(language).items():
        for line in lines:
            assert line == normalize_for_nlu(line), f"{intent}: {line!r}"


def test_the_knowledge_copy_of_the_taxonomy_matches_the_shared_one() -> None:
    shared = ROOT.parent / "shared" / "taxonomy.yml"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert yaml.safe_load(shared.read_text()) == _taxonomy()


def test_no_held_out_question_is_in_the_training_data() -> None:
    import csv

    with (ROOT / "tests" / "data" / "dev_questions.tsv").open(encoding="utf-8") as handle:
        held = {normalize_for_nlu(r["text"]) for r in csv.DictReader(handle, delimiter="\t")}
    trained = {line for lang in LANGUAGES for lines in _examples(lang).values() for line in lines}
    assert held & trained == set()
