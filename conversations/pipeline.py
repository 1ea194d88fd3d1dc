"""One inbound message, from stored to answered, on one road every message travels:

    store (channels) → detect (language, urgency) → route by owner → answer (the app's own
    turn, Rasa, or hold for the officer) → record → send (the outbox)

The detect step runs on every message whatever the conversation's state: a person who wrote
STOP, whose conversation an officer holds, who is answering the bot's question, or who writes
while Rasa is down is still checked for danger, and the result is kept on the message.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from channels import Purpose, release_held_replies, send_to_person
from conversations import ownership
from conversations.acknowledgement import without_leading_acknowledgement
from conversations.awaiting import Replay, await_answer
from conversations.gazetteer import words
from conversations.handover import HandOver, Told
from conversations.history import RecentInbound
from conversations.keywords import match
from conversations.language import LanguageChoice, LanguageChooser
from conversations.leaning import (
    WordsRead,
    clearly_in_the_topic_read,
    leans_on_the_thread,
    read_words,
    weak_in_the_topic_read,
)
from conversations.local_turns import LocalTurn, LocalTurns
from conversations.notices import take_owed
from conversations.places import mentioned_country, mentioned_origin, placed_at_origin
from conversations.rasa_client import NluReading, RasaClient, RasaTurn, RasaUnavailable
from conversations.repeats import what_was_sent
from conversations.situation import (
    HUMAN_TOPIC,
    LONG_FOLLOW_UP_MAX_WORDS,
    asks_a_person_for_help,
    asks_to_be_contacted,
    complains_on_the_thread,
    complaint_follow_up,
    is_follow_up,
    origin_gone_back_to,
    programme_of,
    programme_told,
    refers_back,
    relatives_job,
    returns_to_an_earlier_subject,
    thread_topic,
)
from conversations.texts import (
    ALREADY_WITH_HUMAN,
    APOLOGY,
    DANGER_CHECK,
    TEXTS,
    UNSUPPORTED_LANGUAGE,
)
from conversations.urgency import UrgencyCheck, UrgencyRule
from conversations.urgent_reply import keeps_answer, urgent_reply
from core.models import Conversation, Direction, Message, ProcessingState, utcnow
from core.text import normalize_for_nlu
from knowledge import ArticleIndex, KnowledgeBase

log = logging.getLogger(__name__)

# A follow-up is never sent on as a request for a person or as an emergency: those are
# decided on the person's own words.
NOT_THREAD_TOPICS = frozenset({"human_agent", "emergency"})
SMALL_TALK = frozenset({"thanks", "goodbye"})
SMALL_TALK_CONFIDENCE = 0.8
RASA_UNAVAILABLE = "rasa_unavailable"  # why a case opens when Rasa did not answer
# Every step reads the message's conversation and person: one query loads the three, rather
# than a query and two lazy loads, each time a turn opens a session.
WITH_CONVERSATION = (joinedload(Message.conversation).joinedload(Conversation.person),)


@dataclass
class TurnResult:
    """What the person sent was understood as, and what they were sent back."""

    message_id: int
    language: str | None
    topic: str | None
    confidence: float | None
    urgent: bool
    escalated: bool
    article_id: str | None
    replies: list[str] = field(default_factory=list)
    recorded: bool = True  # False: read back from the database, not this turn's own record
    # Only the urgency classifier read danger: the answer carried the DANGER_CHECK line.
    possible_danger: bool = False


@dataclass(frozen=True)
class Understanding:
    topic: str | None
    confidence: float | None
    article_id: str | None
    escalate: str | None  # why the bot asks for a human, if it does
    language: str | None  # a language the person switched to through the bot
    ask_country: bool = False  # the bot asked where the person works
    ask_origin: bool = False  # the bot asked where the person comes from
    offer: tuple[str, ...] = ()  # topics the bot offered to choose from, being unsure

    @property
    def asks_where(self) -> bool:
        """The bot asks where the person is or comes from, what its answer depends on."""
        return self.ask_country or self.ask_origin

    @property
    def answers_itself(self) -> bool:
        """The bot's own reply answers the question, or asks what the answer depends on
        ("which country?", "where are you from?"): what a false alarm must not take away."""
        return self.article_id is not None or self.asks_where


NOTHING_UNDERSTOOD = Understanding(None, None, None, None, None)


@dataclass(frozen=True)
class Claim:
    """A worker's hold on one stored message; only its holder may record the turn."""

    message_id: int
    token: str


