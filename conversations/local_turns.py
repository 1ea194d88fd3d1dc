"""Turns the app answers itself, without Rasa: keywords, awaited answers, and messages with no
words to understand (voice notes, pictures, locations, stickers, emoji, nothing at all).

Keywords must work whatever the bot was doing (mid-form, handed over, opted out), so they are
decided here, before Rasa, from the stored message alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from channels.formatting import numbered_menu
from conversations import case_questions, screening, texts
from conversations.awaiting import Replay, await_answer, pending_question, take_awaiting
from conversations.erasure import erase_person
from conversations.gazetteer import words
from conversations.handover import AWAITING as SAFE_CONTACT
from conversations.handover import HandOver, record_answer
from conversations.keywords import Keyword, Match, is_yes, match, menu_choice
from conversations.language import DEFAULT_LANGUAGE
from conversations.ownership import open_case
from conversations.place_clauses import clauses
from conversations.places import (
    ANSWER_SIMILARITY,
    destinations_named,
    is_short_answer,
    mentioned_country,
    mentioned_origin,
    names_in,
    parse_country,
    parse_origin,
)
from conversations.safe_contact import parse_answer
from conversations.situation import HUMAN_TOPIC, only_a_place, thread_topic
from conversations.texts import TEXTS
from conversations.urgent_reply import with_emergency_lines
from conversations.whose_place import about_someone_else, someone_elses_country
from core.models import (
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    SafeContact,
)
from knowledge import KnowledgeBase, topic_label
from knowledge.replies import article_reply, further_reading, more_parts

URGENT_TOPIC: Final = "emergency"
# First words that make a place where the person comes from: "de honduras", "from mexico".
FROM_WORDS: Final = frozenset({"de", "soy", "somos", "from", "vengo", "venimos"})
THANKS_TOPIC: Final = "thanks"
ACKNOWLEDGING_EMOJI: Final = frozenset("👍👌🙏👏❤♥🙂😊☺😀😃😁🤗✅💪🤝🫶✌")
# Variation selectors, the zero-width joiner and the five skin tones.
_EMOJI_MODIFIERS: Final = frozenset("\ufe0f\ufe0e\u200d🏻🏼🏽🏾🏿")
# A bare "1"…"9" is a pick from a list; larger numbers ("911", "300") are read as words.
STALE_PICK_OPTIONS: Final = 9

# Topics of the MENU keyword, in order; their names are the knowledge base's topic labels.
MENU: Final[tuple[str, ...]] = (
    "wages",
    "working_conditions",
    "documents_retained",
    "recruitment_fees",
    "legal_channels",
    "trafficking_smuggling",
    "consular_services",
    "return_reintegration",
    "family_support",
)


@dataclass
class LocalTurn:
    """What the app decided; the dialogue records it and queues `texts`."""

    language: str
    texts: list[str] = field(default_factory=list)
    topic: str | None = None
    article_id: str | None = None
    escalate: str | None = None  # why the conversation goes to a human
    bypass_opt_out: bool = False
    erased: bool = False  # the message and its conversation no longer exist
    replay: Replay | None = None  # a question for Rasa to answer instead of this message
    urgent: bool = False  # the person wrote URGENTE/URGENT
    # An answer to the bot's own question ("bolivia", "si"): says nothing of the language the
    # person wants, so the conversation's language stays as it was.
    keeps_language: bool = False


class LocalTurns:
    def __init__(self, knowledge: KnowledgeBase | None) -> None:
        self._kb = knowledge
        self._handover = HandOver(knowledge)

    def handle(
        self, session: Session, message: Message, small_talk: bool = False
    ) -> LocalTurn | None:
        """The app's own answer to `message`, or None to let Rasa answer it.

        `small_talk`: NLU read the message clearly as thanks or a goodbye, so it is
        not taken as a place even where a place name is a typo away ("gracias", Gràcia)."""
        conversation = message.conversation
        person = conversation.person
        found = match(message.body)
        language = (found.language if found else None) or person.language or DEFAULT_LANGUAGE
        awaiting = take_awaiting(conversation)
        offered, conversation.offered_topics = conversation.offered_topics or [], None
        if awaiting == "erase" and is_yes(message.body):
            erased = TEXTS.translate(language, texts.ERASED)
            erase_person(session, person, conversation.channel, erased)
            return LocalTurn(language, [erased], erased=True)
        if screening.is_screening(awaiting) and screening.stops(message.body):
            # "parar" ends the questions here, not every message (STOP itself still does).
            stopped = case_questions.take(
                session, conversation, awaiting or "", message.body, language
            )
            if stopped is not None:
                return LocalTurn(language, stopped, keeps_language=True)
        if person.opted_out:
            if found and found.keyword == Keyword.START:
                person.opted_out = False
                return _reply(language, texts.OPTED_IN)
            return LocalTurn(language)  # they asked for silence; the message is kept
        if found is not None:
            if found.keyword == Keyword.STOP:
                case_questions.stop_screening(session, conversation, awaiting)
            if found.language:
                person.language = language
            return self._keyword(session, message, found, language)
        if awaiting == SAFE_CONTACT:
            answered = self._safe_contact(session, message, language)
            if answered is not None:
                return answered
        if case_questions.is_case_question(awaiting):
            replies = case_questions.take(
                session, conversation, awaiting or "", message.body, language
            )
            if replies is not None:
                return LocalTurn(language, replies, keeps_language=True)
        if awaiting == "menu":
            choice = menu_choice(message.body, len(MENU))
            if choice is not None:
                return self._menu_answer(message, MENU[choice], language)
        if awaiting == "offer":
            choice = menu_choice(message.body, len(offered))
            if choice is not None:
                chosen = pending_question(session, conversation, topic=offered[choice])
                if chosen is not None:
                    return LocalTurn(language, replay=chosen)
        # A long answer ("hola buenas, yo ando en georgia y queria saber lo del cheque") gives
        # the place and is then read as the new question it may hold, not as an answer only.
        short = is_short_answer(message.body)
        if awaiting == "country" and not small_talk:
            theirs = self._someone_elses(session, conversation, message)
            country = theirs or parse_country(message.body)
            if country is not None:
                person.country_destination = country
                if theirs is None:
                    # "guatemala. were in omaha": where they are from, said with it, is kept
                    # too (the passport question that follows is Guatemala's).
                    person.country_origin = person.country_origin or mentioned_origin(message.body)
                if short or theirs is not None:
                    return _ask_again(session, conversation, language, texts.COUNTRY_NOTED)
        if awaiting == "origin" and not small_talk:
            origin = parse_origin(message.body)
            if origin is not None:
                person.country_origin = origin
                # "soy de honduras, estoy en texas": where they are, said with it, is kept too.
                person.country_destination = person.country_destination or mentioned_country(
                    message.body
                )
                if short:
                    return _ask_again(session, conversation, language, texts.ORIGIN_NOTED)
        corrected = None if small_talk else self._corrected_place(session, message, language)
        if corrected is not None:
            return corrected
        volunteered = None if small_talk else self._volunteered_place(session, message, language)
        if volunteered is not None:
            return volunteered
        if menu_choice(message.body, STALE_PICK_OPTIONS) is not None:
            return self._stale_pick(session, message, language)
        return _wordless(message, language)

    def _stale_pick(self, session: Session, message: Message, language: str) -> LocalTurn:
        """A bare number that no open list awaits: never read as a topic. While the open case
        has no answer on writing to this number, its question (1, 2 or 3) is asked again
        rather than guessed from a number sent after another message."""
        case = open_case(session, message.conversation)
        if case is not None and case.safe_contact == SafeContact.UNKNOWN:
            return LocalTurn(language, [self._handover.ask_safe_contact(session, case, language)])
        return _reply(language, texts.STALE_PICK)

    def _safe_contact(self, session: Session, message: Message, language: str) -> LocalTurn | None:
        """The answer to "is it safe to write to this number?", kept on the open case; None
        when the message does not answer it (then it is read as any other, and the question
        is not asked again)."""
        value = parse_answer(message.body)
        case = open_case(session, message.conversation)
        if value is None or case is None:
            return None
        record_answer(session, case, value, "answered")
        noted = self._handover.acknowledge(session, case, language)
        return LocalTurn(
            language,
            [case_questions.then_ask(session, message.conversation, case, noted, language)],
        )

    def _volunteered_place(
        self, session: Session, message: Message, language: str
    ) -> LocalTurn | None:
        """A message that only says where ("en madrid", "im in the us") right after a question:
        noted, and that question answered again for the place, whether the bot asked or not."""
        if self._kb is None or not has_words(message.body):
            return None
        if not only_a_place(message.body, names_in(message.body, similarity=ANSWER_SIMILARITY)):
            return None
        conversation, person = message.conversation, message.conversation.person
        topics = frozenset(self._kb.topics) - {HUMAN_TOPIC}
        previous = thread_topic(session, conversation, message, topics)
        if previous is None:
            return None
        origin, country = parse_origin(message.body), parse_country(message.body)
        said_from = words(message.body).split()[0] in FROM_WORDS
        if origin is not None and (country is None or said_from):
            person.country_origin = origin
        elif country is not None:
            person.country_destination = country
        else:
            return None
        replay = Replay(previous.id, previous.body, previous.topic, follow_up=True)
        return LocalTurn(language, replay=replay)

    @staticmethod
    def _someone_elses(
        session: Session, conversation: Conversation, message: Message
    ) -> str | None:
        """Asked where about a question on someone else, the answer's country for them (see
        conversations/whose_place.py): it answers that question, however long."""
        question = pending_question(session, conversation, topic=None)
        if question is None or not about_someone_else(question.body):
            return None
        return someone_elses_country(message.body)

    def _corrected_place(
        self, session: Session, message: Message, language: str
    ) -> LocalTurn | None:
        """A message that says the person is not where the bot took them to be, and where they
        are ("no, no estoy en texas, el que esta alla es mi primo. yo estoy en canada"): the
        place corrected, and the thread's question answered again for it, however long the
        message (a long one would otherwise be read as a question of its own)."""
        person = message.conversation.person
        assumed = person.country_destination
        if self._kb is None or assumed is None:
            return None
        parts = clauses(message.body)
        if not any(part.denied and assumed in destinations_named(part.text) for part in parts):
            return None
        country = parse_country(message.body)
        if country is None or country == assumed:
            return None
        person.country_destination = country
        topics = frozenset(self._kb.topics) - {HUMAN_TOPIC}
        previous = thread_topic(session, message.conversation, message, topics)
        if previous is None:
            return None
        replay = Replay(previous.id, previous.body, previous.topic, follow_up=True)
        return LocalTurn(language, replay=replay)

    def _keyword(
        self, session: Session, message: Message, found: Match, language: str
    ) -> LocalTurn:
        conversation = message.conversation
        keyword = found.keyword
        if keyword == Keyword.STOP:
            # The last message this person can get until START, so it carries the help lines.
            conversation.person.opted_out = True
            done = TEXTS.translate(language, texts.OPTED_OUT)
            where = conversation.person.country_destination
            return LocalTurn(
                language,
                [with_emergency_lines(done, self._kb, language, where)],
                bypass_opt_out=True,
            )
        if keyword == Keyword.START:
            return _reply(language, texts.OPTED_IN)
        if keyword == Keyword.HELP:
            return LocalTurn(language, [self._help(conversation, language)])
        if keyword == Keyword.MENU:
            await_answer(conversation, "menu")
            return LocalTurn(language, [_menu(conversation.channel, language)])
        if keyword == Keyword.URGENT:
            # The urgent reply (help lines, a human) is added where every urgent turn gets it.
            return LocalTurn(language, topic=URGENT_TOPIC, escalate=URGENT_TOPIC, urgent=True)
        if keyword == Keyword.HUMAN:
            if conversation.status != ConversationStatus.BOT:
                # Still a request for a person: recorded as one, not as no topic.
                return _reply(language, texts.ALREADY_WITH_HUMAN, topic=HUMAN_TOPIC)
            # The hand-over's own message says who has the case and what happens next.
            return LocalTurn(language, topic=HUMAN_TOPIC, escalate=HUMAN_TOPIC)
        if keyword in (Keyword.ENGLISH, Keyword.SPANISH):
            conversation.person.language = language
            return _reply(language, texts.LANGUAGE_SET, topic="language_switch")
        if keyword == Keyword.MORE:
            return self._more(session, conversation, language)
        await_answer(conversation, "erase")
        return _reply(language, texts.ERASE_CONFIRM)

    def _help(self, conversation: Conversation, language: str) -> str:
        """Short help plus the urgent help lines for where the person is (all if unknown)."""
        text = TEXTS.translate(language, texts.HELP)
        where = conversation.person.country_destination
        return with_emergency_lines(text, self._kb, language, where)

    def _more(self, session: Session, conversation: Conversation, language: str) -> LocalTurn:
        """The next part of the last article this conversation was given.

        By SMS the full answer goes in parts of at most two segments, one per MORE, each but
        the last ending with the MORE hint; by WhatsApp, where the first answer was already
        the full one, its sources (as long as two segments at most), once.
        """
        last = _last_article_message(session, conversation.id)
        article = (
            self._kb.article(last.article_id) if self._kb and last and last.article_id else None
        )
        if article is None or last is None:
            return _reply(language, texts.NOTHING_MORE)
        asked = _mores_since(session, conversation.id, last.id)  # this MORE is already stored
        if conversation.channel != Channel.SMS:
            reading = further_reading(article, language)
            if reading is None or asked > 1:
                return _reply(language, texts.NOTHING_MORE)
            return LocalTurn(language, [reading], topic=article.topic, article_id=None)
        parts = more_parts(article, language)
        if asked > len(parts):
            return _reply(language, texts.NOTHING_MORE)
        return LocalTurn(language, [parts[asked - 1]], topic=article.topic, article_id=None)

    def _menu_answer(self, message: Message, topic: str, language: str) -> LocalTurn:
        person = message.conversation.person
        article = (
            self._kb.best_article(
                topic, origin=person.country_origin, destination=person.country_destination
            )
            if self._kb
            else None
        )
        needs_country = self._kb is not None and self._kb.needs_country(topic)
        if article is None and needs_country and not person.country_destination:
            # Chosen from the menu, a topic answered country by country: ask where, and the
            # answer brings the choice back (as if the person had asked about it).
            conversation = message.conversation
            await_answer(conversation, "country")
            conversation.pending_message_id, conversation.pending_topic = message.id, topic
            return _reply(language, texts.MENU_ASK_COUNTRY, topic=topic)
        if article is None:
            return _reply(language, texts.MENU_NO_ARTICLE, topic=topic)
        reply = article_reply(article, language, message.conversation.channel.value)
        return LocalTurn(language, [reply], topic=topic, article_id=article.id)


def _reply(
    language: str,
    message: str,
    *,
    topic: str | None = None,
    escalate: str | None = None,
    bypass_opt_out: bool = False,
) -> LocalTurn:
    """A turn that answers with one fixed text (a msgid of conversations.texts)."""
    text = TEXTS.translate(language, message)
    return LocalTurn(
        language, [text], topic=topic, escalate=escalate, bypass_opt_out=bypass_opt_out
    )


def _menu(channel: Channel, language: str) -> str:
    labels = [topic_label(topic, language) for topic in MENU]
    title = TEXTS.translate(language, texts.MENU_TITLE)
    footer = TEXTS.translate(language, texts.MENU_FOOTER)
    return numbered_menu(title, labels, footer, channel)


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _wordless(message: Message, language: str) -> LocalTurn | None:
    """A graceful answer to what carries no words; None when there are words for Rasa."""
    if has_words(message.body):
        return None
    if not message.media and is_an_acknowledgement(message.body):
        return _reply(language, texts.ACKNOWLEDGED, topic=THANKS_TOPIC)
    kinds = [str(item.get("kind", "")) for item in message.media]
    types = [str(item.get("content_type", "")) for item in message.media]
    if "location" in kinds:
        return _reply(language, texts.LOCATION)
    if any(t.startswith("audio/") for t in types):
        return _reply(language, texts.VOICE_NOTE)
    if types:
        return _reply(language, texts.IMAGE)
    return _reply(language, texts.NO_TEXT)


def is_an_acknowledgement(text: str) -> bool:
    """Emoji alone that say "ok" or "thanks" (👍, 🙏🙏, 👌🏽), skin tones and joiners aside."""
    marks = [ch for ch in text if not ch.isspace() and ch not in _EMOJI_MODIFIERS]
    return bool(marks) and all(ch in ACKNOWLEDGING_EMOJI for ch in marks)


def _ask_again(
    session: Session, conversation: Conversation, language: str, noted: str
) -> LocalTurn:
    """The person answered the bot's question: have Rasa answer the question that made it ask."""
    question = pending_question(session, conversation, topic=conversation.pending_topic)
    if question is None:
        return _reply(language, noted)
    return LocalTurn(language, replay=question)


def _last_article_message(session: Session, conversation_id: int) -> Message | None:
    """The newest inbound message of the conversation that was answered with an article."""
    query = select(Message).where(
        Message.conversation_id == conversation_id,
        Message.direction == Direction.INBOUND,
        Message.article_id.is_not(None),
    )
    return session.scalar(query.order_by(Message.id.desc()).limit(1))


def _mores_since(session: Session, conversation_id: int, message_id: int) -> int:
    """How many MORE the person wrote after message `message_id`, this one included."""
    bodies = session.scalars(
        select(Message.body).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.INBOUND,
            Message.id > message_id,
        )
    )
    return sum(1 for body in bodies if (found := match(body)) and found.keyword == Keyword.MORE)
