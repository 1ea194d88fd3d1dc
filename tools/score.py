"""`make score`: topic accuracy per language and split, and SMS cost, of a `make eval` output.

A questions TSV of conversations (`conversation` and `expect` columns) is scored by turn and
by conversation instead: see tools.threads.

Reads the labels (`topic`, `language`, `split`, `batch`) from the questions TSV and the
predictions from the JSON lines, matched by line order. With a `batch` column (questions
written at different times) it also prints each batch's accuracy, so a later batch, written
after the model was tuned on earlier ones, can be read on its own. Rows of the `leaked` split
(held-out rows found to be near-duplicates of training examples, see tools/leaks.py) are
counted apart and never as held-out.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from actions.answer import ASK_COUNTRY, ASK_ORIGIN, NO_ARTICLE, NO_ARTICLE_AGAIN, OFFER_QUESTION
from actions.replies import TEXTS
from core.i18n import LOCALES
from core.text import normalize_for_nlu
from knowledge.labels import TOPIC_LABELS, topic_label
from knowledge.taxonomy import load_taxonomy
from tools import threads

# How the bot first answered a question on a knowledge-base topic, by the texts it uses.
FIRST_ANSWERS = (
    ("asks where", ASK_COUNTRY),
    ("asks origin", ASK_ORIGIN),
    ("no article", NO_ARTICLE),
    ("no article", NO_ARTICLE_AGAIN),
    ("offers topics", OFFER_QUESTION),
)

_TOPIC_BY_LABEL = {
    normalize_for_nlu(topic_label(topic, language)): topic
    for topic in TOPIC_LABELS
    for language in LOCALES
}


def read_labels(path: Path) -> list[dict[str, str]]:
    """The rows of a questions TSV (text, language, topic, split, urgent)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def first_answer(result: dict[str, Any]) -> str:
    """'article', 'asks where', 'asks origin', 'no article', 'offers topics' or 'other'."""
    if result.get("article_id"):
        return "article"
    reply = normalize_for_nlu(result.get("reply") or "")
    for kind, message in FIRST_ANSWERS:
        if any(normalize_for_nlu(text) in reply for text in TEXTS.all(message).values()):
            return kind
    return "other"


def offered_topics(result: dict[str, Any]) -> set[str]:
    """The topics an "is it about one of these?" reply listed, read back from their labels."""
    reply = normalize_for_nlu(result.get("reply") or "") + " "  # one line: "1. pago y salario 2. …"
    return {topic for label, topic in _TOPIC_BY_LABEL.items() if f". {label} " in reply}


# Splits whose mistakes are never printed: looking at them would be tuning on them.
UNSEEN_SPLITS = ("heldout", "leaked")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args()
    labels = read_labels(args.questions)
    results = [json.loads(line) for line in args.results.read_text().splitlines() if line]
    if len(labels) != len(results):
        raise SystemExit(f"{len(labels)} questions but {len(results)} results")
    if labels and "conversation" in labels[0] and "expect" in labels[0]:
        threads.report(labels, results, first_answer)
        return
    groups: dict[tuple[str, str], list[bool]] = defaultdict(list)
    batches: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    language_ok: list[bool] = []
    misses: list[str] = []
    for label, result in zip(labels, results, strict=True):
        hit = result["topic"] == label["topic"]
        for key in ((label["language"], label.get("split", "all")), (label["language"], "all")):
            groups[key].append(hit)
        if label.get("batch"):
            batches[(label["language"], label.get("split", "all"), label["batch"])].append(hit)
        language_ok.append(result["language"] == label["language"])
        if not hit and label.get("split") not in UNSEEN_SPLITS:
            misses.append(f"  {label['topic']:>26} -> {result['topic']!s:<26} {label['text'][:70]}")
    print("topic accuracy")
    if any(label.get("split") == "leaked" for label in labels):
        print("  (leaked: near-duplicates of training examples, not counted as held-out)")
    for (language, split), hits in sorted(groups.items()):
        print(f"  {language} {split:<8} {sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})")
    if batches:
        print("topic accuracy by batch")
        for (language, split, batch), hits in sorted(batches.items()):
            share = f"{sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})"
            print(f"  {language} {split:<8} batch {batch:<3} {share}")
    print(f"language detection accuracy {sum(language_ok) / len(language_ok):.3f}")
    segments = [r["sms_segments"] for r in results]
    latency = [r["latency_ms"] for r in results]
    print(f"SMS segments per reply: median {statistics.median(segments)}, max {max(segments)}")
    print(f"latency ms: median {statistics.median(latency):.0f}, max {max(latency):.0f}")
    topics = set(load_taxonomy())
    answers = Counter(
        first_answer(result)
        for label, result in zip(labels, results, strict=True)
        if label["topic"] in topics
    )
    shares = ", ".join(f"{kind} {count}" for kind, count in answers.most_common())
    print(f"first answer to the {answers.total()} topic questions: {shares}")
    offers = [
        label["topic"] in offered_topics(result)
        for label, result in zip(labels, results, strict=True)
        if label["topic"] in topics and first_answer(result) == "offers topics"
    ]
    if offers:
        print(f"  the right topic was among those offered: {sum(offers)}/{len(offers)}")
    print(f"misclassified outside the held-out and leaked splits ({len(misses)}):")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
