"""Which article answers a question, past the knowledge base's own rule (`best_article`):
what the question's words say about a situation the person has not told yet, and what a
follow-up keeps from its thread.

The search scores (`ArticleIndex.scores`, BM25) are the evidence: a question whose words match
one article far better than the others is about what that article covers, even when it is
written for a country or an origin the person has not named ("is there a tax now" on money
sent from the US, "renovar mi dui" for Salvadorans).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from knowledge import Article, KnowledgeBase

# A search score at which the words clearly match an article, and how far ahead of the other
# candidates the best must be to single it out.
CLEAR_SCORE: Final = 8.0
SINGLED_OUT_LEAD: Final = 1.3
FOLLOW_UP_LEAD: Final = 1.5
# Far off the question: the chosen article scores below this share of those the words match.
FAR_OFF: Final = 0.25
# A topic with articles of their own for this many countries of work is answered country by
# country: its country articles read alike (a harassment line, a contract law), so words that
# happen to match one country's article better say nothing about where the person is. On a
# topic that can be urgent, the article for everywhere is what a person in danger needs at
# once: there it takes one country more (a missing relative's first steps, not a question).
COUNTRY_BY_COUNTRY: Final = 2
URGENT_COUNTRY_BY_COUNTRY: Final = 3


def _score(relevance: Mapping[str, float], article: Article | None) -> float:
    return relevance.get(article.id, 0.0) if article is not None else 0.0


def fits(article: Article, destination: str | None, programme: str | None) -> bool:
    """Not written for another country or another visa than the person's."""
    countries, programmes = article.countries.destination, article.programmes
    in_place = destination is None or not countries or destination in countries
    return in_place and (not programmes or programme in programmes)


def _from(article: Article, origin: str | None) -> bool:
    origins = article.countries.origin
    return origin is None or not origins or origin in origins


def singled_out_elsewhere(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    relevance: Mapping[str, float],
    *,
    origin: str | None,
    programme: str | None,
) -> Article | None:
    """For a person whose country is unknown: the article written for some countries that
    the words match far better than the one for everywhere (`chosen`) or any for other
    countries. Only where an article for everywhere exists: a topic answered country by
    country (injuries, wages) asks where instead, as its articles all read alike."""
    if chosen is None:
        return None
    candidates = [
        a for a in kb.articles_for(topic) if fits(a, None, programme) and _from(a, origin)
    ]
    if not candidates:
        return None
    top = max(candidates, key=lambda a: (_score(relevance, a), a.id))
    where = set(top.countries.destination)
    if not where or top is chosen:
        return None
    if len(where) == 1 and answered_country_by_country(kb, topic):
        # One country's version of what every country's article says: the words matched it
        # by chance, not because the person is there (an article for several countries
        # stands for a kind of situation, a work accident, and may still stand out).
        return None
    rivals = [a for a in candidates if not where & set(a.countries.destination)]
    best_rival = max((_score(relevance, a) for a in [*rivals, chosen]), default=0.0)
    score = _score(relevance, top)
    return top if score >= CLEAR_SCORE and score >= SINGLED_OUT_LEAD * best_rival else None


def singled_out_for_an_origin(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    relevance: Mapping[str, float],
    *,
    destination: str | None,
    programme: str | None,
) -> Article | None:
    """For a person whose origin is unknown: the article written for some origins that the
    words match far better than the one chosen for everyone and than any other that fits
    ("they deported me last night, im in nogales" is about Mexico's reception of the
    deported). The origin's article names whom it is for, so a person from elsewhere reading
    it knows it is not theirs, as with `singled_out_elsewhere` for countries. Never instead
    of an article written for where the person is: that one has the numbers that work there."""
    if chosen is None or chosen.countries.origin or chosen.countries.destination:
        return None
    candidates = [a for a in kb.articles_for(topic) if fits(a, destination, programme)]
    if not candidates:
        return None
    top = max(candidates, key=lambda a: (_score(relevance, a), a.id))
    if not top.countries.origin:
        return None
    best_rival = max((_score(relevance, a) for a in candidates if a is not top), default=0.0)
    score = _score(relevance, top)
    return top if score >= CLEAR_SCORE and score >= FOLLOW_UP_LEAD * best_rival else None


