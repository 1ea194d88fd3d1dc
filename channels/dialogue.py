"""One inbound message, understood and answered: language, Rasa, what was understood, replies."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from admin.models import Case
from channels.outbox import enqueue_reply
from channels.rasa_client import RasaClient, RasaTurn, RasaUnavailable
from channels.replies import APOLOGY, UNSUPPORTED_LANGUAGE, for_channel
from core.language import LanguageChoice, LanguageChooser
from core.models import (
    Author,
    Conversation,
    ConversationStatus,
    Message,
    ProcessingState,
    utcnow,
)
from core.text import normalize_for_nlu

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


class Dialogue:
    """Owns who answers a conversation: the bot, or (after a hand-over) nobody automatic."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        rasa: RasaClient,
        languages: LanguageChooser,
        urgent_topics: frozenset[str],
        confidence_threshold: float,
    ) -> None:
        self._factory = factory
        self._rasa = rasa
        self._languages = languages
        self._urgent_topics = urgent_topics
        self._threshold = confidence_threshold

    async def handle(self, message_id: int) -> TurnResult:
        with self._factory() as session:
            message = session.get(Message, message_id)
            if message is None:
                raise LookupError(f"message {message_id} not found")
            if message.state != ProcessingState.RECEIVED:
                return _stored_result(session, message)
            conversation = message.conversation
            choice = self._languages.choose(message.body, conversation.person.language)
            conversation.person.language = choice.language
            metadata = {"language": choice.language, "channel": conversation.channel.value}
            sender_id, text = conversation.public_id, message.body
            bot_may_answer = conversation.status != ConversationStatus.WITH_HUMAN
            session.commit()

        turn: RasaTurn | None = None
        if bot_may_answer and not choice.unsupported:
            try:
                turn = await self._rasa.send(sender_id, normalize_for_nlu(text), metadata)
            except RasaUnavailable:
                turn = None
        with self._factory() as session:
            message = session.get_one(Message, message_id)
            result = self._record(session, message, choice, turn, bot_may_answer)
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
    ) -> TurnResult:
        conversation = message.conversation
        language = choice.language
        texts: list[str] = []
        understanding = Understanding(None, None, None, None, None)
        if not bot_may_answer:
            pass  # an officer owns the conversation; the message waits in the admin queue
        elif choice.unsupported:
            texts = [UNSUPPORTED_LANGUAGE[language]]
        elif turn is None:
            texts = [APOLOGY[language]]
            understanding = Understanding(None, None, None, "rasa_unavailable", None)
        else:
            texts = turn.texts
            understanding = self._understand(turn)
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
        replies = [for_channel(text, conversation.channel) for text in texts]
        for reply in replies:
            enqueue_reply(session, conversation, reply, Author.BOT, in_reply_to=message)
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
        )

    def _is_urgent(self, understanding: Understanding) -> bool:
        """Interim rule until per-message urgency detection: a confident urgent-capable topic."""
        return (
            understanding.topic in self._urgent_topics
            and (understanding.confidence or 0.0) >= self._threshold
        )


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
