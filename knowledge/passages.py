"""Parts of one article: what answers a follow-up on an article the person has just received.

A follow-up that lands on the article just sent ("cuanto tiempo tengo para reportar?" after
the article on where to complain) must not get the same text again: it gets the part of the
full answer (a numbered point, a paragraph) its words match best and that was not sent yet.
Parts are ranked with the same BM25 as the article search (knowledge/search.py), in the
person's language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

from core.segments import count_segments, sms_rendering
from knowledge.labels import more_hint
from knowledge.models import LANGUAGES, Article
from knowledge.search import TermCachedBM25, tokenize
from knowledge.text import normalize_text, words

# A part answers only when its words match clearly: at least this score, and this many times
# the next part not yet sent (one shared rare word scores about 1.5 among an article's parts).
PASSAGE_MIN_SCORE: Final = 1.0
PASSAGE_MIN_LEAD: Final = 1.3
# A part counts as sent when its first and last words were in a reply: a part may have been
# cut in two by MORE (knowledge/replies.py cuts after sentences).
_ENDS: Final = 8
# A part's reply by SMS costs at most this many segments, the MORE hint included, as MORE.
PASSAGE_SEGMENTS: Final = 2
# People ask about their "papers"; the articles say "immigration status", "undocumented", "no
# permit to work". A follow-up's word here also looks for the articles' words for it.
SAID_OTHERWISE: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "papers": ("status", "undocumented", "permit", "authorization"),
        "paperwork": ("status", "permit"),
        "illegal": ("status", "undocumented"),
    },
    "es": {
        "papeles": ("situacion", "migratoria", "estatus", "permiso", "indocumentados"),
        "ilegal": ("situacion", "migratoria", "indocumentados"),
        "mojado": ("situacion", "migratoria", "papeles"),
    },
}


def passages(article: Article, language: str) -> list[str]:
    """The full answer's lines: its numbered points and paragraphs, in order."""
    text = article.localized(language).full
    return [line.strip() for line in text.splitlines() if line.strip()]


def sent_passages(article: Article, language: str, replies: Iterable[str]) -> set[int]:
    """Which of the article's parts the person already received in `replies`."""
    # The MORE hint that ends each part by SMS is no part of the article's text.
    hints = [more_hint(language) for language in LANGUAGES]
    plain_replies = [_without(reply, hints) for reply in replies]
    said = f" {' '.join(normalize_text(reply) for reply in plain_replies)} "
    sent: set[int] = set()
    for number, passage in enumerate(passages(article, language)):
        plain = words(passage)
        head, tail = " ".join(plain[:_ENDS]), " ".join(plain[-_ENDS:])
        if plain and f" {head} " in said and f" {tail} " in said:
            sent.add(number)
    return sent


def _without(reply: str, hints: list[str]) -> str:
    for hint in hints:
        reply = reply.replace(hint, " ")
    return reply


def with_the_articles_words(query: list[str], language: str) -> list[str]:
    """The query, and for each word people use the articles' words for the same thing."""
    otherwise = SAID_OTHERWISE.get(language, {})
    return [*query, *(said for word in query for said in otherwise.get(word, ()))]


def best_passage(
    article: Article, language: str, question: str, sent: Collection[int] = ()
) -> int | None:
    """The part not yet sent that the question's words clearly match best; None if none."""
    corpus = [tokenize(passage, language) for passage in passages(article, language)]
    query = with_the_articles_words(tokenize(question, language), language)
    if not query or not any(corpus):
        return None
    scores = TermCachedBM25(corpus).get_scores(query)
    ranked = sorted(
        (number for number in range(len(corpus)) if number not in sent),
        key=lambda number: -float(scores[number]),
    )
    if not ranked:
        return None
    best = float(scores[ranked[0]])
    runner_up = float(scores[ranked[1]]) if len(ranked) > 1 else 0.0
    if best >= PASSAGE_MIN_SCORE and best >= PASSAGE_MIN_LEAD * runner_up:
        return ranked[0]
    return None


def passage_reply(article: Article, language: str, channel: str, number: int) -> str:
    """One part as the person receives it: as written by WhatsApp; by SMS within two segments
    with the MORE hint (MORE then sends the full answer), cut after a sentence or a word."""
    passage = passages(article, language)[number]
    if channel != "sms":
        return passage
    hint = more_hint(language)
    text = sms_rendering(passage.replace("*", ""))
    if count_segments(f"{text}\n{hint}") <= PASSAGE_SEGMENTS:
        return f"{text}\n{hint}"
    kept = ""
    for word in text.split():
        candidate = f"{kept} {word}".strip()
        if kept and count_segments(f"{candidate}...\n{hint}") > PASSAGE_SEGMENTS:
            break
        kept = candidate
    cut = max(kept.rfind(". "), kept.rfind(": "))
    shown = kept[: cut + 1] if cut > len(kept) // 2 else f"{kept}..."
    return f"{shown}\n{hint}"