Detected = tuple[NluReading | None, UrgencyCheck]


@dataclass(frozen=True)
class EarlyReading:
    """The detect step on a message's text, started before its turn (`Dialogue.read_ahead`)."""

    text: str
    task: asyncio.Task[Detected]


def _detected(result: Detected, as_written: bool) -> tuple[NluReading | None, UrgencyCheck | None]:
    """An early reading as the turn takes it. When Rasa did not answer it, a message the
    dialogue reads as written is still handed to the dialogue, which may answer by then (and
    whose turn then gives the urgency check), as without the early reading."""
    reading, urgency = result
    return (None, None) if reading is None and as_written else (reading, urgency)


def nlu_text(body: str) -> str:
    """What NLU reads of a message: normalised, without the leading slashes only the app may
    send (Rasa's way of naming an intent outright), nor an acknowledgement that opens it
    ("ok who do i call": conversations/acknowledgement.py)."""
    return without_leading_acknowledgement(normalize_for_nlu(body).lstrip("/ "))


@dataclass(frozen=True)
class RasaRequest:
    """What the answer step sends to Rasa, decided while the conversation was loaded."""

    sender_id: str
    text: str
    metadata: dict[str, str]
    choice: LanguageChoice
    replay: Replay | None


def goes_to_the_dialogue_as_written(
    session: Session, message: Message, history: RecentInbound | None = None
) -> bool:
    """Whether Rasa's dialogue will read this very message (so that call reads it once):
    not a keyword, not an answer the bot waits for, not after STOP, not while an officer
    holds the conversation, not a message without words, and not a short message after
    earlier ones (it may be a follow-up, decided on its reading before Rasa answers)."""
    conversation = message.conversation
    return (
        has_words(message.body)
        and match(message.body) is None
        and conversation.awaiting is None
        and not conversation.person.opted_out
        and ownership.bot_may_answer(conversation)
        and not _may_be_a_follow_up(session, message, history)
    )


def _may_be_a_follow_up(
    session: Session, message: Message, history: RecentInbound | None = None
) -> bool:
    if len(words(message.body).split()) > LONG_FOLLOW_UP_MAX_WORDS:
        return False
    wrote = history.wrote_before(message.id) if history is not None else None
    if wrote is not None:
        return wrote
    earlier = select(Message.id).where(
        Message.conversation_id == message.conversation_id,
        Message.direction == Direction.INBOUND,
        Message.id < message.id,
    )
    return session.scalar(earlier.limit(1)) is not None


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def is_small_talk(reading: NluReading | None) -> bool:
    """Read clearly as thanks or a goodbye: never a place ("hola, estoy en texas" is one)."""
    if reading is None:
        return False
    intent, confidence = reading.best_topic()
    return intent in SMALL_TALK and (confidence or 0.0) >= SMALL_TALK_CONFIDENCE


def holds(message: Message, claim: Claim | None) -> bool:
    """Whether this turn may still be recorded: unclaimed and new, or claimed by `claim`."""
    if claim is None:
        return message.state == ProcessingState.RECEIVED
    return message.state == ProcessingState.PROCESSING and message.claim_token == claim.token


