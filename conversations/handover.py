"""A hand-over the person is told about: which consulate has the case, what happens next, and
one short question, whether it is safe for someone to write to this number.

When a conversation goes to the consular queue (the person asked for a human, the bot handed
over, or the message signalled danger), the person learns which consulate has the case
(`Consulate.name`, or "the consular team" while it waits in the admins' fallback queue) and
roughly how long the wait is: "usually up to N hours during office hours" only when the
deployment says so (`ENLACE_HANDOVER_USUAL_HOURS`), else how many cases wait before theirs;
an urgent case is at top priority, which the urgent reply says. Then, once per case, the
safe-contact question (an awaited answer, see `local_turns`), unless the message itself said
it ("no me escriban, ella ve el cel"): then it is recorded and acknowledged, not asked. The
option "never: I will call" carries the consulate's number only when `knowledge/contacts.yml`
has that country's consular line for where the person is.

A new hand-over is one message (QUEUED: who has the case, that an officer will read the chat,
the wait, and HELP for help now) and the question: the bot's own "I'm passing you on" is not
sent as well. After the safe-contact answer come the questions of `case_questions` (where the
person is from, where they are, and after an urgent hand-over the screening).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from conversations import ownership, texts
from conversations.awaiting import await_answer
from conversations.case_questions import then_ask
from conversations.ownership import Priority
from conversations.safe_contact import said_in_message
from conversations.texts import TEXTS
from core.models import AuditEvent, Case, Consulate, Conversation, Message, SafeContact, utcnow
from knowledge import KnowledgeBase

AWAITING: Final = "safe_contact"
URGENT_REASON: Final = "urgent"
SAFE_CONTACT_EVENT: Final = "safe_contact"  # the audit's action when the person answers

_ACKNOWLEDGED: Final = {
    SafeContact.ANYTIME: texts.SAFE_CONTACT_ANYTIME,
    SafeContact.WHEN_PERSON_WRITES: texts.SAFE_CONTACT_WHEN_PERSON_WRITES,
    SafeContact.NEVER: texts.SAFE_CONTACT_NEVER,
}


@dataclass(frozen=True)
class Told:
    """Who has the case, in the person's words, and what to tell them after the help."""

    team: str
    texts: list[str] = field(default_factory=list)
    already: bool = False  # the conversation already had an open case: nothing new to tell


class HandOver:
    def __init__(self, knowledge: KnowledgeBase | None, usual_hours: int | None = None) -> None:
        self._kb = knowledge
        self._usual_hours = usual_hours

    def queue(
        self,
        session: Session,
        message: Message,
        reason: str | None,
        urgent: bool,
        language: str,
        *,
        tell: bool = True,
    ) -> Told:
        """Open (or raise) the conversation's case; the notice and the question when it is new
        and the person may be told (`tell`: not after STOP)."""
        conversation = message.conversation
        new = ownership.open_case(session, conversation) is None
        priority = Priority.URGENT if urgent else Priority.NORMAL
        why = URGENT_REASON if urgent else reason or URGENT_REASON
        case = ownership.queue_for_human(session, conversation, why, priority)
        session.flush()
        consulate = session.get(Consulate, case.consulate_id) if case.consulate_id else None
        team = consulate.name if consulate else TEXTS.translate(language, texts.CONSULAR_TEAM)
        if not (new and tell):
            return Told(team, already=not new)
        told = [] if urgent else [self._queued(session, case, team, language)]
        said = said_in_message(message.body)
        if said is not None:
            record_answer(session, case, said, "said unasked")
            noted = self.acknowledge(session, case, language)
            return Told(team, [*told, then_ask(session, conversation, case, noted, language)])
        return Told(team, [*told, self.ask_safe_contact(session, case, language)])

    def ask_safe_contact(self, session: Session, case: Case, language: str) -> str:
        """The one closed question on writing to this number, awaiting its answer."""
        conversation = session.get(Conversation, case.conversation_id)
        if conversation is not None:
            await_answer(conversation, AWAITING)
        number = self._consulate_number(session, case)
        if number is None:
            return TEXTS.translate(language, texts.SAFE_CONTACT_QUESTION)
        return TEXTS.translate(language, texts.SAFE_CONTACT_QUESTION_CALL, number=number)

    def acknowledge(self, session: Session, case: Case, language: str) -> str:
        """What the person's choice means for them, in one line."""
        number = self._consulate_number(session, case)
        if case.safe_contact == SafeContact.NEVER and number is not None:
            return TEXTS.translate(language, texts.SAFE_CONTACT_NEVER_CALL, number=number)
        return TEXTS.translate(language, _ACKNOWLEDGED[case.safe_contact])

    def _queued(self, session: Session, case: Case, team: str, language: str) -> str:
        if self._usual_hours:
            wait = TEXTS.translate(language, texts.WAIT_USUAL_HOURS, hours=self._usual_hours)
        elif ahead := cases_ahead(session, case):
            wait = TEXTS.translate(language, texts.WAIT_AHEAD, ahead=ahead)
        else:
            wait = TEXTS.translate(language, texts.WAIT_NEXT)
        return TEXTS.translate(language, texts.QUEUED, team=team, wait=wait)

    def _consulate_number(self, session: Session, case: Case) -> str | None:
        """The consular line of the case's consulate where the person is, from the directory."""
        consulate = session.get(Consulate, case.consulate_id) if case.consulate_id else None
        conversation = session.get(Conversation, case.conversation_id)
        if self._kb is None or consulate is None or conversation is None:
            return None
        line = self._kb.consulate_line(consulate.country, conversation.person.country_destination)
        return (line.phone or line.whatsapp or line.sms) if line else None


def cases_ahead(session: Session, case: Case) -> int:
    """Open, unclaimed cases of the same queue an officer would take before this one."""
    same_queue = (
        Case.consulate_id == case.consulate_id
        if case.consulate_id is not None
        else Case.consulate_id.is_(None)
    )
    before = or_(
        Case.priority > case.priority, (Case.priority == case.priority) & (Case.id < case.id)
    )
    query = select(func.count(Case.id)).where(
        same_queue, before, Case.closed_at.is_(None), Case.officer_id.is_(None)
    )
    return int(session.scalar(query) or 0)


def record_answer(session: Session, case: Case, value: SafeContact, how: str) -> None:
    """Keep the person's choice on the case, with when, in the audit (who: the person)."""
    case.safe_contact, case.safe_contact_at = value, utcnow()
    session.add(
        AuditEvent(
            officer_id=None,
            consulate_id=case.consulate_id,
            case_id=case.id,
            action=SAFE_CONTACT_EVENT,
            detail={"safe_contact": value.value, "how": how},
        )
    )
