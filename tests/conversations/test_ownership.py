"""Who answers a conversation: every move through the state machine, and its audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations import ownership
from conversations.ownership import InvalidTransition, Priority
from core.crypto import PhoneVault
from core.models import (
    Case,
    CaseStatus,
    Channel,
    Consulate,
    Conversation,
    ConversationStatus,
    Officer,
    OwnershipChange,
    Person,
)
from tests.harness import new_phone


@pytest.fixture
def conversation(session: Session, vault: PhoneVault) -> Conversation:
    phone = new_phone()
    person = Person(address_hash=vault.lookup_hash(phone), address_encrypted=vault.encrypt(phone))
    conversation = Conversation(person=person, channel=Channel.SMS)
    session.add(conversation)
    session.flush()
    return conversation


@pytest.fixture
def officer_id(session: Session) -> int:
    consulate = Consulate(name="Consulado de prueba", country="MX")
    session.add(consulate)
    session.flush()
    officer = Officer(
        consulate_id=consulate.id,
        email=f"{new_phone()}@example.org",
        display_name="O",
        password_hash="x",
    )
    session.add(officer)
    session.flush()
    return officer.id


def _audit(session: Session, conversation: Conversation) -> list[tuple[str, str, str, str]]:
    changes = session.scalars(
        select(OwnershipChange)
        .where(OwnershipChange.conversation_id == conversation.id)
        .order_by(OwnershipChange.id)
    )
    return [(c.actor, c.from_status.value, c.to_status.value, c.reason) for c in changes]


def test_a_new_conversation_is_the_bots(conversation: Conversation) -> None:
    assert conversation.status == ConversationStatus.BOT
    assert ownership.bot_may_answer(conversation)


def test_queueing_opens_a_case_and_audits_the_move(
    session: Session, conversation: Conversation
) -> None:
    case = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    session.flush()
    assert conversation.status == ConversationStatus.QUEUED
    assert (case.priority, case.status, case.reason) == (10, CaseStatus.OPEN, "human_agent")
    assert _audit(session, conversation) == [("bot", "bot", "queued", "human_agent")]
    assert ownership.bot_may_answer(conversation)  # the bot keeps answering while it waits


def test_an_urgent_request_raises_the_open_case_and_says_so_in_the_audit(
    session: Session, conversation: Conversation
) -> None:
    ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    case = ownership.queue_for_human(session, conversation, "urgent", Priority.URGENT)
    session.flush()
    assert (case.priority, case.reason) == (Priority.URGENT, "urgent")
    assert session.scalars(select(Case).where(Case.conversation_id == conversation.id)).all() == [
        case
    ]
    assert _audit(session, conversation)[-1] == ("bot", "queued", "queued", "urgent")


def test_a_lower_priority_never_lowers_a_case(session: Session, conversation: Conversation) -> None:
    ownership.queue_for_human(session, conversation, "urgent", Priority.URGENT)
    case = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    assert (case.priority, case.reason) == (Priority.URGENT, "urgent")


def test_an_officer_takes_it_and_the_bot_goes_quiet(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    case = ownership.assign(session, conversation, officer_id, "taken from the queue")
    session.flush()
    assert conversation.status == ConversationStatus.WITH_OFFICER
    assert (case.officer_id, case.status) == (officer_id, CaseStatus.ASSIGNED)
    assert not ownership.bot_may_answer(conversation)
    assert _audit(session, conversation)[-1][:3] == (
        f"officer:{officer_id}",
        "queued",
        "with_officer",
    )


def test_an_urgent_message_while_an_officer_holds_it_raises_the_case_and_keeps_the_officer(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    ownership.assign(session, conversation, officer_id, "taken")
    case = ownership.queue_for_human(session, conversation, "urgent", Priority.URGENT)
    assert conversation.status == ConversationStatus.WITH_OFFICER
    assert (case.priority, case.officer_id) == (Priority.URGENT, officer_id)


def test_handing_back_closes_the_case_and_the_bot_answers_again(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    case = ownership.assign(session, conversation, officer_id, "taken")
    ownership.hand_back_to_bot(session, conversation, f"officer:{officer_id}", "answered")
    session.flush()
    assert conversation.status == ConversationStatus.BOT
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    assert ownership.open_case(session, conversation) is None


def test_a_closed_conversation_reopens_for_the_bot_when_the_person_writes(
    session: Session, conversation: Conversation
) -> None:
    ownership.close(session, conversation, "officer:1", "resolved")
    ownership.reopen_if_closed(session, conversation)
    session.flush()
    assert conversation.status == ConversationStatus.BOT
    assert [row[1:3] for row in _audit(session, conversation)] == [
        ("bot", "closed"),
        ("closed", "bot"),
    ]


def test_a_conversation_the_bot_answers_cannot_be_assigned_without_the_queue(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    with pytest.raises(InvalidTransition):
        ownership.assign(session, conversation, officer_id, "skipping the queue")
    assert conversation.status == ConversationStatus.BOT
    assert _audit(session, conversation) == []


def _closed_case(session: Session, conversation: Conversation, officer_id: int) -> Case:
    ownership.queue_for_human(session, conversation, "urgent", Priority.URGENT)
    case = ownership.assign(session, conversation, officer_id, "taken")
    ownership.hand_back_to_bot(session, conversation, f"officer:{officer_id}", "closed: informed")
    session.flush()
    return case


def test_an_officer_reopens_a_closed_case_into_the_queue_unassigned_and_audited(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    case = _closed_case(session, conversation, officer_id)
    ownership.reopen_case(session, conversation, case, f"officer:{officer_id}", "wrote again")
    session.flush()
    assert conversation.status == ConversationStatus.QUEUED
    assert (case.status, case.closed_at, case.officer_id) == (CaseStatus.OPEN, None, None)
    assert case.priority == Priority.URGENT  # back where its priority puts it
    assert ownership.open_case(session, conversation) is case
    assert _audit(session, conversation)[-1] == (
        f"officer:{officer_id}",
        "bot",
        "queued",
        "wrote again",
    )
    assert ownership.bot_may_answer(conversation)  # until an officer claims it again


def test_an_open_case_cannot_be_reopened(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    case = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    session.flush()
    with pytest.raises(InvalidTransition):
        ownership.reopen_case(session, conversation, case, "officer:1", "again")
    assert conversation.status == ConversationStatus.QUEUED


def test_a_case_the_person_has_asked_again_since_cannot_be_reopened(
    session: Session, conversation: Conversation, officer_id: int
) -> None:
    old = _closed_case(session, conversation, officer_id)
    new = ownership.queue_for_human(session, conversation, "human_agent", Priority.NORMAL)
    session.flush()
    before = _audit(session, conversation)
    with pytest.raises(ownership.NotLatestCase):
        ownership.reopen_case(session, conversation, old, "officer:1", "again")
    session.flush()
    assert old.status == CaseStatus.CLOSED
    assert ownership.open_case(session, conversation) is new
    assert _audit(session, conversation) == before
