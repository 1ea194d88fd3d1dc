"""`make kb-report`: what needs an editor, as Markdown.

kb-check says what is wrong now; this report says what to do next: the checks that fall due
within three months (or already have), the contacts only a secondary source vouches for,
the topics with too few articles, and what people asked that no article answered (counts
from the app's database, never a message or a number).

Usage: python -m knowledge.report [--root knowledge] [--today YYYY-MM-DD]
       [--database-url URL] [--taxonomy PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from knowledge.checker import MIN_ARTICLES_PER_TOPIC
from knowledge.loader import KnowledgeFiles, read_knowledge_files
from knowledge.review import Review, add_months, reviews
from knowledge.unanswered import OUTSIDE_TOPICS, Unanswered, unanswered_questions

LOOKAHEAD_MONTHS = 3
_KINDS = (
    ("contact", "Contacts"),
    ("article", "Articles"),
    ("check", "Check records"),
)
_UNAVAILABLE = {
    "missing": "No database yet at the configured address: nothing has been asked.",
    "empty": "The database has no messages table yet (run `make migrate`): nothing to count.",
    "unavailable": "The database could not be read ({detail}); the counts are left out.",
}


def build_report(files: KnowledgeFiles, today: date, unanswered: Unanswered) -> str:
    """The whole report; every section is printed, saying so when it has nothing."""
    lines = [f"# Knowledge-base report, {today.isoformat()}", ""]
    errors = sum(problem.is_error for problem in files.problems)
    if errors:
        lines += [f"`make kb-check` reports {errors} file error(s): fix those first.", ""]
    lines += _due_section(files, today)
    lines += _secondary_section(files)
    lines += _coverage_section(files)
    lines += _countries_section(files)
    lines += _unanswered_section(unanswered)
    return "\n".join(lines).rstrip("\n") + "\n"


def _due_section(files: KnowledgeFiles, today: date) -> list[str]:
    horizon = add_months(today, LOOKAHEAD_MONTHS)
    due = sorted(
        (review for review in reviews(files) if review.due <= horizon),
        key=lambda review: (review.due, review.path, review.line or 0),
    )
    lines = [f"## Due for review: overdue or due by {horizon.isoformat()}", ""]
    for kind, title in _KINDS:
        rows = [review for review in due if review.kind == kind]
        lines += [f"### {title} ({len(rows)})", ""]
        if not rows:
            lines += ["Nothing due.", ""]
            continue
        lines += ["| due | status | what | where |", "| --- | --- | --- | --- |"]
        lines += [_due_row(review, today) for review in rows]
        lines.append("")
    return lines


def _due_row(review: Review, today: date) -> str:
    status = "**overdue**" if today > review.due else "due soon"
    where = f"{review.path}:{review.line}" if review.line else review.path
    what = _cell(review.subject)
    return f"| {review.due.isoformat()} | {status} | {what} | `{where}` ({review.field}) |"


def _secondary_section(files: KnowledgeFiles) -> list[str]:
    rows = [
        entry.contact for entry in files.contacts if entry.contact.verification.level != "official"
    ]
    lines = [f"## Contacts verified only by a secondary source ({len(rows)})", ""]
    if not rows:
        return [*lines, "None: every contact is confirmed on an official page.", ""]
    lines += [
        "Find the organisation's own page for each, then set `verification.level: official`.",
        "",
        "| contact | page checked | on |",
        "| --- | --- | --- |",
    ]
    for contact in rows:
        verification = contact.verification
        lines.append(f"| `{contact.id}` | {verification.url} | {verification.checked} |")
    return [*lines, ""]


def _coverage_section(files: KnowledgeFiles) -> list[str]:
    counts = dict.fromkeys(files.topics, 0)
    for entry in files.articles:
        counts[entry.article.topic] = counts.get(entry.article.topic, 0) + 1
    thin = [(topic, count) for topic, count in counts.items() if count < MIN_ARTICLES_PER_TOPIC]
    title = f"## Topics with fewer than {MIN_ARTICLES_PER_TOPIC} articles ({len(thin)})"
    if not thin:
        return [title, "", "None.", ""]
    rows = [f"| `{topic}` | {count} |" for topic, count in thin]
    return [title, "", "| topic | articles |", "| --- | --- |", *rows, ""]


def _countries_section(files: KnowledgeFiles) -> list[str]:
    """Articles written for each origin and each destination (general ones not counted), so
    an editor sees which countries' people get answers of their own."""
    origins: Counter[str] = Counter()
    destinations: Counter[str] = Counter()
    for entry in files.articles:
        origins.update(entry.article.countries.origin)
        destinations.update(entry.article.countries.destination)
    lines = ["## Articles per country", ""]
    for title, counts in (("origin", origins), ("destination", destinations)):
        lines += [f"| {title} | articles |", "| --- | --- |"]
        lines += [f"| {code} | {count} |" for code, count in sorted(counts.items())]
        lines.append("")
    return lines


def _unanswered_section(unanswered: Unanswered) -> list[str]:
    lines = ["## Questions that got no article", ""]
    if unanswered.availability != "ok":
        message = _UNAVAILABLE[unanswered.availability].format(detail=unanswered.detail)
        return [*lines, message, ""]
    if not unanswered.counts:
        return [*lines, "None: every question the bot understood got an article.", ""]
    lines += [
        "Messages the bot understood but answered without an article, by detected topic and",
        "language (counts only). A topic here needs an article for those people, or better",
        "questions in the article that should have answered.",
        "",
        "| topic | language | messages |",
        "| --- | --- | --- |",
    ]
    for gap in unanswered.counts:
        lines.append(f"| {_topic_name(gap.topic)} | {gap.language or '?'} | {gap.count} |")
    return [*lines, ""]


def _topic_name(topic: str | None) -> str:
    if topic is None:
        return "(no topic recognised)"
    if topic == OUTSIDE_TOPICS:
        return f"`{OUTSIDE_TOPICS}` (outside every topic)"
    return f"`{topic}`"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "/").split())


def default_database_url() -> str:
    from core.settings import get_settings  # only the command needs the app's settings

    return get_settings().database_url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.report", description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="knowledge folder")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--taxonomy", type=Path, default=None, help="taxonomy.yml to use")
    parser.add_argument("--database-url", default=None, help="default: ENLACE_DATABASE_URL")
    args = parser.parse_args(argv)
    today = args.today or datetime.now(UTC).date()
    files = read_knowledge_files(args.root, taxonomy_path=args.taxonomy)
    url = args.database_url or default_database_url()
    unanswered = unanswered_questions(url, list(files.topics))
    sys.stdout.write(build_report(files, today, unanswered))
    return 0


if __name__ == "__main__":
    sys.exit(main())
