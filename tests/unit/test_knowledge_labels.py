"""Every topic has a short name in both languages, for numbered lists on a cheap phone."""

from __future__ import annotations

from knowledge.labels import TOPIC_LABELS
from knowledge.taxonomy import load_taxonomy


def test_every_taxonomy_topic_has_a_short_label_in_both_languages() -> None:
    assert set(TOPIC_LABELS) == set(load_taxonomy())
    long_or_missing = {
        (topic, language)
        for topic, labels in TOPIC_LABELS.items()
        for language in ("es", "en")
        if not 0 < len(labels.get(language, "")) <= 28
    }
    assert long_or_missing == set()
