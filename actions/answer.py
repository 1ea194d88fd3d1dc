"""Answers from the knowledge base: by topic, or by lexical search when the model is unsure."""

from __future__ import annotations

from typing import Any, Final

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_access import Library
from actions.replies import TEXTS, channel_of, language_of, report, utter_article
from core.i18n import N_
from knowledge import Article, topic_label

# The texts are msgids of the actions' catalogs (English); TEXTS.translate gives them in the
# person's language. `make score` recognises the bot's first answers by them.
NO_ARTICLE: Final = N_(
    "I don't have reviewed information on that yet. Write HUMAN and a consular officer"
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
        kb = self._library.kb
        relevance = self._library.index.scores(tracker.latest_message.get("text") or "", language)
        article = kb.best_article(
            topic, origin=origin, destination=destination, relevance=relevance
        )
        if article is None and not destination and kb.needs_country(topic):
            # Rights differ by country and no article fits everywhere: ask once, briefly.
            dispatcher.utter_message(text=TEXTS.translate(language, ASK_COUNTRY))
            report(dispatcher, topic=topic, ask_country=True)
            return []
        if article is not None and self._should_ask_origin(article, origin, destination):
            dispatcher.utter_message(text=TEXTS.translate(language, ASK_ORIGIN))
            report(dispatcher, topic=topic, ask_origin=True)
            return []
        if article is None:
            dispatcher.utter_message(text=TEXTS.translate(language, NO_ARTICLE))
            report(dispatcher, topic=topic)
            return []
        utter_article(dispatcher, article, language, channel_of(tracker))
        return []

    def _should_ask_origin(
        self, article: Article, origin: str | None, destination: str | None
    ) -> bool:
        """The best guess is written for some origins only, and the origin would change it.

        Never on a topic that can be urgent: a person in danger gets an answer, not a question.
        """
        kb = self._library.kb
        topic = kb.topics.get(article.topic)
        return (
            origin is None
            and bool(article.countries.origin)
            and not (topic is not None and topic.urgent)
            and kb.needs_origin(article.topic, destination)
        )


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
        hits = self._library.index.search(tracker.latest_message.get("text") or "", language)
        runner_up = hits[1].score if len(hits) > 1 else 0.0
        if hits and hits[0].score >= max(SEARCH_MIN_SCORE, SEARCH_MIN_LEAD * runner_up):
            utter_article(dispatcher, hits[0].article, language, channel_of(tracker))
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
