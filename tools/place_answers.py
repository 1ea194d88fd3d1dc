"""The place parser on a list of answers, read as `tests/conversations/test_places.py` reads it.

Each row's `text` goes to `parse_country` or `parse_origin` by its `question`; a row is right
when the code equals `country` (empty: no place). Prints the count and, for a dev list, the
misses; for a held-out list (a file name with "heldout") the count only, so nobody tunes on
its misses. `--timing` also times the four readings a message gets (`mentioned_country`,
`mentioned_origin`, `parse_country`, `parse_origin`) over the dev questions' texts, and
prints how long loading the place data took (`places.load_places`, what the app does at
start-up) and the process's peak memory.

Usage: python -m tools.place_answers tests/data/place_answers_dev2.tsv [--timing]
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

from conversations import gazetteer, place_clauses, place_spelling, places
from core.settings import REPO_ROOT

DEV_QUESTIONS = REPO_ROOT / "tests" / "data" / "dev_questions.tsv"
TIMING_ROUNDS = 5


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(path: Path, *, show_misses: bool) -> tuple[int, int]:
    """Right answers and all answers of the list; the misses printed when asked."""
    rows = _rows(path)
    right = 0
    for row in rows:
        parse = places.parse_country if row["question"] == "country" else places.parse_origin
        found, expected = parse(row["text"]), row["country"] or None
        if found == expected:
            right += 1
        elif show_misses:
            print(f"miss\t{row['question']}\t{row['text']}\texpected {expected}, read {found}")
    return right, len(rows)


def _clear(*, words_too: bool) -> None:
    places.names_in.cache_clear()
    place_clauses.undenied.cache_clear()
    if words_too:
        gazetteer.words.cache_clear()
        place_spelling.closest_name.cache_clear()
        place_spelling.name_by_sound.cache_clear()


def timing(*, words_too: bool) -> float:
    """Milliseconds per dev question for its four readings (best of a few rounds), the last
    texts' cache emptied and, with `words_too`, the cache of words and word runs as well."""
    texts = [row["text"] for row in _rows(DEV_QUESTIONS) if row["split"] == "dev"]
    readings = (
        places.mentioned_country,
        places.mentioned_origin,
        places.parse_country,
        places.parse_origin,
    )
    best = float("inf")
    for _ in range(TIMING_ROUNDS):
        _clear(words_too=words_too)
        started = time.perf_counter()
        for text in texts:
            for read in readings:
                read(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The place parser on a list of answers.")
    parser.add_argument("answers", type=Path)
    parser.add_argument("--timing", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    places.load_places()
    loading = time.perf_counter() - started
    right, total = score(args.answers, show_misses="heldout" not in args.answers.name)
    print(f"{args.answers.name}: {right}/{total} = {right / total:.3f}")
    if args.timing:
        cold, warm = timing(words_too=True), timing(words_too=False)
        print(f"ms per dev question, four readings: {cold:.3f} (word caches empty), {warm:.3f}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"place data loaded in {loading:.2f} s; peak memory of this process {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
