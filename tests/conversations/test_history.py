"""A turn reads the conversation's recent inbound messages once, and what it answers from that
read is what the queries it replaces answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from conversations.history import RecentInbound
from conversations.pipeline import goes_to_the_dialogue_as_written
from conversations.situation import HISTORY, programme_of, thread_topic
from core.models import Author, Channel, Conversation, Direction, Message, Person
from tests.harness import new_phone

TOPICS = frozenset(("wages", "social_security"))


def _conversation(session: Session) -> Conversation:
    person = Person(address_hash=new_phone(), address_encrypted=b"x")
    conversation = Conversation(person=person, channel=Channel.SMS)
    session.add(conversation)
    session.flush()
    return conversation


def _inbound(session: Session, conversation: Conversation, body: str, topic: str | None) -> Message:
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.INBOUND,
        author=Author.PERSON,
        body=body,
        topic=topic,
    )
    session.add(message)
    session.flush()
    return message


@pytest.fixture
def statements(session: Session) -> Iterator[list[str]]:
    """The SQL statements the session's connection runs from now on."""
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", note)
    yield seen
    event.remove(connection, "before_cursor_execute", note)


def test_the_turns_questions_about_the_history_take_one_read(
    session: Session, statements: list[str]
) -> None:
    conversation = _conversation(session)
    _inbound(session, conversation, "trabajo con la h2a", None)
    _inbound(session, conversation, "no me pagan las horas extra", "wages")
    message = _inbound(session, conversation, "y cuanto es?", None)
    statements.clear()
    history = RecentInbound(session, conversation.id)
    assert history.wrote_before(message.id) is True
    thread = thread_topic(session, conversation, message, TOPICS, history)
    assert thread is not None
    assert thread.body == "no me pagan las horas extra"
    assert programme_of(session, conversation, "y cuanto es?", history) == "H-2A"
    assert len(statements) == 1


def test_the_answers_from_the_read_are_the_queries_answers(session: Session) -> None:
    conversation = _conversation(session)
    first = _inbound(session, conversation, "me pagan menos del minimo", "wages")
    on_pension = _inbound(session, conversation, "y la pension con la h2b?", "social_security")
    later = _inbound(session, conversation, "gracias", None)
    for message in (first, on_pension, later):
        history = RecentInbound(session, conversation.id)
        assert thread_topic(session, conversation, message, TOPICS, history) is thread_topic(
            session, conversation, message, TOPICS
        )
        assert programme_of(session, conversation, message.body, history) == programme_of(
            session, conversation, message.body
        )
        assert goes_to_the_dialogue_as_written(
            session, message, history
        ) == goes_to_the_dialogue_as_written(session, message)


def test_a_thread_older_than_the_window_is_still_found(session: Session) -> None:
    conversation = _conversation(session)
    asked = _inbound(session, conversation, "no me pagan las horas extra", "wages")
    for _ in range(HISTORY):
        message = _inbound(session, conversation, "ok", None)
    history = RecentInbound(session, conversation.id)
    assert thread_topic(session, conversation, message, TOPICS, history) is asked


def test_the_thread_after_more_is_on_the_answer_it_continued(session: Session) -> None:
    """MORE is stored on the topic with no article of its own: the thread, its article and
    the parts already sent are those of the answer it continued."""
    conversation = _conversation(session)
    answered = _inbound(session, conversation, "no me pagan en ohio", "wages")
    answered.article_id = "wages-unpaid-us"
    _inbound(session, conversation, "MAS", "wages")
    _inbound(session, conversation, "más", "wages")
    question = _inbound(session, conversation, "y a quien le hablo", None)
    for history in (None, RecentInbound(session, conversation.id)):
        previous = thread_topic(session, conversation, question, TOPICS, history)
        assert previous is not None
        assert previous.id == answered.id


def test_a_more_with_no_answer_before_it_stays_the_thread(session: Session) -> None:
    conversation = _conversation(session)
    more = _inbound(session, conversation, "MORE", "wages")
    question = _inbound(session, conversation, "and then?", None)
    previous = thread_topic(session, conversation, question, TOPICS)
    assert previous is not None
    assert previous.id == more.id
