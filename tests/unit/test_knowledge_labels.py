"""The knowledge package's fixed words: topic labels for numbered lists, the MORE hint."""

from __future__ import annotations

import pytest

from core.segments import sms_encoding
from knowledge.labels import TOPIC_LABELS, more_hint, topic_label
from knowledge.taxonomy import load_taxonomy


def test_every_taxonomy_topic_has_a_short_label_in_both_languages() -> None:
    assert set(TOPIC_LABELS) == set(load_taxonomy())
    long = {
        (topic, language)
        for topic in TOPIC_LABELS
        for language in ("es", "en")
        if len(topic_label(topic, language)) > 28
    }
    assert long == set()


@pytest.mark.parametrize("language", ["es", "en"])
def test_labels_are_distinct_so_an_offered_topic_can_be_read_back(language: str) -> None:
    labels = [topic_label(topic, language) for topic in TOPIC_LABELS]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_more_hint_is_gsm7(language: str) -> None:
    assert sms_encoding(more_hint(language)) == "GSM-7"