class Dialogue:
    """The pipeline's steps for one stored message; each step is a method or a module."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        rasa: RasaClient,
        languages: LanguageChooser,
        urgency: UrgencyRule,
        knowledge: KnowledgeBase | None = None,
        *,
        usual_wait_hours: int | None = None,
    ) -> None:
        self._factory = factory
        self._rasa = rasa
        self._languages = languages
        self._urgency = urgency
        self._kb = knowledge
        self._index = ArticleIndex(knowledge) if knowledge is not None else None
        self._local = LocalTurns(knowledge)
        self._handover = HandOver(knowledge, usual_wait_hours)
        topics = frozenset(knowledge.topics) if knowledge is not None else frozenset()
        self._thread_topics = topics - NOT_THREAD_TOPICS

    def read_ahead(self, body: str) -> EarlyReading:
        """Start the detect step on a stored message's text before its turn (the worker, as a
        webhook hands the message over): Rasa reads it while the message is claimed and its
        conversation loaded, instead of after."""
        text = nlu_text(body)
        return EarlyReading(text, asyncio.create_task(self.detect(text)))

    async def handle(
        self, message_id: int, claim: Claim | None = None, early: EarlyReading | None = None
    ) -> TurnResult:
        ahead: EarlyReading | None = None
        session = self._factory()
        try:
            message = self._load(session, message_id)
            if not holds(message, claim):
                return stored_result(session, message)
            text = nlu_text(message.body)
            ahead = early if early is not None and early.text == text else None
            # The conversation's recent inbound messages, read once for the session's
            # questions about them (follow-up, thread, programme): conversations/history.py.
            history = RecentInbound(session, message.conversation_id)
            as_written = goes_to_the_dialogue_as_written(session, message, history)
            reading: NluReading | None = None
            urgency: UrgencyCheck | None = None
            if ahead is not None and ahead.task.done():
                reading, urgency = _detected(ahead.task.result(), as_written)
            elif not as_written:
                # The detect step. A message that Rasa's dialogue will read as written is read
                # once, by that call (with the reading started ahead of the turn, or by the
                # channel's own NLU); any other message (a keyword, an awaited answer, a
                # conversation an officer holds, STOP) is read before its turn is decided,
                # with no transaction open while Rasa reads it.
                session.close()
                reading, urgency = await (ahead.task if ahead is not None else self.detect(text))
                session = self._factory()
                message = self._load(session, message_id)
                if not holds(message, claim):
                    return stored_result(session, message)
                history = RecentInbound(session, message.conversation_id)
            # What NLU read decides nothing in a message the dialogue reads as written: it
            # only spares the dialogue reading it again, and gives the urgency check.
            heard = None if as_written else reading
            conversation = message.conversation
            ownership.reopen_if_closed(session, conversation)
            local = self._local.handle(session, message, is_small_talk(heard))
            if local is not None and local.erased:
                session.commit()  # the message is gone with the rest; the confirmation is queued
                return TurnResult(
                    message_id, local.language, None, None, False, False, None, local.texts
                )
            request = self._rasa_request(
                session, conversation, message, local, heard, urgency, history
            )
            answered_here = (local is not None and local.replay is None) or not (
                ownership.bot_may_answer(conversation) and not request.choice.unsupported
            )
            if urgency is not None and answered_here:
                result = self._record_here(session, message, local, request, urgency, reading)
                session.commit()
                return result
            session.commit()
        finally:
            session.close()
        if urgency is None and ahead is not None:
            reading, urgency = _detected(await ahead.task, as_written)
        if urgency is None and (answered_here or request.text != text):
            reading, urgency = await self.detect(text)  # the dialogue will not read it as written
        turn = None
        if not answered_here and not (reading is None and urgency is not None and has_words(text)):
            turn = await self._answer(request, reading)
        if urgency is None:
            urgency = self._urgency_of_turn(turn, text)
        with self._factory() as session:
            message = self._load(session, message_id)
            if not holds(message, claim):
                log.warning("claim lost before recording", extra={"message_id": message_id})
                return stored_result(session, message)
            if answered_here:
                result = self._record_here(session, message, local, request, urgency, reading)
            else:
                result = self._record(session, message, request, turn, urgency, reading)
            session.commit()
        log.info("inbound processed", extra={"message_id": message_id, "topic": result.topic})
        return result

    def _record_here(
        self,
        session: Session,
        message: Message,
        local: LocalTurn | None,
        request: RasaRequest,
        urgency: UrgencyCheck,
        reading: NluReading | None,
    ) -> TurnResult:
        """Record a message the app answered itself or held for the officer."""
        if local is not None and local.replay is None:
            if local.urgent:
                urgency = urgency.said_by_person()
            escalated = local.escalate is not None or urgency.urgent
            quiet = local.bypass_opt_out or message.conversation.person.opted_out
            told = Told("")
            if escalated:
                told = self._handover.queue(
                    session, message, local.escalate, urgency.urgent, local.language, tell=not quiet
                )
            if urgency.urgent and not local.bypass_opt_out:
                local.texts = self._urgent_reply(message, local.language, told.team) + local.texts
            if not quiet:
                local.texts = self._with_owed(
                    session, message, local.language, [*local.texts, *told.texts], urgency.urgent
                )
            log.info("inbound answered locally", extra={"message_id": message.id})
            return _record_local(session, message, local, urgency, escalated)
        return self._record(session, message, request, None, urgency, reading)

    def _urgency_of_turn(self, turn: RasaTurn | None, text: str) -> UrgencyCheck:
        """The detect step's check, on what Rasa's NLU read in the message it answered."""
        if not has_words(text):
            return UrgencyRule.unknown("no words to read", text)
        if turn is None:
            return UrgencyRule.unknown("the language model is unavailable", text)
        reading = NluReading(text, turn.intent, turn.confidence, turn.ranking, {})
        return self._urgency.assess(text, *reading.best_topic(), turn.urgency)

    async def detect(self, text: str) -> tuple[NluReading | None, UrgencyCheck]:
        """The detect step: what NLU reads in the text and whether it signals danger."""
        if not has_words(text):
            return None, UrgencyRule.unknown("no words to read")
        try:
            reading = await self._rasa.read(text)
        except RasaUnavailable:
            return None, UrgencyRule.unknown("the language model is unavailable", text)
        return reading, self._urgency.assess(text, *reading.best_topic(), reading.urgency)

    async def _answer(self, request: RasaRequest, reading: NluReading | None) -> RasaTurn | None:
        """Rasa's turn; None when Rasa does not answer."""
        try:
            return await self._rasa.send(request.sender_id, request.text, request.metadata, reading)
        except RasaUnavailable:
            return None

    @staticmethod
    def _load(session: Session, message_id: int) -> Message:
        message = session.get(Message, message_id, options=WITH_CONVERSATION)
        if message is None:
            raise LookupError(f"message {message_id} not found")
        return message

    def _rasa_request(
        self,
        session: Session,
        conversation: Conversation,
        message: Message,
        local: LocalTurn | None,
        reading: NluReading | None,
        urgency: UrgencyCheck | None,
        history: RecentInbound | None = None,
    ) -> RasaRequest:
        # The person answered the bot about their question ("which country?", "is it about
        # 1, 2 or 3?"): Rasa gets that question again, now with the country known or the
        # topic chosen, and answers it as if it had been asked that way.
        replay = local.replay if local is not None else None
        if replay is None and not (
            urgency is not None and urgency.urgent and not urgency.only_classifier
        ):
            # (a follow-up only the classifier read as danger gets the offer: see _record)
            replay = self._follow_up(session, conversation, message, reading, history)
        question = replay.body if replay is not None else message.body
        _remember_places(conversation, question)
        choice = self._languages.choose(question, conversation.person.language)
        if local is None or not local.keeps_language:
            conversation.person.language = choice.language
        metadata = _rasa_metadata(conversation, question, choice.language)
        metadata["origin"] = (
            metadata["origin"] or self._thread_origin(session, message, history) or ""
        )
        metadata["programme"] = programme_of(session, conversation, question, history) or ""
        # The question is set where the person comes from ("…la oficina en tegucigalpa",
        # "cuando vuelva a colombia"): that origin's article before the destination's.
        metadata["at_origin"] = (
            "1"
            if placed_at_origin(question, metadata["origin"] or None)
            or origin_gone_back_to(question)
            else ""
        )
        metadata["question"] = normalize_for_nlu(question)
        # What the person wrote this turn, when the question answered is an earlier one ("he
        # is from guatemala" brings the thread's question back): a statement is thanked as such.
        metadata["said"] = normalize_for_nlu(message.body) if replay is not None else ""
        metadata["follow_up"] = "1" if replay is not None and replay.follow_up else ""
        # What the classifier read in a follow-up's own words, sent as the thread's topic.
        metadata["read"] = (
            (reading.best_topic()[0] or "")
            if replay is not None and replay.follow_up and reading is not None
            else ""
        )
        # The bot already asked about this thread and got no answer: it answers as it can.
        metadata["asked"] = "1" if replay is not None and replay.asked else ""
        # The article the thread is on: a follow-up stays on it unless its words need another.
        metadata["article"] = (replay.article_id if replay is not None else None) or ""
        # The article the thread was last answered with and its parts already sent: a
        # follow-up that gets it again is answered with a part not sent yet.
        metadata["answered"], metadata["sent"] = what_was_sent(
            session, conversation, message, self._kb, self._thread_topics, choice.language, history
        )
        return RasaRequest(
            sender_id=conversation.public_id,
            text=_rasa_text(question, replay),
            metadata=metadata,
            choice=choice,
            replay=replay,
        )

    def _thread_origin(
        self, session: Session, message: Message, history: RecentInbound | None = None
    ) -> str | None:
        """The one origin the thread's last article was written for ("necesito mi matricula"
        got Mexico's): the next question on the thread is not asked where the person is from.
        Read for this turn only, never kept: the person may be asking for someone else."""
        if self._kb is None:
            return None
        last = thread_topic(session, message.conversation, message, self._thread_topics, history)
        article = self._kb.article(last.article_id) if last and last.article_id else None
        origins = article.countries.origin if article is not None else ()
        return origins[0] if len(origins) == 1 else None

    def _follow_up(
        self,
        session: Session,
        conversation: Conversation,
        message: Message,
        reading: NluReading | None,
        history: RecentInbound | None = None,
    ) -> Replay | None:
        """A short message the classifier cannot place ("cuanto cuesta?", "can i text?") is
        answered on the thread's topic, with its own words to choose the article."""
        if reading is None or not self._thread_topics:
            return None
        previous = thread_topic(session, conversation, message, self._thread_topics, history)
        if previous is None or previous.topic is None:
            return None
        told = programme_told(message, previous)
        if told is not None:
            _remember_places(conversation, message.body)  # "en wenachi washington. trae la h2a"
            return told
        intent, confidence = reading.best_topic()
        if asks_a_person_for_help(message.body, intent) or asks_to_be_contacted(message.body):
            return Replay(message.id, message.body, HUMAN_TOPIC)
        # The message's words as the article search reads them, for the three questions
        # below (clearly, leaning, weak): searched once.
        words = self._words_read(conversation, message, previous, intent)
        job = relatives_job(
            intent,
            previous.topic,
            self._clearly_in_the_topic_read(words, previous, intent),
        )
        if job is not None:
            # "he says they take 200 dollars from every check for the housing" after "my
            # husband works on a farm in north carolina": pay, read afresh for that place.
            return Replay(message.id, message.body, job)
        earlier = self._topics_before(session, conversation, previous, history)
        if returns_to_an_earlier_subject(intent, confidence, previous.topic, earlier):
            return None  # back to an earlier subject: read as written
        # Read as the thread's own topic, a message is a new question on it, chosen afresh.
        on_thread = reading.confidence_of(previous.topic) if intent != previous.topic else 0.0
        if not is_follow_up(
            message.body,
            intent,
            confidence,
            on_thread,
            self._leans_on_the_thread(words, conversation, message, previous, intent),
            self._weak_in_the_topic_read(words, previous, intent),
        ) and not complains_on_the_thread(message.body, intent, confidence, previous.topic):
            return None
        asked = conversation.pending_message_id == previous.id or _asked_on_the_thread(
            session, conversation, previous
        )
        complaint = complaint_follow_up(message.body, previous.topic)
        if complaint is not None and complaint in self._thread_topics:
            # Where to complain about the thread's matter: the complaints topic, for the same
            # person and place, with its article chosen by the message's own words.
            return Replay(message.id, message.body, complaint, follow_up=True, asked=asked)
        return Replay(
            message.id,
            message.body,
            previous.topic,
            follow_up=True,
            asked=asked,
            article_id=previous.article_id,
        )

    def _topics_before(
        self,
        session: Session,
        conversation: Conversation,
        thread: Message,
        history: RecentInbound | None = None,
    ) -> set[str]:
        """The knowledge-base topics of the person's messages before the thread's."""
        if history is not None:
            earlier = [message.topic for message in history.messages() if message.id < thread.id]
        else:
            earlier = list(
                session.scalars(
                    select(Message.topic).where(
                        Message.conversation_id == conversation.id,
                        Message.direction == Direction.INBOUND,
                        Message.id < thread.id,
                    )
                )
            )
        return {topic for topic in earlier if topic in self._thread_topics}

    def _words_read(
        self, conversation: Conversation, message: Message, previous: Message, intent: str | None
    ) -> WordsRead | None:
        """The message's words searched in the knowledge base, when a question about them is
        asked at all: only of a topic read that is the knowledge base's and not the thread's
        (otherwise each of the three answers no without searching)."""
        if self._kb is None or self._index is None:
            return None
        if intent is None or intent == previous.topic or intent not in self._kb.topics:
            return None
        language = self._languages.choose(message.body, conversation.person.language).language
        return read_words(self._index, message.body, language)

    def _weak_in_the_topic_read(
        self, words: WordsRead | None, previous: Message, intent: str | None
    ) -> bool:
        """Whether the message's words do not hold the topic read against the thread's."""
        if self._kb is None or words is None or intent == previous.topic:
            return False
        return weak_in_the_topic_read(words, self._kb, intent, previous.topic)

    def _clearly_in_the_topic_read(
        self, words: WordsRead | None, previous: Message, intent: str | None
    ) -> bool:
        """Whether the message's words clearly name the topic read, far ahead of the thread's."""
        if self._kb is None or words is None:
            return False
        return clearly_in_the_topic_read(words, self._kb, intent, previous.topic)

    def _leans_on_the_thread(
        self,
        words: WordsRead | None,
        conversation: Conversation,
        message: Message,
        previous: Message,
        intent: str | None,
    ) -> bool:
        """Whether the message's few words are the thread's article's more than the topic read
        (among the articles that could answer the person: their place and origin as known)."""
        if self._kb is None or words is None or intent == previous.topic:
            return False
        person, text = conversation.person, message.body
        named_destination, named_origin = mentioned_country(text), mentioned_origin(text)
        destination = named_destination or person.country_destination
        origin = named_origin or person.country_origin
        # Pointing back, and naming no place but the person's own ("y eso se hace en el
        # consulado o alla en lima?" from a Peruvian): nothing in it sets a new situation.
        elliptic = refers_back(text) and (
            named_destination in (None, person.country_destination)
            and named_origin in (None, person.country_origin)
        )
        return leans_on_the_thread(
            words,
            self._kb,
            previous.article_id,
            intent,
            destination=destination,
            origin=origin,
            elliptic=elliptic,
        )

    def _record(
        self,
        session: Session,
        message: Message,
        request: RasaRequest,
        turn: RasaTurn | None,
        urgency: UrgencyCheck,
        reading: NluReading | None,
    ) -> TurnResult:
        conversation = message.conversation
        language: str = request.choice.language
        texts: list[str] = []
        understanding = NOTHING_UNDERSTOOD
        if not ownership.bot_may_answer(conversation):
            pass  # an officer holds the conversation; the message waits in the admin queue
        elif request.choice.unsupported:
            texts = [TEXTS.translate(language, UNSUPPORTED_LANGUAGE)]
        elif turn is None or not turn.texts:
            # Rasa down, or a turn that produced no reply (a failed action): never leave the
            # person without an answer.
            texts = [TEXTS.translate(language, APOLOGY)]
            understanding = Understanding(None, None, None, RASA_UNAVAILABLE, None)
        else:
            texts = turn.texts
            understanding = _understand(turn)
            _remember_what_was_asked(conversation, message, understanding, request.replay)
            if understanding.language:
                conversation.person.language = language = understanding.language
            follow_up = request.replay is not None and request.replay.follow_up
            read = (urgency.evidence.get("topic"), urgency.evidence.get("confidence"))
            if not follow_up and (understanding.topic, understanding.confidence) != read:
                # Rasa answered another question than the text (a chosen topic, a question
                # brought back): that question is checked too, with the topic Rasa read.
                question = request.replay.body if request.replay else message.body
                urgency = urgency.combined(
                    self._urgency.assess(
                        normalize_for_nlu(question), understanding.topic, understanding.confidence
                    )
                )
            if follow_up and urgency.only_classifier:
                # A follow-up means what its thread means ("y los muebles me los dejan
                # pasar?"), and the classifier reads it without the thread: its reading alone
                # offers URGENT instead of deciding. The patterns still decide on it.
                urgency = urgency.offered_on_a_thread()
        escalated = understanding.escalate is not None or urgency.urgent
        quiet = conversation.person.opted_out
        told = Told("")
        if escalated:
            told = self._handover.queue(
                session, message, understanding.escalate, urgency.urgent, language, tell=not quiet
            )
            if understanding.escalate not in (None, RASA_UNAVAILABLE) and told.texts:
                # The hand-over's own message replaces the bot's "I'm passing you on": one
                # message that says who has the case and what happens next, then the question.
                # (With Rasa down, the apology stays: it says why the bot did not answer.)
                texts = []
            elif understanding.escalate not in (None, RASA_UNAVAILABLE) and told.already:
                # Asked again while the case is open: not passed on a second time, told that
                # it already is, as the HUMAN keyword says.
                texts = [TEXTS.translate(language, ALREADY_WITH_HUMAN)]
        if urgency.urgent:
            # Help before anything else, whoever holds the conversation: the lines to call and
            # that a human has it. The bot's own answer would only push them down, unless it
            # is a tool for this danger (a detained or missing relative's article) or only the
            # classifier read danger in a question the article answers. The bot's question
            # where the person is or comes from stays whoever read danger: the help lines
            # for every country come first, and the answer can then be for that place
            # ("i cut my hand bad at the meat plant…" then "lleida, in catalonia").
            kept = (
                keeps_answer(understanding.topic, understanding.article_id)
                or (urgency.only_classifier and understanding.answers_itself)
                or understanding.asks_where
            )
            answer = texts if kept else []
            texts = [*self._urgent_reply(message, language, told.team), *answer]
        possible_danger = urgency.possible and bool(texts) and not urgency.urgent
        if possible_danger:
            texts = [*texts, TEXTS.translate(language, DANGER_CHECK)]
        if not quiet:
            texts = self._with_owed(
                session, message, language, [*texts, *told.texts], urgency.urgent
            )
        message.language = language
        message.topic = understanding.topic
        message.confidence = understanding.confidence
        message.article_id = understanding.article_id
        _finish(message, urgency, escalated)
        queued = send_to_person(session, conversation, texts, Purpose.REPLY, in_reply_to=message)
        release_held_replies(session, conversation)  # the person wrote: the window is open
        return TurnResult(
            message.id,
            language,
            message.topic,
            message.confidence,
            urgency.urgent,
            escalated,
            message.article_id,
            [reply.body for reply in queued],
            possible_danger=possible_danger,
        )

    def _urgent_reply(self, message: Message, language: str, team: str) -> list[str]:
        where = mentioned_country(message.body) or message.conversation.person.country_destination
        return urgent_reply(self._kb, language, where, team or None)

    @staticmethod
    def _with_owed(
        session: Session, message: Message, language: str, texts: list[str], urgent: bool
    ) -> list[str]:
        """A change of hands the person was not told yet goes with this reply: before it, or
        after the help lines when the message signals danger (help comes first)."""
        owed = take_owed(session, message.conversation, language)
        return [*texts, *owed] if urgent else [*owed, *texts]


