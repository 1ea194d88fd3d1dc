"""Keywords in both languages, answered by the app before Rasa, whatever the bot was doing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from channels.models import DeliveryStatus, OutboxItem
from conversations.keywords import Keyword, match
from core.models import Case, Channel, Conversation, ConversationStatus, Message, Person
from core.segments import count_segments, strip_accents_for_sms
from knowledge.replies import MORE_SEGMENTS, more_parts
from tests.fakes import rasa_response
from tests.harness import Enlace, new_phone


@pytest.mark.parametrize(
    ("text", "keyword", "language"),
    [
        ("STOP", Keyword.STOP, None),
        ("Alto", Keyword.STOP, "es"),
        ("start", Keyword.START, None),
        ("HELP", Keyword.HELP, "en"),
        ("¡Ayuda!", Keyword.HELP, "es"),
        ("Menú", Keyword.MENU, None),
        ("HUMANO", Keyword.HUMAN, "es"),
        ("agente", Keyword.HUMAN, "es"),
        ("Human", Keyword.HUMAN, "en"),
        ("English", Keyword.ENGLISH, "en"),
        ("ESPAÑOL", Keyword.SPANISH, "es"),
        ("MÁS", Keyword.MORE, "es"),
        ("mas", Keyword.MORE, "es"),
        ("more", Keyword.MORE, "en"),
        ("BORRAR", Keyword.DELETE, "es"),
        ("delete", Keyword.DELETE, "en"),
    ],
)
def test_a_whole_message_keyword_is_recognised(
    text: str, keyword: Keyword, language: str | None
) -> None:
    found = match(text)
    assert found is not None
    assert (found.keyword, found.language) == (keyword, language)


def test_a_keyword_inside_a_sentence_is_left_to_the_bot() -> None:
    assert match("necesito ayuda con mi pago") is None


@pytest.mark.parametrize(
    ("word", "start"),
    [("ALTO", "Listo, ya no te enviaremos"), ("STOP", "Listo, ya no te enviaremos")],
)
def test_opting_out_confirms_once_then_sends_nothing(enlace: Enlace, word: str, start: str) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    enlace.receive(phone, word)
    enlace.receive(phone, "hola otra vez, ¿hay alguien?")
    replies = enlace.replies_to(phone)
    assert len(replies) == 2
    assert replies[1].startswith(start)
    assert len(enlace.rasa.messages) == 1  # neither the keyword nor later texts reach Rasa
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        assert person.opted_out
        assert len([m for m in enlace.messages(session, phone) if m.body.startswith("hola")]) == 2


def test_an_english_opt_out_is_confirmed_in_english(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hello, my boss did not pay me")
    enlace.receive(phone, "UNSUBSCRIBE")
    assert enlace.replies_to(phone)[-1].startswith("Done, we will not send you more messages")


def test_start_opts_back_in(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "ALTO")
    enlace.receive(phone, "START")
    enlace.receive(phone, "hola")
    replies = enlace.replies_to(phone)
    assert replies[1].startswith("Hola de nuevo")
    assert replies[2] == "Hola, soy Enlace."


@pytest.mark.parametrize(
    ("word", "start"), [("AYUDA", "Enlace responde"), ("HELP", "Enlace answers")]
)
def test_help_lists_emergency_contacts_from_the_knowledge_base(
    enlace: Enlace, word: str, start: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, word, channel=Channel.WHATSAPP)
    (reply,) = enlace.replies_to(phone)
    assert reply.startswith(start)
    contacts = enlace.app.state.library.kb.urgent_contacts(None)
    assert all(c.phone in reply for c in contacts if c.phone)
    assert not enlace.rasa.messages


@pytest.mark.parametrize(("word", "title"), [("MENÚ", "*Temas*"), ("menu", "*Temas*")])
def test_menu_is_a_numbered_list_on_whatsapp(enlace: Enlace, word: str, title: str) -> None:
    phone = new_phone()
    enlace.receive(phone, word, channel=Channel.WHATSAPP)
    (reply,) = enlace.replies_to(phone)
    assert reply.startswith(title)
    assert "\n1. Pago y salario" in reply
    assert "\n9. " in reply


def test_menu_on_sms_is_compact_and_gsm7(enlace: Enlace) -> None:
    from core.segments import GSM7, sms_encoding

    phone = new_phone()
    enlace.receive(phone, "hello there, how are you")
    enlace.receive(phone, "MENU")
    reply = enlace.replies_to(phone)[-1]
    assert reply.startswith("Topics\n1 Pay and wages")
    assert sms_encoding(reply) == GSM7


def test_a_number_after_the_menu_answers_that_topic_and_more_expands_it(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "MENU")
    enlace.receive(phone, "3")  # documents kept by the employer
    enlace.receive(phone, "MAS")
    article = enlace.app.state.library.kb.best_article("documents_retained")
    assert article is not None, "the knowledge base has a general article on retained papers"
    text = article.localized("es")
    replies = [strip_accents_for_sms(r) for r in enlace.replies_to(phone)]
    assert replies[1] == strip_accents_for_sms(f"{text.short}\nResponde MAS para detalles.")
    assert replies[2].startswith(strip_accents_for_sms(text.title))
    assert count_segments(replies[2]) <= MORE_SEGMENTS
    assert not enlace.rasa.messages
    with enlace.factory() as session:
        answered = [m for m in enlace.messages(session, phone) if m.body == "3"]
        assert [(m.topic, m.article_id) for m in answered] == [("documents_retained", article.id)]


def test_a_menu_topic_that_depends_on_the_country_asks_where_then_answers_it(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    enlace.receive(phone, "MENU")
    enlace.receive(phone, "1")  # wages: the answer depends on where the person works
    assert enlace.replies_to(phone)[1].startswith("Para darte la informacion correcta")
    enlace.receive(phone, "en españa")
    assert enlace.rasa.messages[-1]["message"] == "/wages"
    assert enlace.rasa.messages[-1]["metadata"]["country"] == "ES"


def test_more_on_whatsapp_after_the_full_answer_sends_its_sources_in_two_segments(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    kb = enlace.app.state.library.kb
    article = next(a for a in kb.articles if any(source.url for source in a.sources))
    custom = {"enlace": {"article_id": article.id}}
    enlace.rasa.reply = lambda body: rasa_response(
        ["full answer"], [custom], intent=article.topic, confidence=0.9
    )
    enlace.receive(phone, "hello, what are my rights at work", channel=Channel.WHATSAPP)
    enlace.receive(phone, "MORE", channel=Channel.WHATSAPP)
    enlace.receive(phone, "MORE", channel=Channel.WHATSAPP)
    replies = enlace.replies_to(phone)
    assert replies[1].startswith("To read more")
    assert str(next(s.url for s in article.sources if s.url)) in replies[1]
    assert count_segments(replies[1]) <= MORE_SEGMENTS
    assert replies[2].startswith("I have no earlier answer")


def test_each_more_by_sms_sends_the_next_part_of_at_most_two_segments(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "MENU")
    enlace.receive(phone, "3")
    article = enlace.app.state.library.kb.best_article("documents_retained")
    assert article is not None
    parts = more_parts(article, "es")
    assert len(parts) > 1, "the full answer is longer than one part"
    for _ in parts:
        enlace.receive(phone, "MAS")
    replies = enlace.replies_to(phone)[2:]
    assert replies == parts
    assert all(count_segments(reply) <= MORE_SEGMENTS for reply in replies)
    assert all(reply.endswith("Responde MAS para detalles.") for reply in replies[:-1])
    enlace.receive(phone, "MAS")
    assert enlace.replies_to(phone)[-1].startswith("No tengo")


def test_more_after_a_new_article_starts_from_its_first_part(enlace: Enlace) -> None:
    phone = new_phone()
    kb = enlace.app.state.library.kb
    enlace.receive(phone, "MENU")
    enlace.receive(phone, "3")
    enlace.receive(phone, "MAS")
    enlace.receive(phone, "MENU")
    enlace.receive(phone, "4")
    enlace.receive(phone, "MAS")
    article = kb.article(enlace.replies_to(phone) and _article_of_last_pick(enlace, phone))
    assert article is not None
    assert enlace.replies_to(phone)[-1] == more_parts(article, "es")[0]


def _article_of_last_pick(enlace: Enlace, phone: str) -> str:
    with enlace.factory() as session:
        picked = [m.article_id for m in enlace.messages(session, phone) if m.article_id]
    return picked[-1]


def test_more_with_nothing_to_expand_says_so(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "MORE")
    assert enlace.replies_to(phone) == [
        "I have no earlier answer to expand. Write your question or MENU."
    ]


@pytest.mark.parametrize(
    ("word", "start"), [("HUMANO", "Tu caso esta con"), ("HUMAN", "Your case is")]
)
def test_asking_for_a_human_opens_a_case(enlace: Enlace, word: str, start: str) -> None:
    phone = new_phone()
    enlace.receive(phone, word)
    assert enlace.replies_to(phone)[0].startswith(start)
    with enlace.factory() as session:
        (message,) = [m for m in enlace.messages(session, phone) if m.body == word]
        conversation = session.get_one(Conversation, message.conversation_id)
        assert conversation.status == ConversationStatus.QUEUED
        cases = session.scalars(select(Case).where(Case.conversation_id == conversation.id))
        assert [c.reason for c in cases] == ["human_agent"]
        assert message.escalated


def test_keywords_work_while_an_officer_has_the_conversation(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        conversation = enlace.messages(session, phone)[0].conversation
        conversation.status = ConversationStatus.WITH_OFFICER
        session.commit()
    enlace.receive(phone, "AYUDA")
    enlace.receive(phone, "HUMANO")
    replies = enlace.replies_to(phone)
    assert replies[1].startswith("Enlace responde")
    assert replies[2].startswith("Una persona del consulado ya tiene")
    with enlace.factory() as session:
        (again,) = [m for m in enlace.messages(session, phone) if m.body == "HUMANO"]
        # still a request for a person, counted as one (not a message of no topic)
        assert again.topic == "human_agent"


@pytest.mark.parametrize(
    ("word", "reply", "language"),
    [("ENGLISH", "OK, I will write in English", "en"), ("Español", "Listo, te escribo", "es")],
)
def test_a_language_keyword_switches_deterministically(
    enlace: Enlace, word: str, reply: str, language: str
) -> None:
    phone = new_phone()
    enlace.receive(phone, word)
    enlace.receive(phone, "123")  # says nothing about language: the switch holds
    assert enlace.replies_to(phone)[0].startswith(reply)
    assert enlace.rasa.messages[0]["metadata"]["language"] == language


def _held_about(enlace: Enlace, person_id: int, conversation_ids: list[int]) -> dict[str, int]:
    """Rows of every table that holds something of this person (counted by the ids taken
    before the erasure, so a row left behind without its parent is counted too)."""
    with enlace.factory() as session:
        messages = select(Message.id).where(Message.conversation_id.in_(conversation_ids))
        queries = {
            "people": select(func.count()).where(Person.id == person_id),
            "conversations": select(func.count()).where(
                (Conversation.person_id == person_id) | Conversation.id.in_(conversation_ids)
            ),
            "messages": select(func.count()).select_from(messages.subquery()),
            "cases": select(func.count()).where(Case.conversation_id.in_(conversation_ids)),
            "outbox": select(func.count()).where(OutboxItem.message_id.in_(messages)),
        }
        return {table: session.scalar(query) or 0 for table, query in queries.items()}


def _last_outbox_id(enlace: Enlace) -> int:
    with enlace.factory() as session:
        return session.scalar(select(func.max(OutboxItem.id))) or 0


def _unblanked_standalone_rows(enlace: Enlace, after_id: int) -> int:
    """Rows without a message (erasure confirmations) that still hold an address or text."""
    with enlace.factory() as session:
        query = select(func.count(OutboxItem.id)).where(
            OutboxItem.id > after_id,
            OutboxItem.message_id.is_(None),
            (OutboxItem.body != "") | OutboxItem.address_encrypted.is_not(None),
        )
        return session.scalar(query) or 0


def _ids(enlace: Enlace, phone: str) -> tuple[int, list[int]]:
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        ids = session.scalars(select(Conversation.id).where(Conversation.person_id == person.id))
        return person.id, sorted(ids)


@pytest.mark.parametrize(
    ("word", "yes", "prompt", "done"),
    [
        ("BORRAR", "Sí", "¿Borrar todos", "Listo, borramos"),
        ("DELETE", "yes", "Erase all your", "Done, we erased"),
    ],
)
def test_delete_asks_then_erases_everything_and_still_confirms(
    enlace: Enlace, word: str, yes: str, prompt: str, done: str
) -> None:
    phone, first_outbox_id = new_phone(), _last_outbox_id(enlace)
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    enlace.receive(phone, "HUMANO", channel=Channel.WHATSAPP)  # a case to erase too
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "hola")  # an SMS reply that is still queued at the erasure
    enlace.twilio.fail_with = None
    enlace.receive(phone, word, channel=Channel.WHATSAPP)
    person_id, conversation_ids = _ids(enlace, phone)
    before = _held_about(enlace, person_id, conversation_ids)
    assert len(conversation_ids) == 2
    assert min(before.values()) > 0, before
    with enlace.factory() as session:
        queued = [i for i in enlace.outbox(session, phone) if i.status == DeliveryStatus.QUEUED]
        assert len(queued) == 1  # the SMS reply, waiting for its retry

    enlace.receive(phone, yes, channel=Channel.WHATSAPP)

    assert _held_about(enlace, person_id, conversation_ids) == dict.fromkeys(before, 0)
    replies = enlace.replies_to(phone)
    assert replies[-2].startswith(prompt)
    assert replies[-1].startswith(done)
    with enlace.factory() as session:
        assert enlace.person(session, phone) is None
    assert _unblanked_standalone_rows(enlace, first_outbox_id) == 0  # blanked once sent
    enlace.make_retries_due()
    enlace.deliver()
    assert enlace.replies_to(phone) == replies  # the queued SMS reply went with the rest


def test_delete_without_confirmation_erases_nothing(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "BORRAR")
    enlace.receive(phone, "mejor no, tengo una pregunta sobre mi pago")
    with enlace.factory() as session:
        assert enlace.person(session, phone) is not None
        bodies = [m.body for m in enlace.messages(session, phone)]
        assert "mejor no, tengo una pregunta sobre mi pago" in bodies
    assert enlace.replies_to(phone)[-1] == "Hola, soy Enlace."


def test_the_erasure_confirmation_survives_a_twilio_outage(enlace: Enlace) -> None:
    phone, first_outbox_id = new_phone(), _last_outbox_id(enlace)
    enlace.receive(phone, "DELETE")
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "YES")
    enlace.twilio.fail_with = None
    enlace.make_retries_due()
    enlace.deliver()
    assert enlace.replies_to(phone)[-1].startswith("Done, we erased")
    with enlace.factory() as session:
        assert enlace.person(session, phone) is None
    assert _unblanked_standalone_rows(enlace, first_outbox_id) == 0
