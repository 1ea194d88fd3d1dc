"""One inbound message, understood and answered: language, Rasa, what was understood, replies."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from channels.outbox import queue_replies
from conversations.awaiting import Replay, await_answer
from conversations.language import LanguageChoice, LanguageChooser
from conversations.local_turns import LocalTurn, LocalTurns
from conversations.places import mentioned_country, mentioned_origin
from conversations.rasa_client import RasaClient, RasaTurn, RasaUnavailable
from conversations.texts import APOLOGY, TEXTS, UNSUPPORTED_LANGUAGE
from core.models import (
    Author,
    Case,
    Conversation,
    ConversationStatus,
    Message,
    ProcessingState,
    utcnow,
)
from core.text import normalize_for_nlu
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"
URGENT_PRIORITY = 100


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


class Dialogue:
    """Owns who answers a conversation: the bot, or (after a hand-over) nobody automatic."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        rasa: RasaClient,
        languages: LanguageChooser,
        urgent_topics: frozenset[str],
        confidence_threshold: float,
        knowledge: KnowledgeBase | None = None,
    ) -> None:
        self._factory = factory
        self._rasa = rasa
        self._languages = languages
        self._urgent_topics = urgent_topics
        self._threshold = confidence_threshold
        self._local = LocalTurns(knowledge)

    async def handle(self, message_id: int) -> TurnResult:
        with self._factory() as session:
            message = session.get(Message, message_id)
            if message is None:
                raise LookupError(f"message {message_id} not found")
            if message.state != ProcessingState.RECEIVED:
                return _stored_result(session, message)
            local = self._local.handle(session, message)
            if local is not None and local.replay is None:
                result = _record_local(session, message_id, message, local)
                session.commit()
                log.info("inbound answered locally", extra={"message_id": message_id})
                return result
            # The person answered the bot about their question ("which country?", "is it
            # about 1, 2 or 3?"): Rasa gets that question again, now with the country known
            # or the topic chosen, and answers it as if it had been asked that way.
            replay = local.replay if local is not None else None
            question = replay.body if replay is not None else message.body
            conversation = message.conversation
            choice = self._languages.choose(question, conversation.person.language)
            conversation.person.language = choice.language
            metadata = _rasa_metadata(conversation, question, choice.language)
            sender_id, text = conversation.public_id, _rasa_text(question, replay)
            bot_may_answer = conversation.status != ConversationStatus.WITH_HUMAN
            session.commit()

        turn: RasaTurn | None = None
        if bot_may_answer and not choice.unsupported:
            try:
                turn = await self._rasa.send(sender_id, text, metadata)
            except RasaUnavailable:
                turn = None
        with self._factory() as session:
            message = session.get_one(Message, message_id)
            result = self._record(session, message, choice, turn, bot_may_answer, replay)
            session.commit()
        log.info("inbound processed", extra={"message_id": message_id, "topic": result.topic})
        return result

    def _record(
        self,
        session: Session,
        message: Message,
        choice: LanguageChoice,
        turn: RasaTurn | None,
        bot_may_answer: bool,
        replay: Replay | None = None,
    ) -> TurnResult:
        conversation = message.conversation
        language: str = choice.language
        texts: list[str] = []
        understanding = Understanding(None, None, None, None, None)
        if not bot_may_answer:
            pass  # an officer owns the conversation; the message waits in the admin queue
        elif choice.unsupported:
            texts = [TEXTS.translate(language, UNSUPPORTED_LANGUAGE)]
        elif turn is None or not (turn.texts or turn.paused):
            # Rasa down, or a turn that produced no reply (a failed action): never leave the
            # person without an answer.
            texts = [TEXTS.translate(language, APOLOGY)]
            understanding = Understanding(None, None, None, "rasa_unavailable", None)
        else:
            texts = turn.texts
            understanding = self._understand(turn)
            _remember_what_was_asked(conversation, message, understanding, replay)
            if understanding.language:
                conversation.person.language = language = understanding.language
        urgent = self._is_urgent(understanding)
        escalated = understanding.escalate is not None or urgent
        if escalated:
            _hand_over(session, conversation, understanding.escalate or "urgent", urgent)
        message.language = language
        message.topic = understanding.topic
        message.confidence = understanding.confidence
        message.article_id = understanding.article_id
        message.urgent = urgent
        message.escalated = escalated
        message.state = ProcessingState.PROCESSED
        message.processed_at = utcnow()
        queued = queue_replies(session, conversation, texts, Author.BOT, in_reply_to=message)
        replies = [reply.body for reply in queued]
        return TurnResult(
            message.id,
            language,
            message.topic,
            message.confidence,
            urgent,
            escalated,
            message.article_id,
            replies,
        )

    def _understand(self, turn: RasaTurn) -> Understanding:
        facts: dict[str, Any] = {}
        for payload in turn.custom:
            facts.update(payload.get("enlace") or {})
        topic, confidence = turn.intent, turn.confidence
        if topic == FALLBACK_INTENT:
            best = next((r for r in turn.ranking if r.get("name") != FALLBACK_INTENT), None)
            topic, confidence = (best["name"], best["confidence"]) if best else (None, None)
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

    def _is_urgent(self, understanding: Understanding) -> bool:
        """Interim rule until per-message urgency detection: a confident urgent-capable topic."""
        return (
            understanding.topic in self._urgent_topics
            and (understanding.confidence or 0.0) >= self._threshold
        )


