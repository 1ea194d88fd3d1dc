"""The danger detector reads the text itself: present danger, not questions, memories or jokes."""

from __future__ import annotations

import json

import pytest

from conversations.danger import canonical, is_urgent, read_danger
from tools.score_urgency import deciders, load_readings, read_set

ISSUE_EXAMPLES = [
    "im locked in the house where i work, they took my phone",
    "estoy encerrado en la fabrica",
    "soy interna y nunca me dejan salir, ni mis dias libres",
    "my whole paycheck goes to the recruiter for the travel debt, i cant quit until its paid",
    "me lastime la espalda en el trabajo y mañana me regresan a guatemala sin curarme",
    "no q no me escriban, ella ve el cel en la noche",
    "my son stopped answering 5 days ago",
    "ICE took my husband this morning",
]

QUESTIONS_ABOUT = [
    "what is human trafficking?",
    "cuales son las señales de trabajo forzoso? es para una amiga",
    "q diferencia hay entre asilo y refugio",
    "si detienen a un familiar, tiene derecho a q avisen al consulado?",
]


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_the_issues_examples_are_urgent(text: str) -> None:
    assert is_urgent(read_danger(text))


@pytest.mark.parametrize("text", QUESTIONS_ABOUT)
def test_a_question_about_danger_is_not_urgent_even_when_the_topic_is(text: str) -> None:
    assert not is_urgent(read_danger(text, urgent_topic=True))


@pytest.mark.parametrize(
    "text",
    [
        "m tienen encerrao n l rancho no m djan salir",
        "ayudaa me kitaron el pasport y no m dejan ir",
        "im lockd in n they took my fone pls help",
        "el boss tiene mi passport y no me deja ir del traila",
    ],
)
def test_shorthand_misspellings_and_spanglish_are_read(text: str) -> None:
    assert is_urgent(read_danger(text))


def test_a_past_event_is_not_urgent_and_the_same_event_now_is() -> None:
    past = "hace 2 años me tuvieron encerrado en un rancho pero ya sali, puedo denunciar?"
    assert not is_urgent(read_danger(past))
    assert "past_event" in read_danger(past).markers
    assert is_urgent(read_danger("me tienen encerrado en un rancho, no puedo salir"))


def test_ongoing_since_months_ago_is_present() -> None:
    assert is_urgent(read_danger("no me dejan salir de la casa desde hace 3 meses"))


def test_a_joke_is_not_urgent() -> None:
    assert not is_urgent(read_danger("jaja mi jefe me tiene encerrado en la oficina"))


def test_an_ordinary_limit_at_work_is_not_confinement() -> None:
    assert not is_urgent(read_danger("el encargado no me deja salir temprano los viernes"))


def test_one_weak_signal_needs_the_topic_model_to_agree() -> None:
    text = "el contratista tiene mi pasaporte"
    assert not is_urgent(read_danger(text))
    assert is_urgent(read_danger(text, urgent_topic=True))


def test_short_real_words_are_not_corrected_into_danger_words() -> None:
    assert canonical("im being held, they treat her bad") == ("i am being held they treat her bad")


def test_the_evidence_names_signals_and_indicators_never_the_persons_words() -> None:
    evidence = read_danger("el patron tiene mi pasaporte y dice q me va a matar").evidence()
    assert evidence["signals"] == ["documents_held", "threat_of_harm"]
    assert "intimidation and threats" in evidence["indicators"]
    assert "patron" not in json.dumps(evidence)


def test_every_dev_message_of_the_urgency_set_is_decided_as_labelled() -> None:
    """The dev split of the author's own set is what the signals were tuned on; the held-out
    split and the outside set are only scored."""
    decide = deciders(load_readings(), urgency_threshold=1.0)["patterns"]
    wrong = [
        row["id"]
        for row in read_set("own")
        if row["split"] == "dev" and decide(row) != (row["urgent"] == "1")
    ]
    assert wrong == []
