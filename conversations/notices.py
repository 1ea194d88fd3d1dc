"""What the person is told when their conversation changes hands, and when it may be told.

No hand-over is silent: the person learns that an officer has their conversation, and that
the assistant is back when the case closes. But an unprompted message can expose someone
whose phone is read by an employer or a partner, so it goes out at once only when they said
anyone may write at any time (`SafeContact.ANYTIME`). Otherwise the notice is owed
(`Case.notice_owed`) and told with the answer to the person's next message: they are writing,
so they hold the phone.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from channels import Purpose, send_to_person
from conversations import texts
from conversations.language import DEFAULT_LANGUAGE
from conversations.texts import TEXTS
from core.models import Author, Case, Conversation, Message, SafeContact

CLAIMED: Final = "claimed"
CLOSED: Final = "closed"


def tell_claimed(session: Session, conversation: Conversation, case: Case) -> None:
    """An officer took the case: told now if anyone may write, else with the next reply."""
    _tell(session, conversation, case, CLAIMED)


def tell_closed(session: Session, conversation: Conversation, case: Case) -> None:
    """The case closed and the assistant answers again (an owed "claimed" is then moot)."""
    _tell(session, conversation, case, CLOSED)


def _tell(session: Session, conversation: Conversation, case: Case, kind: str) -> None:
    case.notice_owed = kind
    if case.safe_contact != SafeContact.ANYTIME or conversation.person.opted_out:
        return
    language = conversation.person.language or DEFAULT_LANGUAGE
    sent = send_to_person(session, conversation, _texts(case, kind, language), Purpose.NOTICE)
    if sent:
        case.notice_owed = None


def take_owed(session: Session, conversation: Conversation, language: str) -> list[str]:
    """The notice the person was not told yet, to go with this reply; then it is told."""
    case = session.scalar(
        select(Case)
        .where(Case.conversation_id == conversation.id, Case.notice_owed.is_not(None))
        .order_by(Case.id.desc())
        .limit(1)
    )
    if case is None or case.notice_owed is None:
        return []
    kind, case.notice_owed = case.notice_owed, None
    if kind == CLAIMED and _officer_wrote(session, case):
        return []  # the officer's own answer already told them
    return _texts(case, kind, language)


def _officer_wrote(session: Session, case: Case) -> bool:
    found = session.scalar(
        select(Message.id)
        .where(
            Message.conversation_id == case.conversation_id,
            Message.author == Author.OFFICER,
            Message.created_at >= case.opened_at,
        )
        .limit(1)
    )
    return found is not None


def _texts(case: Case, kind: str, language: str) -> list[str]:
    if kind == CLOSED:
        return [TEXTS.translate(language, texts.BACK_TO_BOT)]
    if case.safe_contact == SafeContact.NEVER:
        # The officer cannot write to them: say so again rather than "will answer you here".
        return [TEXTS.translate(language, texts.CLAIMED_NO_WRITING)]
    return [TEXTS.translate(language, texts.CLAIMED)]
