"""The loaded knowledge base and the questions the bot asks of it.

Articles can be specific to where a person comes from or where they work. The rule for
choosing one lives here, in one place, so the answer action, the admin preview and the tests
agree on which article a person gets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from knowledge.models import Article, Contact, Topic


class KnowledgeBase:
    """Immutable view over validated topics, articles and contacts."""

    def __init__(
        self,
        *,
        topics: Mapping[str, Topic],
        articles: Iterable[Article],
        contacts: Iterable[Contact],
    ) -> None:
        self.topics: dict[str, Topic] = dict(topics)
        self.articles: tuple[Article, ...] = tuple(sorted(articles, key=lambda a: a.id))
        # Insertion order is the order of contacts.yml: editors list the first number to call
        # first, and urgent replies keep that order.
        self.contacts: dict[str, Contact] = {contact.id: contact for contact in contacts}
        self._by_id = {article.id: article for article in self.articles}
        self._by_topic: dict[str, tuple[Article, ...]] = {
            topic: tuple(a for a in self.articles if a.topic == topic) for topic in self.topics
        }

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self.articles)} articles, {len(self.contacts)} contacts)"

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def articles_for(self, topic: str) -> tuple[Article, ...]:
        """Articles of `topic`, sorted by id; empty for an unknown topic."""
        return self._by_topic.get(topic, ())

    def best_article(
        self,
        topic: str,
        *,
        origin: str | None = None,
        destination: str | None = None,
        relevance: Mapping[str, float] | None = None,
        programme: str | None = None,
        origin_first: bool = False,
    ) -> Article | None:
        """The article to answer with for a person from `origin` now in `destination`.

        An article restricted to countries the person is not in is never chosen (a worker in
        Spain must not get US phone numbers). Among the rest, a destination match wins, then
        an origin match, then a general article; among equals, the article most relevant to
        the message (`relevance`: article id -> search score, see ArticleIndex.scores), so a
        question about children left at home is not answered with the one about a death
        abroad; remaining ties go to the smallest id so the answer never changes between
        runs. Where the person comes from is seldom known: then an article for some origins
        only (whose text names them) still answers, after every article for all origins —
        otherwise topics whose every article is per origin, like pensions, would never be
        answered. None means nothing fits: ask where the person is (see `needs_country`) or
        point to the consulate.

        Then programmes: an article written for some visas or programmes only (`programmes`)
        answers a person on one of them, or asking about it (`programme`), before the others;
        it is never chosen for a person on another one, and for a person who said none it
        comes after the general articles: a worker who never mentioned a visa is not told
        H-2A rules.

        `origin_first`: the question is set where the person comes from ("the labour office
        in Tegucigalpa", "when I go back to Colombia"), so an origin match wins and a
        destination match counts for nothing.

        Before all that, the question's own words: when they clearly match an article that
        answers anyone in the person's situation as told (a search score of at least
        `CLEAR_RELEVANCE`), an article they match less than half as well comes after the
        others, whatever its countries: a family asking how to bring home a father who died
        in Oregon gets the article on repatriation, not the US one on reporting abuse.
        """
        scores = relevance or {}
        candidates = [
            a
            for a in self.articles_for(topic)
            if _compatible(a.countries.destination, destination)
            and (origin is None or _compatible(a.countries.origin, origin))
            and (programme is None or _compatible(a.programmes, programme))
        ]
        # How well the words match the articles that answer anyone in the person's situation
        # as told: not one for a visa or an origin they did not name.
        best_score = max(
            (
                scores.get(a.id, 0.0)
                for a in candidates
                if _programme_rank(a.programmes, programme) != PROGRAMME_NOT_SAID
                and not (origin is None and a.countries.origin)
            ),
            default=0.0,
        )
        ranked = [
            (
                _off_the_question(scores.get(a.id, 0.0), best_score),
                *_place_rank(a, destination, origin, origin_first),
                bool(a.countries.origin),
                _programme_rank(a.programmes, programme),
                -scores.get(a.id, 0.0),
                a.id,
                a,
            )
            for a in candidates
        ]
        return min(ranked)[-1] if ranked else None

    def gap_contact(
        self, topic: str, destination: str | None, origin: str | None = None
    ) -> Contact | None:
        """Who can help on `topic` where the person is, when no article fits them: the
        non-emergency contact the topic's articles quote most, among those serving there;
        first those quoted by articles written for that country (a general article may quote
        several nationalities' consular lines), and never another nationality's consular line
        (a Mexican worker is not sent to El Salvador's)."""
        quoted: Counter[str] = Counter()
        local: Counter[str] = Counter()
        for article in self.articles_for(topic):
            if _compatible(article.countries.destination, destination):
                quoted.update(article.contacts)
                if _matches(article.countries.destination, destination):
                    local.update(article.contacts)
        ranked = sorted(quoted, key=lambda contact_id: (-local[contact_id], -quoted[contact_id]))
        for contact_id in ranked:
            contact = self.contacts.get(contact_id)
            if contact is None or contact.urgent or not (contact.phone or contact.whatsapp):
                continue
            if contact.consulate_of is not None and contact.consulate_of != origin:
                continue
            if destination is None or destination in contact.serves or not contact.serves:
                return contact
        return None

    def needs_country(self, topic: str) -> bool:
        """True when knowing where the person is would change the answer for `topic`."""
        destinations: set[str | None] = {None}
        for article in self.articles_for(topic):
            destinations.update(article.countries.destination)
        return self._answers_differ(topic, [(None, d) for d in destinations])

    def needs_origin(self, topic: str, destination: str | None) -> bool:
        """True when where the person comes from would change the answer for `topic` there."""
        origins: set[str | None] = {None, UNLISTED_ORIGIN}
        for article in self.articles_for(topic):
            origins.update(article.countries.origin)
        return self._answers_differ(topic, [(o, destination) for o in origins])

    def _answers_differ(self, topic: str, people: list[tuple[str | None, str | None]]) -> bool:
        """Whether people at these (origin, destination) would get different articles."""
        answers = {
            getattr(self.best_article(topic, origin=o, destination=d), "id", None)
            for o, d in people
        }
        return len(answers) > 1

    def consulate_line(self, country: str, destination: str | None) -> Contact | None:
        """The consular call line of `country` for a person in `destination`; None when the
        directory has none, or the place is unknown (a number dialled from elsewhere may not
        work, and a wrong number is worse than none)."""
        if destination is None:
            return None
        for contact in self.contacts.values():
            if contact.consulate_of == country and destination in contact.serves:
                return contact
        return None

    def urgent_contacts(self, destination: str | None) -> list[Contact]:
        """Urgent help lines for a person in `destination`, in contacts.yml order.

        Unknown destination: every urgent contact, because leaving one out could leave a
        person in danger without the right number. A line listed twice under two names
        (112 for Spain and for the EU) is given once.
        """
        chosen: list[Contact] = []
        seen: set[str] = set()
        for contact in self.contacts.values():
            if not contact.urgent:
                continue
            if destination is not None and contact.serves and destination not in contact.serves:
                continue
            main = str(contact.field_value(contact.main_field, "en"))
            if main in seen:
                continue
            seen.add(main)
            chosen.append(contact)
        return chosen


# An origin no article names: what a person from anywhere else would get.
UNLISTED_ORIGIN = "ZZ"
# A search score at which the question's words clearly match an article (BM25, see search.py),
# and the share of the best score below which an article is off the question.
CLEAR_RELEVANCE = 8.0
OFF_THE_QUESTION = 0.5
PROGRAMME_NOT_SAID = 2


def _place_rank(
    article: Article, destination: str | None, origin: str | None, origin_first: bool
) -> tuple[bool, int]:
    """Destination match first, then origin match. With `origin_first`, the origin match and
    then the article written for fewest origins (the origin's own institutions, not a
    destination's programme open to several), whatever the destination: what is asked
    happens at home."""
    away = not _matches(article.countries.destination, destination)
    home = not _matches(article.countries.origin, origin)
    return (home, len(article.countries.origin)) if origin_first else (away, int(home))


def _off_the_question(score: float, best: float) -> bool:
    return best >= CLEAR_RELEVANCE and score < OFF_THE_QUESTION * best


def _matches(countries: tuple[str, ...], country: str | None) -> bool:
    return country is not None and country in countries


def _programme_rank(programmes: tuple[str, ...], programme: str | None) -> int:
    """0: written for the person's programme; 1: for everyone; 2: for a programme not said."""
    if programme is not None and programme in programmes:
        return 0
    return PROGRAMME_NOT_SAID if programmes else 1


def _compatible(countries: tuple[str, ...], country: str | None) -> bool:
    return not countries or _matches(countries, country)