def _understand(turn: RasaTurn) -> Understanding:
    facts: dict[str, Any] = {}
    for payload in turn.custom:
        facts.update(payload.get("enlace") or {})
    reading = NluReading("", turn.intent, turn.confidence, turn.ranking, {})
    topic, confidence = reading.best_topic()
    if facts.get("topic"):
        topic = facts["topic"]
    return Understanding(
        topic=topic,
        confidence=confidence,
        article_id=facts.get("article_id"),
        escalate=facts.get("escalate"),
        language=facts.get("language"),
        ask_country=bool(facts.get("ask_country")),
        ask_origin=bool(facts.get("ask_origin")),
        offer=tuple(facts.get("offer") or ()),
    )


def _rasa_metadata(conversation: Conversation, question: str, language: str) -> dict[str, str]:
    """The slots the app decides for this turn.

    A country the question names wins for it ("con la h2a…" is about the US whatever the
    person said before); otherwise where the person said they work. The same for where they
    come from. Always sent, empty when unknown, so Rasa's slots never keep a stale value.
    """
    person = conversation.person
    country = mentioned_country(question) or person.country_destination
    named = mentioned_origin(question)
    if named is not None and named == country and person.country_origin not in (None, named):
        # A place of the country the person works in, who said they come from elsewhere,
        # is where they are or go ("y esa tarjeta sirve si me quiero ir pa cancun?" from a
        # Guatemalan in Chiapas), not a new origin: Mexico is both.
        named = None
    origin = named or origin_gone_back_to(question) or person.country_origin
    return {
        "language": language,
        "channel": conversation.channel.value,
        "country": country or "",
        "origin": origin or "",
    }


