"""Claiming stored messages: one per conversation in flight, in arrival order, leased."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from conversations.pipeline import Claim, holds
from conversations.worker import MAX_CLAIMS, claim_next, give_up_on_repeated_failures, take
from core.crypto import PhoneVault
from core.models import (
    Author,
    Channel,
    Conversation,
    Direction,
    Message,
    Person,
    ProcessingState,
    utcnow,
)
from tests.harness import new_phone

LEASE = timedelta(minutes=1)


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _conversation(factory: sessionmaker[Session], vault: PhoneVault, messages: int) -> list[int]:
    """A conversation with `messages` stored inbound messages; their ids in arrival order."""
    phone = new_phone()
    with factory() as session:
        person = Person(
            address_hash=vault.lookup_hash(phone), address_encrypted=vault.encrypt(phone)
        )
        conversation = Conversation(person=person, channel=Channel.SMS)
        stored = [
            Message(
                conversation=conversation,
                direction=Direction.INBOUND,
                author=Author.PERSON,
                body=f"mensaje {n}",
            )
            for n in range(messages)
        ]
        session.add_all(stored)
        session.commit()
        return [m.id for m in stored]


def _claim_all(factory: sessionmaker[Session]) -> list[Claim]:
    with factory() as session:
        return claim_next(session, 1000, LEASE)


def _finish(factory: sessionmaker[Session], *message_ids: int) -> None:
    with factory() as session:
        session.execute(
            update(Message)
            .where(Message.id.in_(message_ids))
            .values(state=ProcessingState.PROCESSED, claim_token=None, lease_until=None)
        )
        session.commit()


def _expire(factory: sessionmaker[Session], message_id: int) -> None:
    with factory() as session:
        session.execute(
            update(Message)
            .where(Message.id == message_id)
            .values(lease_until=utcnow() - timedelta(seconds=1))
        )
        session.commit()


@pytest.fixture(autouse=True)
def _nothing_else_waiting(factory: sessionmaker[Session]) -> None:
    """Other tests share the database: finish whatever they left unclaimed."""
    with factory() as session:
        session.execute(
            update(Message)
            .where(Message.state.in_((ProcessingState.RECEIVED, ProcessingState.PROCESSING)))
            .values(state=ProcessingState.PROCESSED)
        )
        session.commit()


def test_only_the_oldest_message_of_a_conversation_is_claimed(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    first, second, third = _conversation(factory, vault, 3)
    assert [c.message_id for c in _claim_all(factory)] == [first]
    assert _claim_all(factory) == []  # the first is in flight: the rest wait
    _finish(factory, first)
    assert [c.message_id for c in _claim_all(factory)] == [second]
    _finish(factory, second)
    assert [c.message_id for c in _claim_all(factory)] == [third]


def test_conversations_are_claimed_side_by_side(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    one = _conversation(factory, vault, 2)
    two = _conversation(factory, vault, 2)
    assert sorted(c.message_id for c in _claim_all(factory)) == [one[0], two[0]]


def test_a_claim_whose_lease_ran_out_is_taken_again_with_a_new_token(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    (message_id,) = _conversation(factory, vault, 1)
    (first,) = _claim_all(factory)
    _expire(factory, message_id)
    (second,) = _claim_all(factory)
    assert second.message_id == message_id
    assert second.token != first.token
    with factory() as session:
        message = session.get_one(Message, message_id)
        assert message.claims == 2
        assert holds(message, second)
        assert not holds(message, first)  # the dead worker's turn can no longer be recorded


def test_a_message_whose_turn_keeps_dying_is_given_up_and_unblocks_its_conversation(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    poison, after = _conversation(factory, vault, 2)
    for _ in range(MAX_CLAIMS):
        (claim,) = _claim_all(factory)
        assert claim.message_id == poison
        _expire(factory, poison)
    with factory() as session:
        assert give_up_on_repeated_failures(session) == 1
        assert session.get_one(Message, poison).state == ProcessingState.FAILED
    assert [c.message_id for c in _claim_all(factory)] == [after]


def test_concurrent_claimers_never_take_the_same_message_or_two_of_one_conversation(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    conversations = [_conversation(factory, vault, 5) for _ in range(20)]
    owner = {m: i for i, ids in enumerate(conversations) for m in ids}
    in_flight: set[int] = set()  # conversations with a claimed, unfinished message
    done: list[int] = []
    problems: list[str] = []
    lock = threading.Lock()

    def retried(action: Callable[[], Any]) -> Any:
        deadline = time.monotonic() + 60  # SQLite lets one writer in at a time: wait for them
        while True:
            try:
                return action()
            except OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def claim() -> list[Claim]:
        def once() -> list[Claim]:
            with factory() as session:
                return claim_next(session, 3, LEASE)

        claims: list[Claim] = retried(once)
        return claims

    def claimer() -> None:
        try:
            work()
        except Exception as error:  # a thread's exception is reported here, not lost
            problems.append(repr(error))

    def work() -> None:
        while True:
            with lock:
                if len(done) == len(owner):
                    return
            claims = claim()
            with lock:
                for c in claims:
                    if owner[c.message_id] in in_flight:
                        problems.append(f"two messages of one conversation: {c.message_id}")
                    in_flight.add(owner[c.message_id])
            time.sleep(0.005)  # the turn
            for c in claims:
                # Finished and no longer in flight at once: another claimer may take the next
                # message of the conversation as soon as this commit lands.
                with lock:
                    retried(lambda c=c: _finish(factory, c.message_id))  # type: ignore[misc]
                    in_flight.discard(owner[c.message_id])
                    done.append(c.message_id)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert problems == []
    assert sorted(done) == sorted(owner)  # every message claimed exactly once
    for ids in conversations:  # and each conversation's in arrival order
        assert [m for m in done if m in ids] == ids


def test_a_message_another_worker_holds_cannot_be_taken(
    factory: sessionmaker[Session], vault: PhoneVault
) -> None:
    """Two workers whose reads raced both see the message as claimable; only one gets it."""
    (message_id,) = _conversation(factory, vault, 1)
    with factory() as session:
        first = take(session, message_id, LEASE, utcnow())
        session.commit()
    with factory() as session:
        second = take(session, message_id, LEASE, utcnow())
        session.commit()
    assert first is not None
    assert second is None
