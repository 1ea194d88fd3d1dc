"""A short, skippable screening after an urgent hand-over: one closed yes/no question at a
time, in plain words, whose answers brief the officer as the case's red flags.

The questions follow the short form of the Vera Institute's Trafficking Victim Identification
Tool and the ILO's indicators of forced labour (`shared/reference/facts.md`): identity
documents kept, freedom to leave, a debt worked off, threats or violence, pay as promised,
living conditions, isolation. Each names the indicator it is evidence of and the answer that
raises it ("can you leave when you want?" raises restriction of movement on a no). Nothing
asked could endanger the person: no photos, no names, no addresses, and the offer reminds
them that DELETE/BORRAR erases the conversation.

It is offered once per case (after the safe-contact question and, when unknown, where the
person is from and where they are: `case_questions`). "later"/"después"/"parar" ends it at
any point; an answer that is neither yes, no nor "I don't know" is a message like any other
(the awaited-answer rule of `awaiting`) and ends it. STOP keeps its meaning, which Twilio
enforces on SMS anyway: the person is opted out, and the screening ends with it. Every message
is still checked for danger first (the pipeline's detect step), so an urgent message sent
mid-screening is answered with the emergency lines before the next question.

Why app-side and not a Rasa form: in this codebase the turns that must work whatever Rasa is
doing (keywords, the safe-contact question, the place questions) are the app's own, decided
from the stored conversation (`local_turns`). A Rasa form would keep the screening in Rasa's
tracker, out of reach of the case it briefs; it would stop answering when Rasa is down, which
is exactly when a person in danger must still be served; and its slot-filling would route the
answers through NLU intents, where the short replies people type ("sip", "nel", "no me
dejan") are read worse than by a closed yes/no reader. Here the answers are written straight
to the case, in the same transaction as the message, and the officer sees them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.orm import Session

from conversations import texts
from conversations.awaiting import await_answer
from conversations.texts import TEXTS
from conversations.yes_no import Answer, read_answer
from core.models import AuditEvent, Case, Conversation
from core.text import normalize_for_nlu

OFFER: Final = "screen_offer"  # the awaited answer to the offer
_QUESTION: Final = "screen:"  # "screen:3": the awaited answer to the fourth question
SCREENING_EVENT: Final = "screening"  # the case audit's action when it ends

FINISHED: Final = "finished"
STOPPED: Final = "stopped"
DECLINED: Final = "declined"
LEFT: Final = "left"  # the person wrote something else instead of answering
CLAIMED: Final = "claimed"  # an officer took the case: the bot asks no more


@dataclass(frozen=True)
class Question:
    key: str
    text: str  # msgid of conversations.texts
    indicator: str  # the ILO indicator of forced labour it is evidence of
    flag_when: bool  # the answer that raises it


QUESTIONS: Final[tuple[Question, ...]] = (
    Question("documents", texts.SCREEN_DOCUMENTS, "retention of identity documents", True),
    Question("free_to_leave", texts.SCREEN_FREE_TO_LEAVE, "restriction of movement", False),
    Question("debt", texts.SCREEN_DEBT, "debt bondage", True),
    Question("threats", texts.SCREEN_THREATS, "intimidation and threats", True),
    Question("pay", texts.SCREEN_PAY, "withholding of wages", False),
    Question("living", texts.SCREEN_LIVING, "abusive working and living conditions", True),
    Question("isolation", texts.SCREEN_ISOLATION, "isolation", False),
)

# Ends the screening only ("parar" is also a STOP word elsewhere; here it means the questions).
_STOP: Final = frozenset(
    {
        *("later", "not now", "maybe later", "stop asking", "no more", "no more questions"),
        *("despues", "luego", "mas tarde", "ahora no", "otro dia", "parar", "para", "alto"),
        *("detener", "basta", "ya basta", "no mas", "no mas preguntas", "no quiero"),
        *("ya no quiero", "despues te digo", "luego te digo"),
    }
)
_TRIM: Final = " .,;:!?¡¿*\"'()-"


def is_screening(awaiting: str | None) -> bool:
    return awaiting is not None and (awaiting == OFFER or awaiting.startswith(_QUESTION))


def stops(text: str) -> bool:
    """ "later", "después", "parar": the person wants no more questions now."""
    return normalize_for_nlu(text).strip(_TRIM) in _STOP


def offer(conversation: Conversation, case: Case, language: str) -> str:
    """Offer the screening (once per case: the caller marks it asked)."""
    case.screening = {"answers": {}, "ended": None}
    await_answer(conversation, OFFER)
    return TEXTS.translate(language, texts.SCREENING_OFFER, count=len(QUESTIONS))


def take(
    session: Session,
    conversation: Conversation,
    case: Case,
    awaiting: str,
    body: str,
    language: str,
) -> list[str] | None:
    """The reply to the person's answer to the offer or to a question; None when the message
    does not answer it (then it is handled as any other and the screening ends)."""
    if stops(body):
        end(session, case, STOPPED)
        return [TEXTS.translate(language, texts.SCREENING_STOPPED)]
    if awaiting == OFFER:
        accepted = read_answer(body, offer=True)
        if accepted is None:
            end(session, case, LEFT)
            return None
        if accepted != Answer.YES:
            end(session, case, DECLINED)
            return [TEXTS.translate(language, texts.SCREENING_STOPPED)]
        return [_ask(conversation, 0, language)]
    index = _index(awaiting)
    answer = read_answer(body)
    if index is None or answer is None:
        end(session, case, LEFT)
        return None
    answers = dict(_state(case).get("answers") or {})
    answers[QUESTIONS[index].key] = None if answer == Answer.UNSURE else answer == Answer.YES
    case.screening = {**_state(case), "answers": answers}
    if case.officer_id is not None:
        end(session, case, CLAIMED)
        return []  # the officer has the conversation now, and sees the answer
    if index + 1 < len(QUESTIONS):
        return [_ask(conversation, index + 1, language)]
    end(session, case, FINISHED)
    return [TEXTS.translate(language, texts.SCREENING_DONE)]


def _ask(conversation: Conversation, index: int, language: str) -> str:
    await_answer(conversation, f"{_QUESTION}{index}")
    question = TEXTS.translate(language, QUESTIONS[index].text)
    return f"{index + 1}/{len(QUESTIONS)} {question}"


def _index(awaiting: str) -> int | None:
    number = awaiting[len(_QUESTION) :]
    if not number.isdigit() or int(number) >= len(QUESTIONS):
        return None
    return int(number)


def _state(case: Case) -> dict[str, Any]:
    return dict(case.screening or {"answers": {}, "ended": None})


def end(session: Session, case: Case, how: str) -> None:
    """The screening is over (`how`: FINISHED, STOPPED, …), with its red flags in the audit."""
    case.screening = {**_state(case), "ended": how}
    session.add(
        AuditEvent(
            officer_id=None,
            consulate_id=case.consulate_id,
            case_id=case.id,
            action=SCREENING_EVENT,
            detail={"ended": how, "red_flags": red_flags(case)},
        )
    )


@dataclass(frozen=True)
class Line:
    """One answered question, for the officer: its key, the answer (None: "I don't know"),
    and whether the answer raises its indicator."""

    key: str
    indicator: str
    answer: bool | None
    flagged: bool


def summary(case: Case) -> list[Line]:
    """The screening's answers, in the order asked."""
    answers = _state(case).get("answers") or {}
    lines = []
    for question in QUESTIONS:
        if question.key in answers:
            answer = answers[question.key]
            flagged = answer is not None and answer == question.flag_when
            lines.append(Line(question.key, question.indicator, answer, flagged))
    return lines


def red_flags(case: Case) -> list[str]:
    """The ILO indicators the screening's answers raise (the case's red flags)."""
    return [line.indicator for line in summary(case) if line.flagged]


def ended(case: Case) -> str | None:
    """How the screening ended (FINISHED, STOPPED, …), None while running or never offered."""
    value = _state(case).get("ended") if case.screening else None
    return str(value) if value else None
