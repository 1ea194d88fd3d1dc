"""Answers from the knowledge base: by topic, or by lexical search when the model is unsure."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_access import Library
from actions.replies import channel_of, language_of, report, utter_article
from knowledge import Article

NO_ARTICLE = {
    "es": "Todavía no tengo información revisada sobre eso. Escribe HUMANO y una persona del"
    " consulado te va a responder.",
    "en": "I don't have reviewed information on that yet. Write HUMAN and a consular officer"
    " will answer you.",
}

ASK_COUNTRY = {
    "es": "Para darte la información correcta: ¿de qué país se trata? Escribe EEUU, Canadá,"
    " España o México.",
    "en": "To give you the right information: which country is this about? Write USA, Canada,"
    " Spain or Mexico.",
}

ASK_ORIGIN = {
    "es": "Para darte la información de tu país: ¿de dónde eres? Por ejemplo México, Guatemala,"
    " Honduras, El Salvador, Colombia, Ecuador o Perú.",
    "en": "To give you the information for your country: where are you from? For example"
    " Mexico, Guatemala, Honduras, El Salvador, Colombia, Ecuador or Peru.",
}

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
            dispatcher.utter_message(text=ASK_COUNTRY[language])
            report(dispatcher, topic=topic, ask_country=True)
            return []
        if article is not None and self._should_ask_origin(article, origin, destination):
            dispatcher.utter_message(text=ASK_ORIGIN[language])
            report(dispatcher, topic=topic, ask_origin=True)
            return []
        if article is None:
            dispatcher.utter_message(text=NO_ARTICLE[language])
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
        dispatcher.utter_message(response="utter_default")
        return []