def _asked_on_the_thread(session: Session, conversation: Conversation, thread: Message) -> bool:
    """Whether the bot already asked the person about an earlier message on the thread's
    topic ("which country?" after "i got hurt at the mine") and the answer did not settle
    it: a later follow-up on the same topic is answered as well as it can be, never asked
    the same question again."""
    if conversation.pending_message_id is None:
        return False
    pending = session.get(Message, conversation.pending_message_id)
    return (
        pending is not None
        and pending.conversation_id == conversation.id
        and pending.id < thread.id
        and pending.topic == thread.topic
    )


def _remember_places(conversation: Conversation, question: str) -> None:
    """Where the person said they work or come from, kept for the rest of the conversation
    when nothing was known: "my boss dont pay overtime, im in texas" then "who do i call?"."""
    person = conversation.person
    person.country_destination = person.country_destination or mentioned_country(question)
    person.country_origin = person.country_origin or mentioned_origin(question)


def _rasa_text(question: str, replay: Replay | None) -> str:
    """What Rasa is sent: the normalised text, or the intent the person chose for it.

    Only the app sends "/intent" (Rasa's way of naming the intent outright); a person's own
    leading slashes are dropped so that nobody can pick an intent by typing one.
    """
    if replay is not None and replay.topic:
        return f"/{replay.topic}"
    return nlu_text(question)


