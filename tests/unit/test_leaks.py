"""The leak guard finds evaluation questions that are near-duplicates of training examples."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.text import normalize_text
from tools import score
from tools.leaks import (
    RATIO,
    SHORTLIST,
    Example,
    LeakGuard,
    find_leaks,
    hand_written_examples,
    tokens,
    training_examples,
)
from tools.score import read_labels
from tools.train import EXCLUDED_QUESTIONS


def guard_of(*texts: str, ratio: float = RATIO, shortlist: int | None = SHORTLIST) -> LeakGuard:
    return LeakGuard([Example(t, "intent", "test") for t in texts], ratio, shortlist=shortlist)


def test_case_accents_punctuation_apostrophes_and_shorthand_do_not_count() -> None:
    assert tokens("¿Q onda? Xq no me PAGAN x fa, I'm aquí") == [
        *("que", "onda", "porque", "no", "me", "pagan", "por", "favor", "im", "aqui"),
    ]
    assert tokens("I\u00b4m ok, u r") == tokens("im ok you are")


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Mi patrón no me paga desde hace 2 semanas!", "same words"),
        ("desde hace 2 semanas mi patron no me paga", "same words"),  # reordered
        ("mi jefe no me paga desde hace 3 semanas", "2 word(s) changed"),
        ("ya mi patron no me paga desde hace 2 semanas ayuda", "2 word(s) changed"),
        ("mi patron no me paga desde hace 2 semana", "1 word(s) changed"),
    ],
)
def test_the_same_words_or_two_changed_are_a_near_duplicate(question: str, reason: str) -> None:
    match = guard_of("mi patron no me paga desde hace 2 semanas").match(question)
    assert match is not None
    assert match.reason == reason


def test_the_same_complaint_in_other_words_is_not() -> None:
    guard = guard_of("mi patron no me paga desde hace 2 semanas")
    assert guard.match("el contratista no nos paga desde hace un mes") is None


def test_a_short_text_is_a_near_duplicate_only_if_it_keeps_more_than_it_changes() -> None:
    guard = guard_of("paid for my h2b", "bye", "buenos dias")
    assert guard.match("requirements for h2b") is None  # 2 kept, 2 changed
    assert guard.match("ok bye") is not None  # holds the example whole
    assert guard.match("q onda, buenos dias") is not None
    assert guard.match("hi") is None


def test_a_similar_text_is_a_near_duplicate_from_the_threshold_on() -> None:
    example = "whats the cheapest way to send money to mexico"
    question = "cheapest way to send money to guatemala"  # ratio 0.73, three words changed
    assert guard_of(example).match(question) is not None
    assert guard_of(example, ratio=0.75).match(question) is None
    assert guard_of("como mando dinero a mi familia").match(question) is None


def test_the_shortlist_finds_what_the_exhaustive_search_finds() -> None:
    filler = [f"pregunta numero {n} sobre el trabajo en el campo" for n in range(200)]
    texts = [*filler, "a que hora atiende el consulado virtual"]
    question = "a q hora abre el consulado en los angeles"
    exhaustive = guard_of(*texts, shortlist=None).match(question)
    assert exhaustive is not None
    assert guard_of(*texts, shortlist=2).match(question) == exhaustive
    assert exhaustive.ratio >= RATIO


def test_the_hand_written_examples_are_read_with_their_intent(tmp_path: Path) -> None:
    path = tmp_path / "bot" / "data" / "nlu" / "es" / "conversation.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hola\n    - q onda\n'
        "- synonym: jale\n  examples: |\n    - chamba\n",
        encoding="utf-8",
    )
    assert hand_written_examples(path, tmp_path) == [
        Example("hola", "greet", "bot/data/nlu/es/conversation.yml"),
        Example("q onda", "greet", "bot/data/nlu/es/conversation.yml"),
    ]


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return training_examples()


def test_the_training_examples_are_the_articles_and_the_hand_written_ones(
    examples: list[Example],
) -> None:
    sources = {example.source for example in examples}
    assert sources == {
        "knowledge/articles",
        "bot/data/nlu/es/conversation.yml",
        "bot/data/nlu/en/conversation.yml",
    }
    evaluation = {normalize_text(row["text"]) for row in read_labels(EXCLUDED_QUESTIONS)}
    articles = {normalize_text(e.text) for e in examples if e.source == "knowledge/articles"}
    assert articles & evaluation == set()  # as `make train` leaves them out


def swap_and_replace(question: str) -> str:
    """Its halves swapped, its second and last words replaced: the token rule's case."""
    words = question.split()
    words[1], words[-1] = "ahorita", "porfavor"
    middle = len(words) // 2
    return " ".join(words[middle:] + words[:middle])


def misspell(question: str) -> str:
    """The last letter of every other word dropped: too many words differ for the token rule,
    the similarity ratio's case."""
    return " ".join(w[:-1] if i % 2 and len(w) > 3 else w for i, w in enumerate(question.split()))


@pytest.mark.parametrize("disguise", [swap_and_replace, misspell])
def test_a_planted_near_duplicate_in_the_held_out_split_is_reported(
    examples: list[Example], tmp_path: Path, disguise: Callable[[str], str]
) -> None:
    """A training question copied into the held-out split, disguised: the exact-match exclusion
    of knowledge.training_data misses it, the guard does not."""
    source = next(
        e.text
        for e in examples
        if e.source == "knowledge/articles" and e.intent == "wages" and len(e.text.split()) >= 8
    )
    planted = disguise(source)
    assert normalize_text(planted) not in {normalize_text(e.text) for e in examples}
    header = EXCLUDED_QUESTIONS.read_text(encoding="utf-8").splitlines()[0]
    questions = tmp_path / "questions.tsv"
    questions.write_text(f"{header}\nes-999\t{planted}\tes\twages\t0\theldout\t2\n", "utf-8")
    leaks = find_leaks(read_labels(questions), LeakGuard(examples))
    assert [row["id"] for row, _ in leaks] == ["es-999"]


def test_make_score_counts_leaked_rows_apart_and_never_as_held_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "questions.tsv"
    questions.write_text(
        "id\ttext\tlanguage\ttopic\turgent\tsplit\tbatch\n"
        "es-001\tno me pagan\tes\twages\t0\theldout\t1\n"
        "es-002\tq onda\tes\tgreet\t0\tleaked\t1\n"
        "es-003\tme quitaron el pasaporte\tes\tdocuments_retained\t0\tleaked\t1\n",
        encoding="utf-8",
    )
    results = tmp_path / "results.jsonl"
    predicted = ["wages", "greet", "wages"]
    results.write_text(
        "".join(
            json.dumps({"topic": t, "language": "es", "sms_segments": 1, "latency_ms": 5}) + "\n"
            for t in predicted
        )
    )
    argv = ["score", "--questions", str(questions), "--results", str(results)]
    monkeypatch.setattr(sys, "argv", argv)
    score.main()
    out = capsys.readouterr().out
    assert "es heldout  1.000  (1/1)" in out
    assert "es leaked   0.500  (1/2)" in out
    assert "me quitaron el pasaporte" not in out  # a leaked row's mistake is not shown
