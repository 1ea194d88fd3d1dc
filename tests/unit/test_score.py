"""`make score` tells how the bot first answered, from the texts the answer action uses."""

from __future__ import annotations

import pytest

from actions.answer import (
    ASK_COUNTRY,
    ASK_ORIGIN,
    NO_ARTICLE,
    NO_ARTICLE_AGAIN,
    OFFER_FOOTER,
    OFFER_QUESTION,
)
from actions.replies import TEXTS
from core.segments import sms_rendering
from tools.score import first_answer, offered_topics


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_kind_of_first_answer_is_recognised_in_its_sms_rendering(language: str) -> None:
    def kind(reply: str, article_id: str | None = None) -> str:
        return first_answer({"reply": sms_rendering(reply), "article_id": article_id})

    assert kind("Con visa H-2A te deben pagar…", "wages-h2-pay-rules-us") == "article"
    question, footer = (TEXTS.translate(language, m) for m in (OFFER_QUESTION, OFFER_FOOTER))
    assert kind(TEXTS.translate(language, ASK_COUNTRY)) == "asks where"
    assert kind(TEXTS.translate(language, ASK_ORIGIN)) == "asks origin"
    assert kind(TEXTS.translate(language, NO_ARTICLE)) == "no article"
    assert kind(TEXTS.translate(language, NO_ARTICLE_AGAIN)) == "no article"
    assert kind(f"{question}\n1. Pago y salario\n{footer}") == "offers topics"
    assert kind("No te entendí bien. ¿Me lo dices con otras palabras?") == "other"


def test_the_offered_topics_are_read_back_from_their_labels() -> None:
    question, footer = (TEXTS.translate("es", m) for m in (OFFER_QUESTION, OFFER_FOOTER))
    reply = sms_rendering(f"{question}\n1. Pago y salario\n2. Familia\n{footer}")
    assert offered_topics({"reply": reply}) == {"wages", "family_support"}
