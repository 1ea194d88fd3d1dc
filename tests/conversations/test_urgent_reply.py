"""A person in danger is told, first and without a question, who to call where they are."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from conversations.awaiting import await_answer
from conversations.ownership import Priority
from conversations.places import mentioned_country
from conversations.urgent_reply import emergency_contacts, urgent_reply
from core.models import Case
from knowledge import KnowledgeBase
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone
from tools.score_urgency import SETS, read_rows

LOCKED_IN_ES = "estoy encerrado en la fabrica y no me dejan salir"
LOCKED_IN_EN = "im locked in the house where i work, they took my phone"


def _kb(enlace: Enlace) -> KnowledgeBase:
    kb: KnowledgeBase = enlace.app.state.library.kb
    return kb


def _numbers(kb: KnowledgeBase, destination: str | None) -> set[str]:
    return {n for c in kb.urgent_contacts(destination) for n in c.numbers()}


def _case(enlace: Enlace, phone: str) -> tuple[str, int]:
    with enlace.factory() as session:
        conversation_id = enlace.messages(session, phone)[0].conversation_id
        (case,) = session.scalars(select(Case).where(Case.conversation_id == conversation_id))
        return case.reason, case.priority


def test_the_first_reply_gives_the_help_lines_then_says_a_human_has_it(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, LOCKED_IN_ES)
    lines, human, question = enlace.replies_to(phone)
    assert lines.startswith("En peligro llama:")
    assert "911" in lines
    assert "1-888-373-7888" in lines
    assert "?" not in lines + human  # help before any question
    assert "BORRAR" in human
    assert "Es seguro que alguien te escriba" in question  # only then, safe contact
    assert _case(enlace, phone) == ("urgent", Priority.URGENT)


def test_the_reply_is_in_the_persons_language(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = lambda body: rasa_response(["hi"], intent="greet", confidence=0.9)
    enlace.receive(phone, "hi")
    enlace.receive(phone, LOCKED_IN_EN)
    lines, human, _ = enlace.replies_to(phone)[-3:]
    assert lines.startswith("In danger call:")
    assert "top priority" in human


def test_a_person_in_spain_gets_spains_lines_and_not_the_us_ones(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "estoy en españa, la señora no me deja salir de la casa")
    lines = enlace.replies_to(phone)[0]
    assert "112" in lines
    assert "900 10 50 90" in lines
    assert "1-888-373-7888" not in lines


def test_where_the_person_said_they_work_before_chooses_the_lines(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        enlace.messages(session, phone)[0].conversation.person.country_destination = "ES"
        session.commit()
    enlace.receive(phone, LOCKED_IN_ES)
    assert "112" in enlace.replies_to(phone)[-3]


def test_an_unknown_place_gets_every_urgent_line_shortest_first(enlace: Enlace) -> None:
    kb = _kb(enlace)
    numbers = [c.phone for c in emergency_contacts(kb, None)]
    assert numbers[0] == "911"
    assert [len(n or "") for n in numbers] == sorted(len(n or "") for n in numbers)
    assert set(numbers) >= {c.phone for c in kb.urgent_contacts(None)}


def test_a_country_without_urgent_lines_in_the_directory_gets_all_of_them(enlace: Enlace) -> None:
    kb = _kb(enlace)
    assert kb.urgent_contacts("BO") == []  # Bolivia: no official line found (facts.md)
    (lines, _) = urgent_reply(kb, "es", "BO")
    assert "911" in lines
    assert "112" in lines


def test_with_rasa_down_danger_gets_the_help_lines_not_the_apology(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.down = True
    enlace.receive(phone, LOCKED_IN_ES)
    (lines, _, _) = enlace.replies_to(phone)
    assert "911" in lines
    assert _case(enlace, phone) == ("urgent", Priority.URGENT)


def test_danger_while_the_bot_waits_for_the_country_gets_help_first(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        message = enlace.messages(session, phone)[0]
        await_answer(message.conversation, "country")
        message.conversation.pending_message_id = message.id
        session.commit()
    enlace.receive(phone, "estoy en texas y me tienen encerrado en el rancho")
    assert enlace.replies_to(phone)[-3].startswith("En peligro llama:")
    assert _case(enlace, phone) == ("urgent", Priority.URGENT)


def test_the_stop_confirmation_carries_the_help_lines(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "STOP")
    (confirmation,) = enlace.replies_to(phone)
    assert confirmation.startswith("Listo, ya no te enviaremos")
    assert "911" in confirmation


def _read_as_greeting(body: dict[str, Any]) -> dict[str, Any]:
    return rasa_response(["hola"], intent="greet", confidence=0.9)


# The reply's lines come from the directory, not the database: one database is enough for
# about 800 messages a language (on both, this test was most of the suite's time).
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["es", "en"])
def test_every_urgent_message_of_the_set_gets_a_line_valid_where_the_person_is(
    enlace: Enlace, language: str
) -> None:
    """Each urgent row of both urgency sets, as a first SMS, with NLU unhelpful."""
    kb = _kb(enlace)
    enlace.rasa.reply = _read_as_greeting
    caught = 0
    for row in (row for path in SETS.values() for row in read_rows(path)):
        if row["urgent"] != "1" or row["language"] != language:
            continue
        phone = new_phone()
        enlace.receive(phone, row["text"])
        with enlace.factory() as session:
            message = enlace.messages(session, phone)[0]
            if not message.urgent:
                continue
            where = (
                mentioned_country(row["text"]) or message.conversation.person.country_destination
            )
        caught += 1
        first = enlace.replies_to(phone)[0]
        valid = (_numbers(kb, where) if where else set()) or _numbers(kb, None)
        assert any(number in first for number in valid), row["id"]
    assert caught >= 50


def test_an_unknown_place_gets_one_short_line_per_country(enlace: Enlace) -> None:
    """Every urgent number of the directory, without a page of names: seven countries'
    lines in about two SMS, each country's shortest number first."""
    kb = _kb(enlace)
    (lines, _) = urgent_reply(kb, "es", None)
    title, *per_country = lines.split("\n")
    assert title == "En peligro llama:"
    mains = {c.phone or c.whatsapp or c.sms for c in kb.contacts.values() if c.urgent}
    assert mains <= set(re.findall(r"\d[\d -]*\d", lines))
    assert "Estados Unidos: 911" in per_country[0]
    assert "Chile: 133, 134, 131" in per_country
    assert len(per_country) == len({s for c in kb.contacts.values() if c.urgent for s in c.serves})
    assert len(lines) <= 306  # two concatenated GSM-7 segments


