"""The held-out split's guard: is an evaluation question a near-duplicate of a training example?

`knowledge.training_data` drops evaluation questions that equal an article question, but a
question with two words changed, its words reordered, or a greeting that is a hand-written
example plus "ok", still measures the model on what it was trained on. A question is a
near-duplicate of a training example (any language, any intent: article questions as
`make train` keeps them, and the hand-written examples of bot/data/nlu/{es,en}/*.yml) when,
after `tokens` (case, accents, punctuation, apostrophes and texting shorthand do not count):

* its set of words equals the example's, or at most MAX_CHANGED words were added, removed or
  replaced, provided the words kept outnumber the words changed or one text holds the other
  whole ("requirements for h2b" is not "paid for my h2b"; "ok bye" is "bye"); or
* difflib's SequenceMatcher ratio of the two normalised texts is at least RATIO.

Why RATIO is 0.70: tests/data/README.md ("Leak guard").

Usage: python -m tools.leaks [--questions tests/data/dev_questions.tsv] [--split heldout|dev|all]
       [--ratio 0.70] [--distribution] [--exhaustive]
Exits 1 when a row of the chosen split (held-out by default) is a near-duplicate.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from core.settings import REPO_ROOT
from core.text import strip_accents
from knowledge.loader import load_knowledge_base
from knowledge.models import LANGUAGES
from knowledge.training_data import FILE_NAME, collect_examples, read_exclusions
from tools.score import read_labels
from tools.train import EXCLUDED_QUESTIONS

RATIO = 0.70
MAX_CHANGED = 2
SHORTLIST = 20

Array = npt.NDArray[np.intp]

# Texting shorthand whose meaning is not in doubt, seen in the evaluation set or the training
# data: "q" is always "que", "xq" always "porque", "x" alone "por" ("x fa", "3 x semana").
SHORTHAND = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "xk": "porque",
    "pq": "porque",
    "porq": "porque",
    "x": "por",
    "xfa": "por favor",
    "porfa": "por favor",
    "fa": "favor",
    "pa": "para",
    "tb": "tambien",
    "tmb": "tambien",
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "tho": "though",
    "thru": "through",
    "ppl": "people",
}
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile("['`\u2018\u2019\u00b4]")  # typed and curly apostrophes


def tokens(text: str) -> list[str]:
    """The words of `text` as compared: lowercase, accent-free, no punctuation, apostrophes
    dropped ("I'm" is "im", as people type it) and shorthand spelt out ("q" -> "que")."""
    plain = strip_accents(_APOSTROPHES.sub("", text)).casefold()
    return [full for word in _WORD.findall(plain) for full in SHORTHAND.get(word, word).split()]


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    source: str


@dataclass(frozen=True)
class Match:
    """Why a question is a near-duplicate of `example`."""

    example: Example
    reason: str  # "same words", "2 word(s) changed" or "ratio 0.74"
    ratio: float


class LeakGuard:
    """Compares questions with a fixed list of training examples.

    The exact SequenceMatcher ratio against all ~9,400 examples takes about a second per
    question, so it is computed for a shortlist only: among the examples whose letter counts
    allow the ratio at all (difflib's quick_ratio, an upper bound), the SHORTLIST sharing the
    most character trigrams. On the 469 evaluation questions every example at a ratio of 0.65
    or more was among a question's first 6 by trigrams, and the exhaustive search
    (`python -m tools.leaks --split all --exhaustive`, 9 minutes) reports the same rows.
    """

    def __init__(
        self,
        examples: Sequence[Example],
        ratio: float = RATIO,
        max_changed: int = MAX_CHANGED,
        shortlist: int | None = SHORTLIST,
    ) -> None:
        self.examples = list(examples)
        self.ratio = ratio
        self.max_changed = max_changed
        self.shortlist = shortlist
        words = [tokens(example.text) for example in self.examples]
        self._texts = [" ".join(w) for w in words]
        self._sizes = np.array([len(set(w)) for w in words])
        self._words = _postings(set(w) for w in words)
        trigrams = [_trigrams(text) for text in self._texts]
        self._trigram_sizes = np.array([len(t) for t in trigrams])
        self._trigrams = _postings(trigrams)
        self._counts = np.array([_letter_counts(text) for text in self._texts])
        self._lengths = np.array([len(text) for text in self._texts])

    def match(self, text: str) -> Match | None:
        """The closest training example `text` is a near-duplicate of, or None."""
        words = tokens(text)
        normalised = " ".join(words)
        by_words = self._by_words(set(words))
        if by_words is not None:
            index, changed = by_words
            reason = "same words" if changed == 0 else f"{changed} word(s) changed"
            matcher = difflib.SequenceMatcher(None, self._texts[index], normalised, autojunk=False)
            return Match(self.examples[index], reason, round(matcher.ratio(), 3))
        ratio, best = self._best_ratio(normalised, floor=self.ratio)
        if best is None:
            return None
        return Match(self.examples[best], f"ratio {ratio:.2f}", round(ratio, 3))

    def closest_ratio(
        self, text: str, among: Iterable[int] | None = None, floor: float = 0.0
    ) -> float:
        """The highest SequenceMatcher ratio of `text` against the examples (or those `among`),
        or 0 when none reaches `floor`."""
        ratio, _ = self._best_ratio(" ".join(tokens(text)), among, floor)
        return ratio

    def _by_words(self, words: set[str]) -> tuple[int, int] | None:
        """(example index, words changed) of the example with the fewest words changed."""
        if not words:
            return None
        shared = self._shared(self._words, words)
        changed = np.maximum(len(words) - shared, self._sizes - shared)
        contained = (shared == len(words)) | (shared == self._sizes)
        near = (shared > 0) & (changed <= self.max_changed) & ((shared > changed) | contained)
        if not near.any():
            return None
        best = int(np.flatnonzero(near)[np.argmin(changed[near])])
        return best, int(changed[best])

    def _best_ratio(
        self, text: str, among: Iterable[int] | None = None, floor: float = 0.0
    ) -> tuple[float, int | None]:
        """(ratio, index) of the example most similar to `text`, if it reaches `floor`."""
        if not text:
            return 0.0, None
        bound = 2 * np.minimum(self._counts, _letter_counts(text)).sum(axis=1)
        bound = bound / (self._lengths + len(text))
        candidates = np.arange(len(self.examples)) if among is None else np.fromiter(among, int)
        candidates = candidates[bound[candidates] >= floor]
        if self.shortlist is not None and len(candidates) > self.shortlist:
            trigrams = _trigrams(text)
            shared = self._shared(self._trigrams, trigrams)[candidates]
            dice = 2 * shared / (self._trigram_sizes[candidates] + len(trigrams))
            candidates = candidates[np.argsort(-dice, kind="stable")[: self.shortlist]]
        candidates = candidates[np.argsort(-bound[candidates], kind="stable")]
        matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)
        best_ratio, best = 0.0, None
        for index in candidates:
            if bound[index] <= best_ratio:
                break
            matcher.set_seq1(self._texts[index])
            ratio = matcher.ratio()
            if ratio > best_ratio and ratio >= floor:
                best_ratio, best = ratio, int(index)
        return best_ratio, best

    def _shared(self, postings: dict[str, Array], keys: Iterable[str]) -> Array:
        """How many of `keys` each example has."""
        found = [postings[key] for key in keys if key in postings]
        indices = np.concatenate(found) if found else np.zeros(0, dtype=np.intp)
        return np.bincount(indices, minlength=len(self.examples))


def _postings(key_sets: Iterable[Iterable[str]]) -> dict[str, Array]:
    """key -> indices of the sets holding it."""
    lists: dict[str, list[int]] = {}
    for index, keys in enumerate(key_sets):
        for key in keys:
            lists.setdefault(key, []).append(index)
    return {key: np.array(indices, dtype=np.intp) for key, indices in lists.items()}


def _trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _letter_counts(text: str) -> Array:
    """Occurrences of each character (`tokens` leaves only ASCII letters, digits, spaces)."""
    return np.bincount(np.frombuffer(text.encode("ascii"), dtype=np.uint8), minlength=128)


def training_examples(root: Path = REPO_ROOT) -> list[Example]:
    """Every example `make train` trains on: the articles' questions without the evaluation
    questions (as knowledge.training_data writes them), and the hand-written NLU files."""
    kb = load_knowledge_base(root / "knowledge")
    excluded = read_exclusions([root / EXCLUDED_QUESTIONS.relative_to(REPO_ROOT)])
    examples = [
        Example(text, topic, "knowledge/articles")
        for language in LANGUAGES
        for topic, texts in collect_examples(kb, language, excluded).items()
        for text in texts
    ]
    for language in LANGUAGES:
        for path in sorted((root / "bot" / "data" / "nlu" / language).glob("*.yml")):
            if path.name != FILE_NAME:  # generated from the articles, read above
                examples.extend(hand_written_examples(path, root))
    return examples


def hand_written_examples(path: Path, root: Path = REPO_ROOT) -> list[Example]:
    source = path.relative_to(root).as_posix()
    return [
        Example(line.removeprefix("- "), block["intent"], source)
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", [])
        if "intent" in block
        for line in block["examples"].splitlines()
        if line.startswith("- ")
    ]


def find_leaks(
    rows: Iterable[dict[str, str]], guard: LeakGuard, split: str | None = "heldout"
) -> list[tuple[dict[str, str], Match]]:
    """(row, match) for each row of `split` (every row when None) that is a near-duplicate."""
    found = []
    for row in rows:
        if split is None or row["split"] == split:
            match = guard.match(row["text"])
            if match is not None:
                found.append((row, match))
    return found


def print_distribution(rows: Sequence[dict[str, str]], guard: LeakGuard) -> None:
    """How many rows reach each ratio against an example of their own intent, and against an
    example of another intent only (the similarity shared wording alone gives)."""
    by_intent: dict[str, list[int]] = {}
    for index, example in enumerate(guard.examples):
        by_intent.setdefault(example.intent, []).append(index)
    everything = set(range(len(guard.examples)))
    same, other = [], []
    for row in rows:
        own = by_intent.get(row["topic"], [])
        same.append(guard.closest_ratio(row["text"], own, floor=0.5))
        other.append(guard.closest_ratio(row["text"], sorted(everything - set(own)), floor=0.5))
    print(f"rows whose closest example reaches the ratio ({len(rows)} rows)")
    print("  ratio  own intent  other intent only")
    for threshold in (0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 1.0):
        own_count = sum(r >= threshold for r in same)
        other_count = sum(r >= threshold for r in other)
        print(f"  {threshold:.2f}  {own_count:>10}  {other_count:>17}")
    ranked = sorted(other)
    shares = ", ".join(
        f"{share:.0%} {ranked[int(share * (len(ranked) - 1))]:.3f}" for share in (0.9, 0.95, 0.99)
    )
    print(f"  other intent only, percentiles: {shares}, highest {ranked[-1]:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.leaks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--questions", type=Path, default=EXCLUDED_QUESTIONS)
    parser.add_argument("--split", default="heldout", help="rows to check; 'all' for every row")
    parser.add_argument("--ratio", type=float, default=RATIO, help="similarity threshold")
    parser.add_argument("--distribution", action="store_true", help="print the ratio counts")
    parser.add_argument(
        "--exhaustive", action="store_true", help="compute the ratio against every example"
    )
    args = parser.parse_args(argv)
    rows = read_labels(args.questions)
    guard = LeakGuard(
        training_examples(), ratio=args.ratio, shortlist=None if args.exhaustive else SHORTLIST
    )
    if args.distribution:
        print_distribution(rows, guard)
        return 0
    leaks = find_leaks(rows, guard, None if args.split == "all" else args.split)
    for row, match in leaks:
        example = match.example
        print(f"{row['id']} {row['split']} {row['topic']}: {row['text']}")
        print(f"    {match.reason}: {example.text}  ({example.intent}, {example.source})")
    print(f"{len(leaks)} near-duplicate(s) of training examples in split {args.split!r}")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
