"""NLU training data generated from the articles' questions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge import KnowledgeBase, load_knowledge_base
from knowledge.training_data import HEADER, clean_example, main, render_nlu

VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(VALID)


def generate(out: Path, *extra: str) -> dict[str, str]:
    assert main(["--root", str(VALID), "--out", str(out), *extra]) == 0
    return {lang: (out / lang / "topics.yml").read_text(encoding="utf-8") for lang in ("es", "en")}


def examples(text: str) -> dict[str, list[str]]:
    data = yaml.safe_load(text)
    return {
        block["intent"]: [line.removeprefix("- ") for line in block["examples"].splitlines()]
        for block in data["nlu"]
    }


def test_the_files_start_with_the_generated_header(tmp_path: Path) -> None:
    for text in generate(tmp_path).values():
        assert text.startswith(HEADER)


def test_the_files_are_rasa_3_nlu_yaml_with_topic_intents(tmp_path: Path) -> None:
    data = yaml.safe_load(generate(tmp_path)["es"])
    assert data["version"] == "3.1"
    assert [block["intent"] for block in data["nlu"]] == ["wages", "documents_retained"]


def test_every_question_of_a_topic_becomes_an_example(tmp_path: Path, kb: KnowledgeBase) -> None:
    wages = examples(generate(tmp_path)["en"])["wages"]
    expected = {q for a in kb.articles_for("wages") for q in a.en.questions}
    assert set(wages) == expected
    assert len(wages) == 24


def test_generation_is_deterministic(tmp_path: Path) -> None:
    assert generate(tmp_path / "one") == generate(tmp_path / "two")


def test_excluded_questions_are_left_out_whatever_their_accents(tmp_path: Path) -> None:
    heldout = tmp_path / "heldout.tsv"
    heldout.write_text("text\ttopic\nMi patrón NO me paga!\twages\n", encoding="utf-8")
    wages = examples(generate(tmp_path / "out", "--exclude-file", str(heldout))["es"])["wages"]
    assert "mi patron no me paga" not in wages
    assert len(wages) == 23


def test_an_exclude_file_without_a_text_column_fails(tmp_path: Path) -> None:
    heldout = tmp_path / "heldout.tsv"
    heldout.write_text("question\ttopic\nhola\twages\n", encoding="utf-8")
    assert main(["--root", str(VALID), "--out", str(tmp_path), "--exclude-file", str(heldout)]) == 1


@pytest.mark.parametrize(
    "question",
    [
        'dice "no": es legal?',
        "- empieza con guion",
        "# no es comentario",
        "clave: valor",
        "& * ! | > ' % @ `",
        "{llaves} y [corchetes](x)",
    ],
)
def test_special_characters_keep_the_yaml_valid(question: str) -> None:
    example = clean_example(question)
    assert examples(render_nlu({"wages": [example]})) == {"wages": [example]}


def test_brackets_cannot_become_rasa_entity_annotations() -> None:
    assert clean_example("[mi jefe](persona) no paga") == "(mi jefe)(persona) no paga"


def test_a_multi_line_question_becomes_one_line() -> None:
    assert clean_example("  no me\n pagan\t nada ") == "no me pagan nada"


def test_the_real_knowledge_base_gives_every_topic_examples_in_both_languages() -> None:
    from knowledge.training_data import collect_examples

    real = load_knowledge_base()
    for language in ("es", "en"):
        assert list(collect_examples(real, language)) == list(real.topics)
