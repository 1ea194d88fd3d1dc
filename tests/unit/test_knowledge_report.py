"""`make kb-report`: what an editor must do next, from the files and the stored messages."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from core import migrate
from core.db import make_engine
from core.models import (
    Author,
    Channel,
    Conversation,
    Direction,
    Message,
    Person,
    ProcessingState,
)
from knowledge.loader import read_knowledge_files
from knowledge.report import build_report, main
from knowledge.unanswered import GapCount, Unanswered, unanswered_questions

VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"
TOPICS = ["wages", "documents_retained", "human_agent"]
TODAY = date(2026, 11, 23)
NOTHING_ASKED = Unanswered("ok")
Demo = tuple[str, Session]  # the database's URL and a session on it


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema, copied by each test."""
    path = tmp_path_factory.mktemp("template") / "enlace.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def db(migrated_db: Path, tmp_path: Path) -> Iterator[Demo]:
    path = tmp_path / "enlace.db"
    shutil.copy(migrated_db, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with Session(engine) as session:
        yield url, session
    engine.dispose()


def conversation(session: Session) -> Conversation:
    person = Person(address_hash=uuid.uuid4().hex, address_encrypted=b"not a real number")
    talk = Conversation(person=person, channel=Channel.SMS)
    session.add(talk)
    session.flush()
    return talk


def ask(
    session: Session,
    talk: Conversation,
    topic: str | None,
    *,
    article: str | None = None,
    language: str = "es",
    confidence: float | None = 0.9,
    body: str = "no me pagan",
) -> None:
    session.add(
        Message(
            conversation=talk,
            direction=Direction.INBOUND,
            author=Author.PERSON,
            body=body,
            state=ProcessingState.PROCESSED,
            language=language,
            topic=topic,
            confidence=confidence,
            article_id=article,
        )
    )
    session.commit()


def gaps(url: str) -> list[GapCount]:
    result = unanswered_questions(url, TOPICS)
    assert result.availability == "ok"
    return result.counts


def test_a_question_without_an_article_is_counted_by_topic_and_language(db: Demo) -> None:
    url, session = db
    ask(session, conversation(session), "wages")
    ask(session, conversation(session), "wages")
    ask(session, conversation(session), "wages", language="en")
    assert gaps(url) == [GapCount("wages", "es", 2), GapCount("wages", "en", 1)]


def test_a_question_that_got_an_article_is_not_counted(db: Demo) -> None:
    url, session = db
    ask(session, conversation(session), "wages", article="wages-unpaid-us")
    assert gaps(url) == []


def test_a_question_answered_after_the_bot_asked_back_is_not_counted(db: Demo) -> None:
    url, session = db
    talk = conversation(session)
    ask(session, talk, "wages")  # the bot asked "which country?"
    ask(session, talk, "wages", article="wages-unpaid-us", body="en usa")
    assert gaps(url) == []


def test_a_message_outside_every_topic_is_counted(db: Demo) -> None:
    url, session = db
    ask(session, conversation(session), "out_of_scope", language="en")
    assert gaps(url) == [GapCount("out_of_scope", "en", 1)]


def test_greetings_keywords_and_requests_for_a_person_are_not_questions(db: Demo) -> None:
    url, session = db
    talk = conversation(session)
    ask(session, talk, "greet")
    ask(session, talk, None, confidence=None, body="MENU")  # answered by the app itself
    ask(session, talk, "human_agent")
    assert gaps(url) == []


def test_the_report_shows_counts_and_never_a_message_or_a_number(db: Demo) -> None:
    url, session = db
    ask(session, conversation(session), "wages", body="mi patron 555-201-7788 no me paga")
    report = build_report(read_knowledge_files(VALID), TODAY, unanswered_questions(url, TOPICS))
    assert "| `wages` | es | 1 |" in report
    assert "555" not in report
    assert "patron" not in report


def test_a_missing_database_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    assert unanswered_questions(f"sqlite:///{path}", TOPICS).availability == "missing"
    assert not path.exists()


def test_a_database_without_tables_is_reported_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    assert unanswered_questions(f"sqlite:///{path}", TOPICS).availability == "empty"


def test_the_command_prints_the_report_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'nothing.db'}"
    assert main(["--root", str(VALID), "--today", "2026-11-23", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Knowledge-base report, 2026-11-23\n")
    assert "No database yet at the configured address" in out


def report_for(root: Path, today: date = TODAY) -> str:
    return build_report(read_knowledge_files(root), today, NOTHING_ASKED)


def test_what_falls_due_within_three_months_is_listed(tmp_path: Path) -> None:
    report = report_for(VALID, date(2027, 9, 1))  # everything was checked on 2026-11-23
    assert "### Contacts (3)" in report
    assert "| 2027-11-23 | due soon | us-dol-whd |" in report
    assert "### Articles (6)" in report


def test_nothing_is_due_long_before_its_date() -> None:
    report = report_for(VALID, date(2027, 8, 1))
    assert report.count("Nothing due.") == 3


def test_an_overdue_check_record_is_marked_overdue(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    path = root / "articles" / "wages" / "wages-unpaid-us.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  on: 2026-11-23", "  on: 2026-03-01\n  review_months: 6"), "utf-8"
    )
    assert (
        "| 2026-09-01 | **overdue** | wages-unpaid-us: Workers have rights to pay slips and to "
        "keep their own passport |"
    ) in report_for(root)


def test_a_contact_verified_only_by_a_secondary_source_is_listed(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    path = root / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("level: official", "level: secondary", 1), "utf-8")
    report = report_for(root)
    assert "## Contacts verified only by a secondary source (1)" in report
    assert (
        "| `us-trafficking-hotline` | https://humantraffickinghotline.org/about-us/what-we-do |"
        in report
    )


def test_a_topic_with_fewer_than_three_articles_is_listed(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    (root / "articles" / "wages" / "wages-unpaid-ca.yml").unlink()
    assert "| `wages` | 2 |" in report_for(root)


def test_the_report_counts_articles_written_for_each_origin_and_destination() -> None:
    report = build_report(read_knowledge_files(VALID), TODAY, NOTHING_ASKED)
    section = report.split("## Articles per country", 1)[1].split("\n## ", 1)[0]
    assert "| MX | 1 |" in section.split("| destination |")[0]  # the ID card article's origin
    destinations = section.split("| destination |")[1]
    assert "| CA | 1 |" in destinations
    assert "| US | 2 |" in destinations
