"""What a person in danger is told first: who to call where they are, and that a human has it.

Every number comes from `knowledge/contacts.yml` (urgent contacts are open 24/7 and traced to
`shared/reference/facts.md`); nothing here writes a number. Where the person is comes from the
message itself ("estoy en texas…"), else from what they said before; when it is unknown, or the
directory has no urgent line for that country, every urgent line is given, shortest number
first (911 before 1-888-373-7888), because a missing line can leave a person without help. The
reply asks nothing: help comes before any question.
"""

from __future__ import annotations

from collections.abc import Sequence

from conversations import texts
from conversations.texts import TEXTS
from knowledge import KnowledgeBase
from knowledge.models import Contact


def emergency_contacts(kb: KnowledgeBase, destination: str | None) -> list[Contact]:
    """The urgent lines for `destination`; all of them, shortest first, when it is unknown."""
    chosen = kb.urgent_contacts(destination) if destination else []
    if chosen:
        return chosen
    return sorted(kb.urgent_contacts(None), key=lambda contact: len(_number(contact) or ""))


def emergency_lines(contacts: Sequence[Contact], language: str) -> list[str]:
    """ "Name: number (SMS 233733)", one line per contact that has a number."""
    lines = []
    for contact in contacts:
        number = _number(contact)
        if number is None:
            continue
        line = f"{contact.name.get(language)}: {number}"
        if contact.sms and contact.sms != number:
            line += f" (SMS {contact.sms})"
        elif contact.whatsapp and contact.whatsapp != number:
            line += f" (WhatsApp {contact.whatsapp})"
        lines.append(line)
    return lines


def urgent_reply(
    kb: KnowledgeBase | None, language: str, destination: str | None, team: str | None = None
) -> list[str]:
    """The first thing a person in danger reads: the lines to call, then that a human (of
    `team`, the consulate that has the case) has it."""
    team = team or TEXTS.translate(language, texts.CONSULAR_TEAM)
    human = TEXTS.translate(language, texts.URGENT_HUMAN, team=team)
    lines = emergency_lines(emergency_contacts(kb, destination), language) if kb else []
    if not lines:
        return [human]
    return ["\n".join([TEXTS.translate(language, texts.EMERGENCY_TITLE), *lines]), human]


def with_emergency_lines(
    text: str, kb: KnowledgeBase | None, language: str, destination: str | None
) -> str:
    """`text` followed by the urgent lines for `destination` (HELP, the STOP confirmation)."""
    lines = emergency_lines(emergency_contacts(kb, destination), language) if kb else []
    if not lines:
        return text
    return "\n".join([text, "", TEXTS.translate(language, texts.EMERGENCY_TITLE), *lines])


def _number(contact: Contact) -> str | None:
    return contact.phone or contact.whatsapp or contact.sms