def _remember_what_was_asked(
    conversation: Conversation,
    message: Message,
    understanding: Understanding,
    replay: Replay | None,
) -> None:
    """The bot asked the person something about their question: keep which question it was."""
    if understanding.offer:
        await_answer(conversation, "offer")
    elif understanding.ask_country:
        await_answer(conversation, "country")
    elif understanding.ask_origin:
        await_answer(conversation, "origin")
    else:
        return
    conversation.pending_message_id = replay.message_id if replay is not None else message.id
    conversation.pending_topic = replay.topic if replay is not None else None
    conversation.offered_topics = list(understanding.offer) or None


def _finish(message: Message, urgency: UrgencyCheck, escalated: bool) -> None:
    message.urgent, message.urgency_evidence = urgency.urgent, urgency.evidence
    message.escalated = escalated
    message.state, message.processed_at = ProcessingState.PROCESSED, utcnow()
    message.claim_token = message.lease_until = None


def _record_local(
    session: Session, message: Message, turn: LocalTurn, urgency: UrgencyCheck, escalated: bool
) -> TurnResult:
    """Record a turn the app answered itself (see local_turns) and queue its replies."""
    conversation = message.conversation
    message.language, message.topic = turn.language, turn.topic
    message.article_id = turn.article_id
    _finish(message, urgency, escalated)
    purpose = Purpose.OPT_OUT_CONFIRMATION if turn.bypass_opt_out else Purpose.REPLY
    queued = send_to_person(session, conversation, turn.texts, purpose, in_reply_to=message)
    release_held_replies(session, conversation)  # after a STOP, held replies stay held
    replies = [reply.body for reply in queued]
    return TurnResult(
        message.id,
        turn.language,
        turn.topic,
        None,
        urgency.urgent,
        escalated,
        turn.article_id,
        replies,
    )


def stored_result(session: Session, message: Message) -> TurnResult:
    """How an already answered message was answered (a retry, another worker's turn)."""
    replies = session.scalars(
        select(Message.body).where(Message.in_reply_to_id == message.id).order_by(Message.id)
    )
    return TurnResult(
        message.id,
        message.language,
        message.topic,
        message.confidence,
        message.urgent,
        message.escalated,
        message.article_id,
        list(replies),
        recorded=False,
        possible_danger=_possible_danger(message),
    )


def _possible_danger(message: Message) -> bool:
    classifier = (message.urgency_evidence or {}).get("classifier") or {}
    return bool(classifier.get("urgent")) and not classifier.get("decides") and not message.urgent