def _detained_husband(body: dict[str, Any]) -> dict[str, Any]:
    custom = {"enlace": {"article_id": "detention-find-relative-ice-us", "topic": "detention"}}
    return rasa_response(
        ["Busca a tu familiar en el localizador de detenidos de ICE."],
        [custom],
        intent="detention",
        confidence=0.8,
        urgency=0.9,
    )


def test_a_relatives_detention_keeps_its_answer_after_the_help_lines(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.rasa.reply = _detained_husband
    enlace.receive(phone, "la migra se llevo a mi esposo esta mañana y no se donde esta")
    lines, human, answer, question = enlace.replies_to(phone)
    assert lines.startswith("En peligro llama:")
    assert "BORRAR" in human
    assert "localizador de detenidos" in answer
    assert "Es seguro que alguien te escriba" in question


def test_other_urgent_topics_give_the_help_lines_instead_of_the_answer(enlace: Enlace) -> None:
    phone = new_phone()
    custom = {"enlace": {"article_id": "forced-labour-us", "topic": "forced_labour"}}
    enlace.rasa.reply = lambda body: rasa_response(
        ["Senales de trabajo forzoso: ..."], [custom], intent="forced_labour", confidence=0.8
    )
    enlace.receive(phone, LOCKED_IN_ES)
    replies = enlace.replies_to(phone)
    assert replies[0].startswith("En peligro llama:")
    assert not any("Senales de trabajo forzoso" in reply for reply in replies)
