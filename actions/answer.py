"""Answers from the knowledge base: by topic, or by lexical search when the model is unsure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.choosing import (
    answered_for_others_only,
    clearly_better,
    depends_on_the_country,
    fits,
    general_only_if_singled_out,
    kept_article,
    not_for_the_named_origin,
    only_for_some_origins,
    singled_out_elsewhere,
    singled_out_for_an_origin,
    singled_out_origin,
)
from actions.follow_ups import last_reply, utter_answer
from actions.knowledge_access import Library
from actions.replies import TEXTS, language_of, report
from conversations.places import goes_home_unnamed, mentioned_origin
from conversations.situation import programme_named
from core.i18n import N_
from knowledge import Article, topic_label

# The texts are msgids of the actions' catalogs (English); TEXTS.translate gives them in the
# person's language. `make score` recognises the bot's first answers by them.
NO_ARTICLE: Final = N_(
    "I don't have reviewed information on that yet. Write HUMAN and a consular officer"
    " will answer you."
)

# Translators: the same, right after that line, for another question: never the same text
# twice in a row.
NO_ARTICLE_AGAIN: Final = N_(
    "I don't have reviewed information on that either. Write HUMAN and a consular officer"
    " will answer you."
)

ASK_COUNTRY: Final = N_(
    "To give you the right information: which country is this about? Write USA, Canada,"
    " Spain, Mexico, Chile or Argentina."
)

ASK_ORIGIN: Final = N_(
    "To give you the information for your country: where are you from? For example"
    " Mexico, Guatemala, Honduras, El Salvador, Colombia, Ecuador, Peru or Bolivia."
)

# Translators: above a numbered list of the topics the person may mean.
OFFER_QUESTION: Final = N_("I'm not sure I understood. Is it about one of these?")
# Translators: below that list.
OFFER_FOOTER: Final = N_("Reply with the number, or write HUMAN to talk to a person.")
# Added when a topic that can be urgent is among those offered: someone in danger who wrote
# unclearly must still learn, in this very reply, how to get help.
IF_IN_DANGER: Final = N_("If you are in danger, write HELP to see who to call.")
# Topics offered when unsure: the classifier's best ones with at least this probability.
OFFER_SIZE = 3
OFFER_MIN_CONFIDENCE = 0.05

# A lexical match answers only when it is strong and clearly ahead of the next article.
SEARCH_MIN_SCORE = 8.0
SEARCH_MIN_LEAD = 1.5


class ActionAnswerTopic(Action):
    def __init__(self, library: Library) -> None:
        self._library = library

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = (tracker.latest_message.get("intent") or {}).get("name") or ""
        language = language_of(tracker)
        destination, origin = tracker.get_slot("country"), tracker.get_slot("origin")
        programme = situation_of(tracker).programme
        kb = self._library.kb
        question = question_of(tracker)
        relevance = self._library.index.scores(question, language)
        article = kb.best_article(
            topic,
            origin=origin,
            destination=destination,
            relevance=relevance,
            programme=programme,
            origin_first=situation_of(tracker).at_origin,
        )
        if destination is None:
            article = (
                singled_out_elsewhere(
                    kb, topic, article, relevance, origin=origin, programme=programme
                )
                or article
            )
        if origin is None:
            article = (
                singled_out_for_an_origin(
                    kb, topic, article, relevance, destination=destination, programme=programme
                )
                or article
            )
        kept = self._kept_article(tracker, topic, destination, origin, programme)
        if kept is not None and not clearly_better(
            article,
            kept,
            relevance,
            destination=destination,
            origin=origin,
            programme_said=programme_named(question),
        ):
            # A follow-up on the thread ("y cuanto me va a costar?") stays on its article,
            # whose choice settled what the bot needed to know: nothing is asked again, and
            # what it sends is a part of that article not sent yet (actions/follow_ups.py).
            article = kept
        if not_for_the_named_origin(
            kb,
            topic,
            article,
            mentioned_origin(question),
            destination=destination,
            programme=programme,
        ):
            article = None
        other = self._other_subject(tracker, topic, language)
        if other is not None:
            # A follow-up in its own words names another subject clearly ("y lo de la casa?"
            # after a question on visas): answer that, for the same person and place.
            utter_answer(dispatcher, tracker, other, language, question, kb=kb)
            return []
        asked = situation_of(tracker).asked or (kept is not None and article is kept)
        # A follow-up kept on its thread's article is asked in few words, which match other
        # articles by chance: the thread settled whom the answer is for.
        for_others = (kept is None or article is not kept) and answered_for_others_only(
            kb,
            topic,
            article,
            relevance,
            destination=destination,
            origin=origin,
            programme=programme,
        )
        if for_others or (
            not destination
            and not asked
            and (
                depends_on_the_country(
                    kb, topic, article, relevance, origin=origin, programme=programme
                )
                or general_only_if_singled_out(
                    kb, topic, article, relevance, origin=origin, programme=programme
                )
            )
        ):
            article = None
        if (
            article is None
            and not destination
            and kb.needs_country(topic)
            and not asked
            and not for_others
        ):
            # Rights differ by country and no article fits everywhere: ask once, briefly.
            dispatcher.utter_message(text=TEXTS.translate(language, ASK_COUNTRY))
            report(dispatcher, topic=topic, ask_country=True)
            return []
        if (
            article is not None
            and not asked
            and self._should_ask_origin(article, origin, destination, relevance, question)
        ):
            dispatcher.utter_message(text=TEXTS.translate(language, ASK_ORIGIN))
            report(dispatcher, topic=topic, ask_origin=True)
            return []
        if article is None:
            self._utter_gap(dispatcher, tracker, topic, language, destination, origin)
            return []
        utter_answer(dispatcher, tracker, article, language, question, kb=kb)
        return []

    def _utter_gap(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        topic: str,
        language: str,
        destination: str | None,
        origin: str | None,
    ) -> None:
        """An honest gap: say so in one line, and who can help (the gap is counted for
        editors from the stored turn: see knowledge/unanswered.py). Right after a gap, the
        next one says "either", never the same text twice in a row."""
        lines = [TEXTS.translate(language, NO_ARTICLE)]
        contact = self._library.kb.gap_contact(topic, destination, origin)
        if contact is not None:
            lines.append(f"{contact.name.get(language)}: {contact.phone or contact.whatsapp}")
        if last_reply(tracker).startswith(lines[0]):
            lines[0] = TEXTS.translate(language, NO_ARTICLE_AGAIN)
        dispatcher.utter_message(text="\n".join(lines))
        report(dispatcher, topic=topic)

    def _other_subject(self, tracker: Tracker, topic: str, language: str) -> Article | None:
        """For a follow-up sent on the thread's topic, a clearly better article elsewhere, on
        the topic the classifier itself read first: the words alone share too much with
        neighbouring topics ("they also pay me less bc i eat there" is not forced labour)."""
        situation = situation_of(tracker)
        if not situation.follow_up:
            return None
        hit = clear_hit(self._library, tracker, language)
        if hit is None or hit.topic == topic or hit.topic != situation.read:
            return None
        # The article the thread was just answered with is no other subject: the app moved
        # the follow-up off it ("ok so for the bucket pay thing, where do i report it" after
        # the H-2A pay article goes to where to complain), and its words naming that article
        # say what the complaint is about, not that the person asks the same again.
        metadata = tracker.latest_message.get("metadata") or {}
        if hit.id == str(metadata.get("answered") or ""):
            return None
        return hit

    def _kept_article(
        self,
        tracker: Tracker,
        topic: str,
        destination: str | None,
        origin: str | None,
        programme: str | None,
    ) -> Article | None:
        if not situation_of(tracker).follow_up:
            return None
        metadata = tracker.latest_message.get("metadata") or {}
        return kept_article(
            self._library.kb,
            str(metadata.get("article") or ""),
            topic,
            destination=destination,
            origin=origin,
            programme=programme,
        )

    def _should_ask_origin(
        self,
        article: Article,
        origin: str | None,
        destination: str | None,
        relevance: dict[str, float],
        question: str,
    ) -> bool:
        """The best guess is written for some origins only, and the origin would change it;
        or the person wants to go back to their own country without naming it ("me quiero
        devolver a mi pais") and the topic has articles for some origins: what helps them at
        home is their country's, not the programmes of the country they leave.

        Never on a topic that can be urgent: a person in danger gets an answer, not a question;
        nor when the question's own words single the article out among those for other
        origins ("renovar mi dui" is about El Salvador's DUI).
        """
        kb = self._library.kb
        topic = kb.topics.get(article.topic)
        if origin is not None or (topic is not None and topic.urgent):
            return False
        return (
            (
                bool(article.countries.origin)
                and kb.needs_origin(article.topic, destination)
                and not singled_out_origin(article, kb.articles_for(article.topic), relevance)
            )
            or only_for_some_origins(kb, article.topic, article, relevance)
            or (
                goes_home_unnamed(question)
                and any(other.countries.origin for other in kb.articles_for(article.topic))
            )
        )


@dataclass(frozen=True)
class Situation:
    """What the app knows of the person beyond the slots (see conversations.situation)."""

    programme: str | None
    follow_up: bool  # the app sent a short follow-up on the thread's topic
    asked: bool  # the bot asked about this thread already: never the same question twice
    read: str | None = None  # a follow-up: the topic the classifier read in its own words
    at_origin: bool = False  # the question is set where the person comes from


def situation_of(tracker: Tracker) -> Situation:
    metadata = tracker.latest_message.get("metadata") or {}
    return Situation(
        programme=metadata.get("programme") or programme_named(question_of(tracker)),
        follow_up=bool(metadata.get("follow_up")),
        asked=bool(metadata.get("asked")),
        read=metadata.get("read") or None,
        at_origin=bool(metadata.get("at_origin")),
    )


def question_of(tracker: Tracker) -> str:
    """The person's own words: the app may have sent Rasa the topic they chose instead."""
    metadata = tracker.latest_message.get("metadata") or {}
    return str(metadata.get("question") or tracker.latest_message.get("text") or "")


def clear_hit(library: Library, tracker: Tracker, language: str) -> Article | None:
    """The article a lexical search finds clearly best among those fitting the person."""
    destination = tracker.get_slot("country")
    programme = situation_of(tracker).programme
    hits = [
        hit
        for hit in library.index.search(question_of(tracker), language, limit=6)
        if fits(hit.article, destination, programme)
    ]
    runner_up = hits[1].score if len(hits) > 1 else 0.0
    if hits and hits[0].score >= max(SEARCH_MIN_SCORE, SEARCH_MIN_LEAD * runner_up):
        return hits[0].article
    return None


class ActionAnswerUnsure(Action):
    """The classifier was unsure: answer only if the search finds a clearly matching article."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def name(self) -> str:
        return "action_answer_unsure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        hit = clear_hit(self._library, tracker, language)
        if hit is not None:
            utter_answer(
                dispatcher, tracker, hit, language, question_of(tracker), kb=self._library.kb
            )
            return []
        offer = self._likely_topics(tracker.latest_message.get("intent_ranking") or [])
        if not offer:
            dispatcher.utter_message(response="utter_default")
            return []
        # One tap instead of rewording: the person picks, the app brings the question back.
        question = TEXTS.translate(language, OFFER_QUESTION)
        footer = TEXTS.translate(language, OFFER_FOOTER)
        options = [f"{n}. {topic_label(topic, language)}" for n, topic in enumerate(offer, 1)]
        danger = [TEXTS.translate(language, IF_IN_DANGER)] if self._any_urgent(offer) else []
        dispatcher.utter_message(text="\n".join([question, *options, footer, *danger]))
        report(dispatcher, offer=offer)
        return []

    def _any_urgent(self, topics: list[str]) -> bool:
        known = self._library.kb.topics
        return any(known[topic].urgent for topic in topics if topic in known)

    def _likely_topics(self, ranking: list[dict[str, Any]]) -> list[str]:
        """The classifier's best knowledge-base topics (a request for a human has its word)."""
        topics = self._library.kb.topics
        return [
            entry["name"]
            for entry in ranking
            if entry.get("name") in topics
            and entry["name"] != "human_agent"
            and (entry.get("confidence") or 0.0) >= OFFER_MIN_CONFIDENCE
        ][:OFFER_SIZE]
