"""A reply that never repeats the one just sent: a follow-up that lands on the article the
person has just received gets the part of it that answers the follow-up's words, not sent yet,
or one line saying that this is what the reviewed information says (see knowledge/passages).
A follow-up that only says where the person is from is thanked, with that country's consular
line; one that doubts the answer ("is that for real?") gets its review date and sources."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from babel import Locale
from babel.dates import format_date
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import TEXTS, channel_of, report, utter_article
from conversations.doubt import doubts_the_answer
from conversations.line_question import asked_about_the_line
from conversations.places import destinations_named, mentioned_origin, parse_origin
from core.i18n import N_
from core.segments import count_segments
from knowledge import Article, Contact, KnowledgeBase
from knowledge.passages import best_passage, passage_reply, passages

# Translators: the person asked again about the article they just received and no part of it
# answers their words better: never the same text twice.
NOTHING_MORE_ON_IT: Final = N_(
    "That is what the reviewed information I have says about it. To talk to a person at the"
    " consulate, write HUMAN."
)

# Translators: the same, right after that line: the person asked again and the article still
# has nothing more for them.
NOTHING_MORE_AGAIN: Final = N_(
    "I have nothing more on this in the reviewed information. Write HUMAN and a consular"
    " officer will answer your question."
)

# Translators: on a thread just answered, the person only said where they (or the relative
# they write for) come from; the consular line of that country follows on the next line.
ORIGIN_NOTED: Final = N_("Thank you, noted. For consular help:")

# Translators: the same when the directory has no consular line of that country for where the
# person is.
ORIGIN_NOTED_NO_LINE: Final = N_(
    "Thank you, noted. Ask me anything else, or write HUMAN to talk to a consular officer."
)

# Translators: the person doubts the answer just sent ("is that for real?", "es en serio?");
# {date} is the day the article was last reviewed, and its sources follow, one a line.
FROM_ITS_SOURCES: Final = N_("Yes. It comes from these sources, reviewed on {date}:")

# Translators: the person asked when the help line just given answers; {hours} is its hours
# as the directory gives them.
LINE_HOURS: Final = N_("Hours: {hours}")

# Translators: the same, for a line open at all hours.
LINE_ALWAYS_OPEN: Final = N_("Open 24 hours, every day.")

# Translators: the person asked which languages the line speaks; {languages} names them.
LINE_LANGUAGES: Final = N_("They answer in: {languages}")

# Translators: the person asked for the line's WhatsApp and the directory gives none.
LINE_NO_WHATSAPP: Final = N_("No WhatsApp number is published for this line.")

# SMS segments the reply to a doubt may take: its first line and at least one source.
DOUBT_SEGMENTS: Final = 2


def utter_answer(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    article: Article,
    language: str,
    question: str,
    *,
    kb: KnowledgeBase,
) -> None:
    """The article, or, when the thread was just answered with it, what it has not said yet."""
    metadata = tracker.latest_message.get("metadata") or {}
    if str(metadata.get("answered") or "") != article.id:
        utter_article(dispatcher, article, language, channel_of(tracker))
        return
    destination = tracker.get_slot("country")
    # What the person wrote this turn: the question answered may be an earlier one brought back.
    said = str(metadata.get("said") or "") or question
    if (origin := origin_said(said)) is not None:
        dispatcher.utter_message(text=origin_noted(kb, language, origin, destination))
        report(dispatcher, article_id=article.id, topic=article.topic)
        return
    sent = {int(part) for part in str(metadata.get("sent") or "").split(",") if part.isdigit()}
    named = countries_of_parts(article, language) if destination else []
    number = best_passage(
        article, language, question, sent | for_other_countries(named, destination)
    )
    if number is None:
        number = for_the_persons_country(named, destination, sent)
    candidates = [
        *(
            [passage_reply(article, language, channel_of(tracker), number)]
            if number is not None
            else []
        ),
        TEXTS.translate(language, NOTHING_MORE_ON_IT),
        TEXTS.translate(language, NOTHING_MORE_AGAIN),
    ]
    asked = asked_about_the_line(said)
    line = _the_articles_line(kb, article) if asked else None
    if line is not None:
        # "a q hora atienden ese numero": the line's own details, which the text may not give.
        candidates, number = [about_the_line(line, asked, language), *candidates[-2:]], None
    if doubts_the_answer(said):
        # "is that for real?": whether to trust it, answered with where it comes from.
        candidates, number = [where_it_comes_from(article, language), *candidates[-2:]], None
    last = last_reply(tracker)
    dispatcher.utter_message(text=next(text for text in candidates if text != last))
    # The turn is still on this article: that is what it was answered from.
    report(dispatcher, article_id=article.id, topic=article.topic, passage=number)


def origin_said(question: str) -> str | None:
    """The origin a follow-up only states ("he is from guatemala", "soy de honduras"): not a
    question about it ("y si soy de honduras?"), which the article's parts may answer, nor a
    place of the country the person is in that an origin has a town of the same name for
    ("can i get that paper at the consulate here in barcelona": Barcelona is also a
    Venezuelan city). The answer's reading and the sentence's must agree."""
    if "?" in question or "¿" in question:
        return None
    origin = parse_origin(question)
    return origin if origin is not None and mentioned_origin(question) == origin else None


def origin_noted(kb: KnowledgeBase, language: str, origin: str, destination: str | None) -> str:
    """Thanks for saying where they are from, with that country's consular line there: the
    article already sent does not change with it, and "that is what the reviewed information
    says" would answer a statement as if it were a question."""
    line = kb.consulate_line(origin, destination)
    if line is None:
        return TEXTS.translate(language, ORIGIN_NOTED_NO_LINE)
    number = line.phone or line.whatsapp
    return f"{TEXTS.translate(language, ORIGIN_NOTED)}\n{line.name.get(language)}: {number}"


