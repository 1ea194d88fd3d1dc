"""Questions people asked that got no article, counted from the app's database.

Only counts leave this module: per detected topic and language, never a message's text,
a phone number or anything else about a person. A question counts when the model
understood it (a confidence was recorded), the reply carried no article, and no later
message of the same conversation got an article on that topic or as the answer to the
bot's own question ("which country?", "is it about 1, 2 or 3?"), since the bot then
answers the first question with the second message. Keywords, menu choices and other
turns the app answers itself record no confidence and are not questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, create_engine, exists, func, inspect, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from core.models import Author, Direction, Message, ProcessingState

# The conversational intent that means "none of the topics": a gap worth an editor's look.
OUTSIDE_TOPICS = "out_of_scope"
# Asking for a person is answered by a hand-over, not an article.
NOT_A_GAP = frozenset({"human_agent"})

Availability = Literal["ok", "missing", "empty", "unavailable"]


@dataclass(frozen=True)
class GapCount:
    topic: str | None  # None: the model recognised no topic at all
    language: str | None
    count: int


@dataclass(frozen=True)
class Unanswered:
    """What the database says; `availability` explains an empty list."""

    availability: Availability
    counts: list[GapCount] = field(default_factory=list)
    detail: str = ""


def unanswered_questions(database_url: str, topics: Iterable[str]) -> Unanswered:
    """Counts for the database at `database_url`; never raises for a missing or unreachable
    database (an editor's report must still print the rest)."""
    if _sqlite_file_missing(database_url):
        return Unanswered("missing")
    engine = create_engine(database_url)
    try:
        if not inspect(engine).has_table(Message.__tablename__):
            return Unanswered("empty")
        return Unanswered("ok", _count(engine, topics))
    except SQLAlchemyError as exc:
        return Unanswered("unavailable", detail=type(exc).__name__)
    finally:
        engine.dispose()


def _sqlite_file_missing(database_url: str) -> bool:
    """A SQLite file that does not exist yet (connecting would create an empty one)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database not in ("", ":memory:") and not Path(database).is_file()


def _count(engine: Engine, topics: Iterable[str]) -> list[GapCount]:
    counted = [topic for topic in topics if topic not in NOT_A_GAP] + [OUTSIDE_TOPICS]
    question = aliased(Message)
    later = aliased(Message)
    following = aliased(Message)
    next_inbound = (
        select(func.min(following.id))
        .where(
            following.conversation_id == question.conversation_id,
            following.id > question.id,
            following.direction == Direction.INBOUND,
        )
        .scalar_subquery()
    )
    answered_later = exists().where(
        later.conversation_id == question.conversation_id,
        later.id > question.id,
        later.direction == Direction.INBOUND,
        later.article_id.is_not(None),
        or_(later.topic == question.topic, later.id == next_inbound),
    )
    query = (
        select(question.topic, question.language, func.count())
        .where(
            question.direction == Direction.INBOUND,
            question.author == Author.PERSON,
            question.state == ProcessingState.PROCESSED,
            question.article_id.is_(None),
            question.confidence.is_not(None),
            or_(question.topic.is_(None), question.topic.in_(counted)),
            ~answered_later,
        )
        .group_by(question.topic, question.language)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    counts = [GapCount(topic, language, int(count)) for topic, language, count in rows]
    return sorted(counts, key=lambda c: (-c.count, c.topic or "", c.language or ""))