def _rasa_metadata(conversation: Conversation, question: str, language: str) -> dict[str, str]:
    """The slots the app decides for this turn.

    A country the question names wins for it ("con la h2a…" is about the US whatever the
    person said before); otherwise where the person said they work. The same for where they
    come from. Always sent, empty when unknown, so Rasa's slots never keep a stale value.
    """
    person = conversation.person
    country = mentioned_country(question) or person.country_destination
    origin = mentioned_origin(question) or person.country_origin
    return {
        "language": language,
        "channel": conversation.channel.value,
        "country": country or "",
        "origin": origin or "",
    }


def _rasa_text(question: str, replay: Replay | None) -> str:
    """What Rasa is sent: the normalised text, or the intent the person chose for it.

    Only the app sends "/intent" (Rasa's way of naming the intent outright); a person's own
    leading slashes are dropped so that nobody can pick an intent by typing one.
    """
    if replay is not None and replay.topic:
        return f"/{replay.topic}"
    return normalize_for_nlu(question).lstrip("/ ")


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


def _hand_over(session: Session, conversation: Conversation, reason: str, urgent: bool) -> None:
    """Open (or raise) the conversation's case so a consular officer sees it in the queue."""
    if conversation.status == ConversationStatus.BOT:
        conversation.status = ConversationStatus.WAITING_HUMAN
    conversation.urgent = conversation.urgent or urgent
    case = session.scalar(
        select(Case).where(Case.conversation_id == conversation.id, Case.closed_at.is_(None))
    )
    priority = URGENT_PRIORITY if urgent else 10
    if case is None:
        session.add(Case(conversation_id=conversation.id, reason=reason, priority=priority))
    elif priority > case.priority:
        case.priority, case.reason = priority, reason


def _record_local(
    session: Session, message_id: int, message: Message, turn: LocalTurn
) -> TurnResult:
    """Record a turn the app answered itself (see local_turns) and queue its replies."""
    if turn.erased:  # the message is gone with the rest; only the confirmation remains
        return TurnResult(message_id, turn.language, None, None, False, False, None, turn.texts)
    conversation = message.conversation
    if turn.escalate:
        _hand_over(session, conversation, turn.escalate, urgent=False)
    message.language, message.topic = turn.language, turn.topic
    message.article_id, message.escalated = turn.article_id, turn.escalate is not None
    message.state, message.processed_at = ProcessingState.PROCESSED, utcnow()
    queued = queue_replies(
        session,
        conversation,
        turn.texts,
        Author.BOT,
        in_reply_to=message,
        bypass_opt_out=turn.bypass_opt_out,
    )
    replies = [reply.body for reply in queued]
    escalated, article_id = message.escalated, turn.article_id
    return TurnResult(
        message.id, turn.language, turn.topic, None, False, escalated, article_id, replies
    )


def _stored_result(session: Session, message: Message) -> TurnResult:
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
    )