def where_it_comes_from(article: Article, language: str) -> str:
    """The article's review date and its sources, as many as fit in `DOUBT_SEGMENTS`
    (at least one)."""
    reviewed = format_date(article.reviewed, "long", locale=language)
    lines = [TEXTS.translate(language, FROM_ITS_SOURCES).format(date=reviewed)]
    for source in article.sources:
        line = f"{source.title}: {source.url}" if source.url else str(source.title)
        if len(lines) == 1 or count_segments("\n".join([*lines, line])) <= DOUBT_SEGMENTS:
            lines.append(line)
    return "\n".join(lines)


def _the_articles_line(kb: KnowledgeBase, article: Article) -> Contact | None:
    """The help line the article gives first, not an emergency number (a question about "that
    number" after the safety article means the labour line, not 911), if it has one."""
    lines = [kb.contacts[name] for name in article.contacts if name in kb.contacts]
    reachable = [line for line in lines if line.phone or line.whatsapp]
    return next((line for line in reachable if not line.urgent), None) or next(
        iter(reachable), None
    )


def about_the_line(line: Contact, asked: frozenset[str], language: str) -> str:
    """The line's name and number, and what was asked of it: its hours, its languages, its
    WhatsApp, from the directory."""
    lines = [f"{line.name.get(language)}: {line.phone or line.whatsapp}"]
    if "hours" in asked:
        lines.append(
            TEXTS.translate(language, LINE_ALWAYS_OPEN)
            if line.open_24_7
            else TEXTS.translate(language, LINE_HOURS).format(hours=line.hours.get(language))
        )
    if "languages" in asked:
        names = Locale(language).languages
        spoken = ", ".join(names.get(code, code) for code in line.languages)
        lines.append(TEXTS.translate(language, LINE_LANGUAGES).format(languages=spoken))
    if "whatsapp" in asked:
        lines.append(
            f"WhatsApp: {line.whatsapp}"
            if line.whatsapp
            else TEXTS.translate(language, LINE_NO_WHATSAPP)
        )
    return "\n".join(lines)


def countries_of_parts(article: Article, language: str) -> list[frozenset[str]]:
    """The destination countries each part of the article names, read once per follow-up."""
    return list(_countries_named(tuple(passages(article, language))))


@lru_cache(maxsize=1024)
def _countries_named(parts: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Kept for the parts read last (an article's text is fixed while the app runs): reading
    an article's parts for place names took 17 ms on average, up to 45, on the event loop, at
    every follow-up that landed on an article already sent, where the place-name cache of
    people's messages had long let them go."""
    return tuple(destinations_named(part) for part in parts)


def for_other_countries(named: list[frozenset[str]], destination: str | None) -> set[int]:
    """The parts (by their `named` countries) that name only countries other than where the
    person is: a relative in Canada who asks "what number can he call?" is not sent the US and
    Spain line."""
    if not destination:
        return set()
    return {
        number
        for number, countries in enumerate(named)
        if countries and destination not in countries
    }


def for_the_persons_country(
    named: list[frozenset[str]], destination: str | None, sent: set[int]
) -> int | None:
    """In an article answered country by country (two or more of its parts, by their `named`
    countries, are each for one country, and not the same one), the first part not sent yet
    that is for where the person is: a wife who then says "he is in leamington ontario", or asks
    "what number can he call?", gets Canada's line. None for an article about one country,
    even when some parts name a state of it and one part names another country too: the US
    workers' compensation article does not answer "he is from guatemala" with Idaho's rule."""
    if not destination or len({countries for countries in named if len(countries) == 1}) < 2:
        return None
    return next(
        (
            number
            for number, countries in enumerate(named)
            if countries == {destination} and number not in sent
        ),
        None,
    )


def last_reply(tracker: Tracker) -> str:
    """The bot's last text in this conversation (a third question on the same article must not
    get the line the second one got)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            return str(event["text"])
    return ""
