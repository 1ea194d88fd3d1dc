"""The few questions the bot asks after a hand-over, each at most once per case, one at a time,
and only after the help was given and the safe-contact question was answered:

1. "Which country are you from?" when the person's nationality is unknown;
2. "Where are you now (country, state)?" when where they are is unknown, or when only the
   country is known and their nationality's consulates there serve parts of it;
3. after an urgent hand-over, the screening's offer (`screening`).

The first two route the case (`routing`): the answer is read with the place parser
(`places`), kept on the person, and a case nobody has claimed yet moves to the consulate that
fits (`ownership.reroute`, audited), which the person is told. Each question is an awaited
answer (`awaiting`): a message that does not answer it is handled as any other message, and
the question is not asked again for this case (nor are the ones after it). Once an officer
holds the case, the bot asks nothing more: the officer can ask.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from conversations import ownership, routing, screening, texts
from conversations.awaiting import await_answer
from conversations.gazetteer import words
from conversations.ownership import Priority, open_case
from conversations.place_regions import parse_location
from conversations.places import ANSWER_SIMILARITY, names_in, parse_origin
from conversations.situation import PLACE_FILLER
from conversations.texts import TEXTS
from core.models import Case, Consulate, Conversation

AWAIT_ORIGIN: Final = "case_origin"
AWAIT_PLACE: Final = "case_place"
SCREENING: Final = "screening"  # in `Case.asked` once the screening was offered

# Words an answer about places is made of besides the names ("soy de honduras pero ahora estoy
# en texas"); a message with any other word is a question of its own ("cuanto cuesta el
# pasaporte en guatemala"), not the answer.
_ANSWER_WORDS: Final = frozenset(
    {
        *("pero", "y", "ahora", "mi", "pais", "estado", "ciudad", "nacionalidad", "vengo"),
        *("originario", "originaria", "nacido", "nacida", "naci", "but", "and", "my"),
        *("country", "state", "city", "originally", "born", "living", "live", "vivo"),
        *("vivimos", "somos", "we", "are", "currently", "right", "gracias", "thanks"),
    }
)
_ASKS: Final = {
    routing.ORIGIN: (AWAIT_ORIGIN, texts.ASK_ORIGIN),
    routing.PLACE: (AWAIT_PLACE, texts.ASK_PLACE),
}


def is_case_question(awaiting: str | None) -> bool:
    return awaiting in (AWAIT_ORIGIN, AWAIT_PLACE) or screening.is_screening(awaiting)


def next_question(
    session: Session, conversation: Conversation, case: Case | None, language: str
) -> str | None:
    """The next question not yet asked for this case, now awaited; None when there is none."""
    if case is None or case.closed_at is not None or case.officer_id is not None:
        return None
    if conversation.person.opted_out:
        return None
    for need in routing.missing(session, conversation.person):
        if need not in (case.asked or []):
            awaiting, question = _ASKS[need]
            _mark(case, need)
            await_answer(conversation, awaiting)
            return TEXTS.translate(language, question)
    if case.priority >= Priority.URGENT and SCREENING not in (case.asked or []):
        _mark(case, SCREENING)
        return screening.offer(conversation, case, language)
    return None


def then_ask(
    session: Session, conversation: Conversation, case: Case | None, text: str, language: str
) -> str:
    """`text` (a short acknowledgement) with the next question after it, in one message."""
    question = next_question(session, conversation, case, language)
    return f"{text} {question}" if question else text


def take(
    session: Session, conversation: Conversation, awaiting: str, body: str, language: str
) -> list[str] | None:
    """The reply to an answer to one of these questions; None when `body` does not answer it
    (then it is handled as any other message)."""
    case = open_case(session, conversation)
    if case is None:
        return None
    if screening.is_screening(awaiting):
        return screening.take(session, conversation, case, awaiting, body, language)
    person = conversation.person
    if not _only_places(body):
        return None
    if awaiting == AWAIT_ORIGIN:
        origin = parse_origin(body)
        if origin is None:
            return None
        person.country_origin = origin
        why = "nationality"
        place = parse_location(body)  # "soy de honduras, estoy en texas" answers both
        if place is not None and place[0] != origin and not person.country_destination:
            person.country_destination, person.region_destination = place
            why = "nationality and place"
    else:
        place = parse_location(body)
        if place is None:
            return None
        person.country_destination, person.region_destination = place
        why = "place"
    moved = ownership.reroute(session, conversation, why)
    if moved is not None:
        consulate = session.get(Consulate, moved.consulate_id) if moved.consulate_id else None
        team = consulate.name if consulate else TEXTS.translate(language, texts.CONSULAR_TEAM)
        said = TEXTS.translate(language, texts.ROUTED, team=team)
    else:
        said = TEXTS.translate(language, texts.NOTED)
    return [then_ask(session, conversation, case, said, language)]


def _mark(case: Case, asked: str) -> None:
    case.asked = [*(case.asked or []), asked]


def stop_screening(session: Session, conversation: Conversation, awaiting: str | None) -> None:
    """STOP while the screening waited for an answer: it ends there (so does every message)."""
    case = open_case(session, conversation)
    if case is not None and screening.is_screening(awaiting):
        screening.end(session, case, screening.STOPPED)


def _only_places(text: str) -> bool:
    """Whether a message says nothing but places (where the person is from, where they are):
    once the filler words are gone, the place names found (typos allowed) account for every
    word left."""
    kept = [w for w in words(text).split() if w not in PLACE_FILLER | _ANSWER_WORDS]
    names = names_in(" ".join(kept), similarity=ANSWER_SIMILARITY)
    covered = sum(len(name.split()) for name in names)
    return bool(names) and "?" not in text and len(kept) <= covered
