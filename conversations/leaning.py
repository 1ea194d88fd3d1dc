"""Whether a short message's words lean on the thread's article rather than on the topic the
classifier read in it.

A short follow-up has few words of its own ("les mandamos el dinero?" on a thread about what
smugglers charge), and the classifier can read one of them confidently as another topic
(remittances). When the article search finds those words in the thread's article at least as
much as in any article of the topic read, nothing in the message moves the subject.

The three questions below are asked of the same message in one turn; its words are searched
once (`read_words`) and the reading is handed to each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from core.text import normalize_for_nlu
from knowledge import ArticleIndex, KnowledgeBase
from knowledge.search import tokenize

# A message with more words of its own than this (stopwords aside) can name its own subject
# ("y el patron no tiene que pagar algo? se murio trabajando" after a question on family):
# the classifier's reading of it stands.
LEANING_MAX_WORDS: Final = 4
# A message that refers back ("ese certificado lo saco aqui en el consulado o alla?" on a
# thread about Ecuador's returnee certificate) says what it is about by pointing at it: its
# words are compared with the thread's article up to the length of a follow-up.
ELLIPTIC_LEANING_MAX_WORDS: Final = 12


@dataclass(frozen=True)
class WordsRead:
    """A message's words as the article search reads them: normalised, in the language the
    message is answered in, with every article's score (BM25 over the whole knowledge base,
    the costly part, done once a message rather than once a question)."""

    text: str
    language: str
    scores: Mapping[str, float]


def read_words(index: ArticleIndex, text: str, language: str) -> WordsRead:
    plain = normalize_for_nlu(text)
    return WordsRead(plain, language, index.scores(plain, language))


def leans_on_the_thread(
    words: WordsRead,
    kb: KnowledgeBase,
    thread_article: str | None,
    read_topic: str | None,
    *,
    destination: str | None = None,
    origin: str | None = None,
    elliptic: bool = False,
) -> bool:
    """Only the articles of the topic read that could answer this person count against the
    thread's (not another origin's passport office nor another country's law: a Guatemalan
    passport article matching "certificado… consulado" says nothing to an Ecuadorian)."""
    if not thread_article or not read_topic or read_topic not in kb.topics:
        return False
    limit = ELLIPTIC_LEANING_MAX_WORDS if elliptic else LEANING_MAX_WORDS
    if len(tokenize(words.text, words.language)) > limit:
        return False
    scores = words.scores
    on_thread = scores.get(thread_article, 0.0)
    elsewhere = max(
        (
            scores.get(a.id, 0.0)
            for a in kb.articles_for(read_topic)
            if _could_answer(a.countries.destination, destination)
            and _could_answer(a.countries.origin, origin)
        ),
        default=0.0,
    )
    return on_thread > 0 and on_thread >= elsewhere


def _could_answer(countries: tuple[str, ...], country: str | None) -> bool:
    return country is None or not countries or country in countries


def _best_in_topic(kb: KnowledgeBase, scores: Mapping[str, float], topic: str | None) -> float:
    """The best search score among a topic's articles (0 for no topic)."""
    articles = kb.articles_for(topic) if topic in kb.topics else []
    return max((scores.get(a.id, 0.0) for a in articles), default=0.0)


# A search score from which a message's words clearly match an article (an elliptic message
# whose words reach this in the topic the classifier read names that topic's matter itself:
# "y si me echan, como cobro lo q me deben del mes?" on a thread about harassment).
WORDS_CLEAR: Final = 5.0


def weak_in_the_topic_read(
    words: WordsRead,
    kb: KnowledgeBase,
    read_topic: str | None,
    thread_topic: str | None = None,
) -> bool:
    """Whether a message's words do not hold the topic the classifier read: they match no
    article of it clearly ("how does she apply" read as visas on a thread about a pension), or
    no better than an article of the thread's own topic ("could he be locked up?" on a thread
    about a missing brother, whose articles say how to search the detention centres)."""
    if not read_topic or read_topic not in kb.topics:
        return False
    scores = words.scores
    read = _best_in_topic(kb, scores, read_topic)
    return read < WORDS_CLEAR or read <= _best_in_topic(kb, scores, thread_topic)


# A search score from which a message's words clearly name an article's matter, and how far
# ahead of the thread's topic they must be to name another subject than the thread's.
WORDS_CLEARLY: Final = 8.0
WORDS_LEAD: Final = 1.5


def clearly_in_the_topic_read(
    words: WordsRead,
    kb: KnowledgeBase,
    read_topic: str | None,
    thread_topic: str | None,
) -> bool:
    """Whether a message's words clearly match an article of the topic read, far better than
    any of the thread's topic ("he says they take 200 dollars from every check for the
    housing": the US unpaid-wages article, on a thread about a husband's farm job)."""
    if not read_topic or read_topic not in kb.topics or read_topic == thread_topic:
        return False
    scores = words.scores
    read = _best_in_topic(kb, scores, read_topic)
    return read >= WORDS_CLEARLY and read >= WORDS_LEAD * _best_in_topic(kb, scores, thread_topic)
