"""Whose place an answer to "which country?" gives, when the question was about someone else."""

from __future__ import annotations

import pytest

from conversations.whose_place import about_someone_else, someone_elses_country


@pytest.mark.parametrize(
    ("question", "about_them"),
    [
        ("mi hermano trabaja en una granja y no le pagan las horas", True),
        ("she cleans houses and they pay her 5 an hour", True),
        ("mi patron no me paga las horas extra", False),
        ("mi esposo y yo trabajamos en el campo y no nos pagan", False),
    ],
)
def test_a_question_about_someone_else_is_told_from_one_about_the_writer(
    question: str, about_them: bool
) -> None:
    assert about_someone_else(question) is about_them


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("yo vivo en dallas, mi hermano esta en ontario con permiso de trabajo", "CA"),
        ("im in texas but she is in spain, in murcia", "ES"),
        ("yo estoy en madrid", None),  # only the writer's place
        ("el esta en canada", None),  # no place of the writer to set apart: the parser's
        ("yo en texas, el en canada y luego en españa", None),  # two of theirs
    ],
)
def test_the_country_of_the_parts_about_someone_else(answer: str, country: str | None) -> None:
    assert someone_elses_country(answer) == country