def singled_out_origin(
    article: Article, siblings: Iterable[Article], relevance: Mapping[str, float]
) -> bool:
    """The words match `article` clearly better than any article written for other origins."""
    others = [
        _score(relevance, other)
        for other in siblings
        if other.countries.origin and set(other.countries.origin) != set(article.countries.origin)
    ]
    score = _score(relevance, article)
    return score >= CLEAR_SCORE and score >= FOLLOW_UP_LEAD * max(others, default=0.0)


def only_for_some_origins(
    kb: KnowledgeBase, topic: str, chosen: Article, relevance: Mapping[str, float]
) -> bool:
    """The words match articles written for some origins only, and the chosen one, for
    everyone, is off the question ("necesito sacar pasaporte": every passport is a country's)."""
    matched = [
        a
        for a in kb.articles_for(topic)
        if _score(relevance, a) >= max(CLEAR_SCORE, _score(relevance, chosen) / FAR_OFF)
    ]
    return bool(matched) and all(a.countries.origin for a in matched)


def kept_article(
    kb: KnowledgeBase,
    article_id: str,
    topic: str,
    *,
    destination: str | None,
    origin: str | None,
    programme: str | None,
) -> Article | None:
    """The article a follow-up's thread was answered with, if it still fits the person."""
    article = kb.article(article_id) if article_id else None
    if article is None or article.topic != topic or not fits(article, destination, programme):
        return None
    return article if _from(article, origin) else None


def clearly_better(
    best: Article | None,
    kept: Article,
    relevance: Mapping[str, float],
    *,
    destination: str | None,
    origin: str | None,
    programme_said: str | None = None,
) -> bool:
    """Whether another article of the topic is better for a follow-up: written for the place
    or origin it now names ("canada, near vancouver") where the kept one is not, or for the
    visa the follow-up itself names (`programme_said`: "i already got the h2a, im in michigan
    now"), or matched clearly better by its own words."""
    if best is None or best.id == kept.id:
        return False
    if _specificity(best, destination, origin) > _specificity(kept, destination, origin):
        return True
    if _for_the_programme(best, programme_said) and not _for_the_programme(kept, programme_said):
        return True
    if _covers(best, kept):
        return False
    score = _score(relevance, best)
    return score >= CLEAR_SCORE and score >= FOLLOW_UP_LEAD * _score(relevance, kept)


def _covers(broad: Article, narrow: Article) -> bool:
    """Whether `broad` is written for everyone `narrow` is written for, and more: the same
    answer for a wider situation (the article for everywhere on passports kept, after the US
    one; the Ibero-American pension agreement, after Spain and Ecuador's). A follow-up's words
    matching it better say no more than that it speaks in general terms: the thread's article
    was chosen as the one for the person's own situation, and stays. Two articles for the same
    situation (two US detention articles) are no wider one than the other."""
    dimensions = (
        (broad.countries.destination, narrow.countries.destination),
        (broad.countries.origin, narrow.countries.origin),
        (broad.programmes, narrow.programmes),
    )
    return any(set(wide) != set(close) for wide, close in dimensions) and all(
        not wide or (bool(close) and set(close) <= set(wide)) for wide, close in dimensions
    )


def _for_the_programme(article: Article, programme: str | None) -> bool:
    return programme is not None and programme in article.programmes


def _specificity(article: Article, destination: str | None, origin: str | None) -> int:
    countries = article.countries
    return (destination in countries.destination) + (origin in countries.origin)


def not_for_the_named_origin(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    named_origin: str | None,
    *,
    destination: str | None,
    programme: str | None,
) -> bool:
    """Whether the general article of a topic answered origin by origin (every other article
    is written for some origins, as a country's consular services are) would answer a
    question that names an origin with none of its own where the person is ("el consulado de
    nicaragua me renueva el pasaporte?"): the person asked about their own country's service,
    which the knowledge base does not cover, and is told so rather than what any consulate
    does in general."""
    if chosen is None or named_origin is None or chosen.countries.origin:
        return False
    others = [a for a in kb.articles_for(topic) if a.id != chosen.id]
    if not others or not all(a.countries.origin for a in others):
        return False
    return not any(
        named_origin in a.countries.origin and fits(a, destination, programme) for a in others
    )


