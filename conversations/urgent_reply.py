"""What a person in danger is told first: who to call where they are, and that a human has it.

Every number comes from `knowledge/contacts.yml` (urgent contacts are open 24/7 and traced to
`shared/reference/facts.md`); nothing here writes a number. Where the person is comes from the
message itself ("estoy en texas…"), else from what they said before; when it is unknown, or the
directory has no urgent line for that country, every urgent line is given, because a missing
line can leave a person without help: then one short line per country ("Chile: 133, 134, 131"),
the countries with the shortest number first, so that seven countries' lines still fit in a
couple of SMS instead of a page of names. The reply asks nothing: help comes before any
question (the bot's own "which country?", when it asked, follows the help lines: see
conversations/pipeline.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from babel import Locale

from conversations import texts
from conversations.texts import TEXTS
from knowledge import KnowledgeBase
from knowledge.models import Contact

# Topics whose answer is itself a tool for the danger: a relative detained (consular
# notification, the ICE detainee locator) or missing (the search services). Their article goes
# right after the help lines instead of being dropped like any other answer.
ANSWER_IS_HELP: Final = frozenset({"detention", "missing_person"})


def emergency_contacts(kb: KnowledgeBase, destination: str | None) -> list[Contact]:
    """The urgent lines for `destination`; all of them, shortest first, when it is unknown."""
    chosen = kb.urgent_contacts(destination) if destination else []
    if chosen:
        return chosen
    return sorted(kb.urgent_contacts(None), key=lambda contact: len(_number(contact) or ""))


def help_lines(kb: KnowledgeBase, language: str, destination: str | None) -> list[str]:
    """The lines to call where the person is, named; for an unknown place, one per country."""
    chosen = kb.urgent_contacts(destination) if destination else []
    if chosen:
        return emergency_lines(chosen, language)
    return lines_by_country(kb, language)


def lines_by_country(kb: KnowledgeBase, language: str) -> list[str]:
    """ "Country: number, number (SMS …)" for every place with an urgent line, shortest first."""
    contacts: dict[str, list[Contact]] = {}
    for contact in kb.contacts.values():
        if contact.urgent and _number(contact) is not None:
            for country in contact.serves:
                contacts.setdefault(country, []).append(contact)
    territories = Locale.parse(language).territories
    lines = []
    for country, listed in sorted(contacts.items(), key=lambda item: _shortest(item[1])):
        dialled = dict.fromkeys(_dialled(c) for c in sorted(listed, key=_shortest_one))
        lines.append(f"{territories.get(country, country)}: {', '.join(dialled)}")
    return lines


def _shortest_one(contact: Contact) -> int:
    return len(_number(contact) or "")


def _shortest(contacts: Sequence[Contact]) -> int:
    return min(_shortest_one(contact) for contact in contacts)


def emergency_lines(contacts: Sequence[Contact], language: str) -> list[str]:
    """ "Name: number (SMS 233733)", one line per contact that has a number."""
    lines = []
    for contact in contacts:
        number = _number(contact)
        if number is None:
            continue
        lines.append(f"{contact.name.get(language)}: {_dialled(contact)}")
    return lines


def urgent_reply(
    kb: KnowledgeBase | None, language: str, destination: str | None, team: str | None = None
) -> list[str]:
    """The first thing a person in danger reads: the lines to call, then that a human (of
    `team`, the consulate that has the case) has it."""
    team = team or TEXTS.translate(language, texts.CONSULAR_TEAM)
    human = TEXTS.translate(language, texts.URGENT_HUMAN, team=team)
    lines = help_lines(kb, language, destination) if kb else []
    if not lines:
        return [human]
    return ["\n".join([TEXTS.translate(language, texts.EMERGENCY_TITLE), *lines]), human]


def keeps_answer(topic: str | None, article_id: str | None) -> bool:
    """Whether the bot's article still follows the urgent reply (see ANSWER_IS_HELP)."""
    return topic in ANSWER_IS_HELP and article_id is not None


def with_emergency_lines(
    text: str, kb: KnowledgeBase | None, language: str, destination: str | None
) -> str:
    """`text` followed by the urgent lines for `destination` (HELP, the STOP confirmation)."""
    lines = help_lines(kb, language, destination) if kb else []
    if not lines:
        return text
    return "\n".join([text, "", TEXTS.translate(language, texts.EMERGENCY_TITLE), *lines])


def _dialled(contact: Contact) -> str:
    """The number with the way to text it when that differs: "1-888-373-7888 (SMS 233733)"."""
    number = _number(contact) or ""
    if contact.sms and contact.sms != number:
        return f"{number} (SMS {contact.sms})"
    if contact.whatsapp and contact.whatsapp != number:
        return f"{number} (WhatsApp {contact.whatsapp})"
    return number


def _number(contact: Contact) -> str | None:
    return contact.phone or contact.whatsapp or contact.sms
