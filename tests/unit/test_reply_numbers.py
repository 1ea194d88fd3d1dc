"""No reply can carry a phone number that is not in the directory.

Every article is rendered as it is sent, by SMS (short answer plus the MORE hint) and by
WhatsApp (title and full answer), in both languages; every phone-number-like string in
those replies must be, character for character, a number of `knowledge/contacts.yml`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, load_knowledge_base
from knowledge.models import LANGUAGES
from knowledge.numbers import MIN_PHONE_DIGITS, digits_of, is_date, numberish
from knowledge.replies import article_reply

REAL_KB = Path(__file__).resolve().parents[2] / "knowledge"
VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"
CHANNELS = ("sms", "whatsapp")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(REAL_KB)


def phone_like(text: str) -> list[str]:
    return [
        found.text
        for found in numberish(text)
        if len(digits_of(found.text)) >= MIN_PHONE_DIGITS and not is_date(found.text)
    ]


def test_phone_like_strings_are_found_in_a_reply() -> None:
    reply = "Llama al *1-888-373-7888* (24 horas) o al +1 (470) 751-9077; desde 2026-12-02."
    assert phone_like(reply) == ["1-888-373-7888", "+1 (470) 751-9077"]


def stray_numbers(kb: KnowledgeBase) -> list[tuple[str, str, str, str]]:
    """(article, language, channel, number) for every reply number not in the directory."""
    directory = {number for contact in kb.contacts.values() for number in contact.numbers()}
    return sorted(
        (article.id, language, channel, number)
        for article in kb.articles
        for language in LANGUAGES
        for channel in CHANNELS
        for number in phone_like(article_reply(article, language, channel))
        if number not in directory
    )


def test_a_number_typed_outside_the_directory_is_found(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    path = root / "articles" / "wages" / "wages-unpaid-ca.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  short: ", "  short: Llama al 1-800-777-5869. ", 1), "utf-8")
    assert stray_numbers(load_knowledge_base(root)) == [
        ("wages-unpaid-ca", "es", "sms", "1-800-777-5869")
    ]


def test_every_number_in_every_reply_is_a_directory_number(kb: KnowledgeBase) -> None:
    assert stray_numbers(kb) == []
