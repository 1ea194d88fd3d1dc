"""The baselines of `make eval`'s report, on the small valid knowledge base (no trained model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import load_knowledge_base
from knowledge.base import KnowledgeBase
from tools import baselines
from tools.baselines import FaqMatcher, Prediction, reading_to_prediction

VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(VALID)


def test_the_faq_matcher_answers_the_topic_of_the_best_article_in_either_language(
    kb: KnowledgeBase,
) -> None:
    matcher = FaqMatcher(kb)
    assert matcher.predict("the company never paid my wages").topic == "wages"
    assert matcher.predict("el patron no me paga el salario").topic == "wages"
    assert matcher.predict("my boss has my passport").topic == "documents_retained"


def test_a_message_sharing_no_word_with_any_article_is_out_of_scope(kb: KnowledgeBase) -> None:
    assert FaqMatcher(kb).predict("receta de tamales") == Prediction("out_of_scope", urgent=False)


def test_the_faq_matcher_is_urgent_only_when_the_article_lists_an_emergency_contact(
    kb: KnowledgeBase,
) -> None:
    matcher = FaqMatcher(kb)
    # Both articles are on documents_retained (urgent-capable); only the US one lists a hotline.
    with_hotline = matcher.best("in the us my boss keeps my passport contractor")
    without = matcher.best("my boss has my passport")
    assert with_hotline is not None
    assert with_hotline.id == "documents-passport-kept-us"
    assert without is not None
    assert without.id == "documents-passport-kept"
    assert matcher.predict("in the us my boss keeps my passport contractor").urgent
    assert not matcher.predict("my boss has my passport").urgent


def test_evaluation_questions_are_left_out_of_the_index(kb: KnowledgeBase) -> None:
    # "voter" is in one example question only ("boss has my mexican voter card").
    assert FaqMatcher(kb).predict("voter").topic == "documents_retained"
    excluded = frozenset({"boss has my mexican voter card"})
    assert FaqMatcher(kb, excluded).predict("voter").topic == "out_of_scope"


def test_the_rasa_baseline_is_urgent_on_a_confident_urgent_capable_topic() -> None:
    urgent = {"documents_retained"}
    sure = {"best": "documents_retained", "best_confidence": baselines.URGENT_CONFIDENCE}
    unsure = {"best": "documents_retained", "best_confidence": 0.2}
    other = {"best": "wages", "best_confidence": 0.99}
    assert reading_to_prediction(sure, urgent) == Prediction("documents_retained", urgent=True)
    assert not reading_to_prediction(unsure, urgent).urgent
    assert not reading_to_prediction(other, urgent).urgent
    assert reading_to_prediction({"best": None}, urgent) == Prediction(None, urgent=False)


def test_the_baseline_model_is_retrained_when_its_config_changes(tmp_path: Path) -> None:
    config = baselines.RASA_DEFAULT_CONFIG
    changed = tmp_path / config.name
    changed.write_text(config.read_text(encoding="utf-8").replace("100", "99"), encoding="utf-8")
    assert baselines.rasa_default_hash(config) == baselines.rasa_default_hash(config)
    assert baselines.rasa_default_hash(config) != baselines.rasa_default_hash(changed)


def test_the_baseline_config_is_the_pipeline_rasa_init_suggests() -> None:
    text = baselines.RASA_DEFAULT_CONFIG.read_text(encoding="utf-8")
    for component in (
        "WhitespaceTokenizer",
        "RegexFeaturizer",
        "LexicalSyntacticFeaturizer",
        "CountVectorsFeaturizer",
        "DIETClassifier",
        "EntitySynonymMapper",
        "ResponseSelector",
        "FallbackClassifier",
    ):
        assert f"- name: {component}" in text
    assert "epochs: 100" in text
    assert "threshold: 0.3" in text
