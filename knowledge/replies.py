"""An article as the person receives it: short answer plus MORE hint by SMS, full by WhatsApp."""

from __future__ import annotations

import re
from typing import Final

from core.segments import count_segments, sms_rendering
from knowledge.labels import further_reading_title, more_hint
from knowledge.models import Article

# One reply to MORE by SMS costs at most this many segments, the MORE hint included.
MORE_SEGMENTS: Final = 2
# A sentence ends after . ! or ? and a space, not after a line's number ("4. …") or a
# two-letter abbreviation ("EE. UU."); a colon introduces what follows it, so a part never
# ends on "Ojo:".
_SENTENCE_END = re.compile(r"(?<!^\d\.)(?<!^\d\d\.)(?<!\b[A-Z]{2}\.)(?<=[.!?])[ \t]+")


def article_reply(article: Article, language: str, channel: str) -> str:
    text = article.localized(language)
    if channel == "sms":
        return f"{text.short}\n{more_hint(language)}"
    return full_reply(article, language)


def full_reply(article: Article, language: str) -> str:
    """Title above the full answer: WhatsApp's answer, and any channel's reply to MORE."""
    text = article.localized(language)
    return f"*{text.title}*\n\n{text.full}"


def more_parts(article: Article, language: str, segments: int = MORE_SEGMENTS) -> list[str]:
    """The full answer by SMS in replies of at most `segments` segments each, hint included.

    Each part but the last ends with the MORE hint, so the person pays only for what they ask
    for; parts are cut after sentences (a sentence too long for one part is cut at words).
    """
    hint = more_hint(language)
    text = sms_rendering(full_reply(article, language).replace("*", ""))
    parts: list[str] = []
    current = ""
    for piece, opens_line in _pieces(text, hint, segments):
        # A title, a numbered point or a paragraph keeps its line: a line break costs what a
        # space costs, and "Title First sentence" reads as one garbled sentence.
        joint = "\n" if opens_line else " "
        candidate = f"{current}{joint}{piece}" if current else piece
        if current and count_segments(f"{candidate}\n{hint}") > segments:
            parts.append(current)
            candidate = piece
        current = candidate
    if current:
        parts.append(current)
    return [f"{part}\n{hint}" for part in parts[:-1]] + parts[-1:]


def _pieces(text: str, hint: str, segments: int) -> list[tuple[str, bool]]:
    """Sentences, and the words of a sentence that alone would not fit in one part; each says
    whether it opens a line of the text."""
    out: list[tuple[str, bool]] = []
    for text_line in (line.strip() for line in text.splitlines()):
        opens_line = True
        for sentence in (s.strip() for s in _SENTENCE_END.split(text_line)):
            if not sentence:
                continue
            if count_segments(f"{sentence}\n{hint}") <= segments:
                out.append((sentence, opens_line))
                opens_line = False
                continue
            line = ""
            for word in sentence.split():
                if line and count_segments(f"{line} {word}\n{hint}") > segments:
                    out.append((line, opens_line))
                    opens_line = False
                    line = word
                else:
                    line = f"{line} {word}".strip()
            if line:
                out.append((line, opens_line))
                opens_line = False
    return out


def further_reading(article: Article, language: str, segments: int = MORE_SEGMENTS) -> str | None:
    """MORE after a full answer (WhatsApp's): the sources it comes from, as many as fit in
    `segments` SMS segments (what MORE costs by SMS), in order, a source too long for what is
    left skipped for the next; a source's page alone when none fits with its title; None when
    no source has a web page."""
    lines = [further_reading_title(language)]
    pages = [source for source in article.sources if source.url is not None]
    for source in pages:
        line = f"{source.title}: {source.url}"
        # Counted as sent: by WhatsApp accents stay, and a source in Spanish costs more.
        if count_segments("\n".join([*lines, line])) <= segments:
            lines.append(line)
    if len(lines) == 1 and pages:
        lines.append(str(pages[0].url))
    return "\n".join(lines) if len(lines) > 1 else None