def answered_country_by_country(kb: KnowledgeBase, topic: str) -> bool:
    """Whether the topic has articles for anyone in one country (whatever their origin or
    programme) for `COUNTRY_BY_COUNTRY` countries or more (`URGENT_COUNTRY_BY_COUNTRY` on a
    topic that can be urgent). An article for several countries stands for a kind of
    situation (a work accident), not for one country's law."""
    countries = {
        a.countries.destination[0]
        for a in kb.articles_for(topic)
        if not a.countries.origin and not a.programmes and len(a.countries.destination) == 1
    }
    known = kb.topics.get(topic)
    urgent = known is not None and known.urgent
    return len(countries) >= (URGENT_COUNTRY_BY_COUNTRY if urgent else COUNTRY_BY_COUNTRY)


def depends_on_the_country(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    relevance: Mapping[str, float],
    *,
    origin: str | None,
    programme: str | None,
) -> bool:
    """For a person whose country is unknown, on a topic answered country by country: the
    words match a country's article clearly better than the article for everywhere (`chosen`),
    so what they ask is what each country's law answers ("el encargado me quiso tocar" is what
    each country's harassment line is for, not the general article on discrimination of
    migrants): ask where rather than send the general article."""
    if chosen is None or chosen.countries.destination or not answered_country_by_country(kb, topic):
        return False
    best = max(
        (
            _score(relevance, a)
            for a in kb.articles_for(topic)
            if a.countries.destination and not a.countries.origin and not a.programmes
        ),
        default=0.0,
    )
    return best >= CLEAR_SCORE and best >= SINGLED_OUT_LEAD * _score(relevance, chosen)


def _conflicts(
    article: Article, destination: str | None, origin: str | None, programme: str | None
) -> bool:
    """Written for another country, origin or programme than one the person told."""
    countries = article.countries
    return (
        (
            destination is not None
            and bool(countries.destination)
            and destination not in countries.destination
        )
        or (origin is not None and bool(countries.origin) and origin not in countries.origin)
        or (
            programme is not None
            and bool(article.programmes)
            and programme not in article.programmes
        )
    )


def answered_for_others_only(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    relevance: Mapping[str, float],
    *,
    destination: str | None,
    origin: str | None,
    programme: str | None,
) -> bool:
    """The words clearly match an article written for another situation than the one the
    person told (another country of work, origin or programme), far better than the article
    chosen for them: the reviewed answer to this question exists only for others ("can my
    wife come next season?" from a PTAT worker in Canada matches the H-2 family article for
    the US) while the article chosen is far off the question (below `FAR_OFF` of that
    score: articles for other countries that read alike, one country's harassment line and
    another's, do not make a gap). The person is told so, an honest gap, rather than sent the
    nearest article that fits them."""
    others = [a for a in kb.articles_for(topic) if _conflicts(a, destination, origin, programme)]
    best = max((_score(relevance, a) for a in others), default=0.0)
    return best >= CLEAR_SCORE and _score(relevance, chosen) < FAR_OFF * best


def general_only_if_singled_out(
    kb: KnowledgeBase,
    topic: str,
    chosen: Article | None,
    relevance: Mapping[str, float],
    *,
    origin: str | None,
    programme: str | None,
) -> bool:
    """For a person whose country is unknown, on a topic that cannot be urgent and is answered
    country by country (domestic work, a contract): whether the bot asks where rather than
    send the article for everywhere, which states a convention's principles, while each
    country's article says what the law there gives and where to go ("im a live in nanny,
    they never give me a day off"). The article for everywhere still answers when the words
    single it out among the countries' articles ("can they jail me for leaving the job?").
    On a topic that can be urgent the article for everywhere is what a person in danger needs
    at once, and the help lines come first (see `depends_on_the_country`)."""
    known = kb.topics.get(topic)
    if (
        chosen is None
        or chosen.countries.destination
        or chosen.countries.origin
        or chosen.programmes
        or (known is not None and known.urgent)
        or not answered_country_by_country(kb, topic)
    ):
        return False
    countries = [
        _score(relevance, a)
        for a in kb.articles_for(topic)
        if a.countries.destination and _from(a, origin) and fits(a, None, programme)
    ]
    score = _score(relevance, chosen)
    return not (score >= CLEAR_SCORE and score >= SINGLED_OUT_LEAD * max(countries, default=0.0))
