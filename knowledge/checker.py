"""`make kb-check`: every rule of knowledge/README.md, one line per problem.

The loader only refuses what would break the app; this checker adds the editorial rules
(SMS cost, review age, coverage, overlapping questions) that keep answers cheap, current and
understandable. It reports every problem at once and never crashes on a bad file, so an
editor fixes a whole batch in one pass.

Usage: python -m knowledge.checker [--root knowledge] [--today YYYY-MM-DD] [--taxonomy PATH]
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from core.segments import MORE_HINT, count_segments, sms_encoding, sms_rendering
from knowledge.loader import (
    ArticleFile,
    KnowledgeFiles,
    Problem,
    Severity,
    display_path,
    read_knowledge_files,
)
from knowledge.models import LANGUAGES
from knowledge.text import normalize_text
from knowledge.yamlfile import Loc, YamlDocument

MAX_SEGMENTS = 2
MIN_QUESTIONS = 8
MIN_ARTICLES_PER_TOPIC = 3
WARN_AFTER_MONTHS = 12
FAIL_AFTER_MONTHS = 24
# A line that is one bold span, `*...*` (WhatsApp) or `**...**` (sent as WhatsApp bold).
HEADING = re.compile(r"(\*\*?)[^*\n]+\1")


def check_knowledge_base(
    root: Path | None = None, today: date | None = None, *, taxonomy_path: Path | None = None
) -> list[Problem]:
    """All problems of the knowledge base under `root`, sorted by file and line."""
    today = today or datetime.now(UTC).date()
    files = read_knowledge_files(root, taxonomy_path=taxonomy_path)
    problems = list(files.problems)
    if files.topics:
        contact_ids = {entry.contact.id for entry in files.contacts} | files.invalid_contact_ids
        for entry in files.articles:
            problems.extend(_check_article(entry, files.root, contact_ids, today))
        for contact in files.contacts:
            loc: Loc = ("contacts", contact.index, "reviewed")
            problems.extend(
                _check_reviewed(
                    contact.contact.reviewed,
                    today,
                    contact.display,
                    f"contacts[{contact.index}].reviewed",
                    contact.document,
                    loc,
                )
            )
        problems.extend(_check_coverage(files))
        problems.extend(_check_question_overlap(files.articles))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last_day))


def _problem(
    severity: Severity, entry: ArticleFile, loc: Loc, message: str, field: str | None = None
) -> Problem:
    name = field if field is not None else ".".join(str(part) for part in loc)
    return Problem(entry.display, severity, message, name, entry.document.line(loc))


def _check_article(
    entry: ArticleFile, root: Path, contact_ids: set[str], today: date
) -> list[Problem]:
    article = entry.article
    problems: list[Problem] = []
    if entry.path.stem != article.id:
        problems.append(
            _problem(
                "ERROR", entry, ("id",), f"file name {entry.path.name} must be {article.id}.yml"
            )
        )
    expected_folder = root / "articles" / article.topic
    if entry.path.parent.resolve() != expected_folder.resolve():
        problems.append(
            _problem(
                "ERROR",
                entry,
                ("topic",),
                f"file must be in {display_path(root, expected_folder)}/",
            )
        )
    problems.extend(
        _check_reviewed(
            article.reviewed, today, entry.display, "reviewed", entry.document, ("reviewed",)
        )
    )
    for index, contact_id in enumerate(article.contacts):
        if contact_id not in contact_ids:
            problems.append(
                _problem(
                    "ERROR",
                    entry,
                    ("contacts", index),
                    f"unknown contact {contact_id!r} (not in contacts.yml)",
                    f"contacts[{index}]",
                )
            )
    for language in LANGUAGES:
        text = article.localized(language)
        problems.extend(_check_short(entry, language, text.short))
        problems.extend(_check_full(entry, language, text.full))
        if len(text.questions) < MIN_QUESTIONS:
            problems.append(
                _problem(
                    "ERROR",
                    entry,
                    (language, "questions"),
                    f"{len(text.questions)} questions (min {MIN_QUESTIONS})",
                )
            )
    return problems


def _check_short(entry: ArticleFile, language: str, short: str) -> list[Problem]:
    sms = sms_rendering(f"{short.strip()}\n{MORE_HINT[language]}")
    segments = count_segments(sms)
    if segments <= MAX_SEGMENTS:
        return []
    message = (
        f"{segments} SMS segments (max {MAX_SEGMENTS}); {len(sms)} characters "
        f"as {sms_encoding(sms)} with the MORE hint"
    )
    foreign = sorted({ch for ch in sms if sms_encoding(ch) != "GSM-7"})
    if foreign:
        message += f"; characters outside GSM-7: {' '.join(foreign)}"
    return [_problem("ERROR", entry, (language, "short"), message)]


def _check_full(entry: ArticleFile, language: str, full: str) -> list[Problem]:
    """The reply already shows the title in bold above `full`: a heading of its own repeats it."""
    first_line = full.strip().split("\n", 1)[0].strip()
    if not HEADING.fullmatch(first_line):
        return []
    message = (
        "full opens with a heading: the title is shown above the answer, "
        "start with the answer itself"
    )
    return [_problem("ERROR", entry, (language, "full"), message)]


def _check_reviewed(
    reviewed: date, today: date, display: str, field: str, document: YamlDocument, loc: Loc
) -> list[Problem]:
    line = document.line(loc)
    if reviewed > today:
        return [Problem(display, "ERROR", f"{reviewed} is in the future", field, line)]
    if reviewed < months_before(today, FAIL_AFTER_MONTHS):
        message = (
            f"{reviewed} is more than {FAIL_AFTER_MONTHS} months ago: "
            "check the facts again and update the date"
        )
        return [Problem(display, "ERROR", message, field, line)]
    if reviewed < months_before(today, WARN_AFTER_MONTHS):
        message = f"{reviewed} is more than {WARN_AFTER_MONTHS} months ago: due for review"
        return [Problem(display, "WARNING", message, field, line)]
    return []


def _check_coverage(files: KnowledgeFiles) -> list[Problem]:
    counts = dict.fromkeys(files.topics, 0)
    for entry in files.articles:
        counts[entry.article.topic] += 1
    for path in files.invalid_files:  # already reported: do not also report missing coverage
        if path.parent.name in counts:
            counts[path.parent.name] += 1
    return [
        Problem(
            display_path(files.root, files.root / "articles" / topic) + "/",
            "ERROR",
            f"topic {topic!r} has {count} article(s) (min {MIN_ARTICLES_PER_TOPIC})",
        )
        for topic, count in counts.items()
        if count < MIN_ARTICLES_PER_TOPIC
    ]


def _check_question_overlap(articles: list[ArticleFile]) -> list[Problem]:
    """The same question under two topics teaches the bot two answers for one message."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, ArticleFile]] = {}
    for entry in articles:
        in_article: set[str] = set()
        for language in LANGUAGES:
            for index, question in enumerate(entry.article.localized(language).questions):
                key = normalize_text(question)
                if not key:
                    continue
                loc: Loc = (language, "questions", index)
                field = f"{language}.questions[{index}]"
                if key in in_article:
                    problems.append(
                        _problem(
                            "WARNING", entry, loc, f"{question!r} repeated in this article", field
                        )
                    )
                    continue
                in_article.add(key)
                first = seen.setdefault(key, (entry.article.topic, entry))
                if first[0] != entry.article.topic:
                    problems.append(
                        _problem(
                            "ERROR",
                            entry,
                            loc,
                            f"{question!r} is also a question of topic {first[0]!r} "
                            f"({first[1].display}): keep it under one topic",
                            field,
                        )
                    )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.checker", description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="knowledge folder")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--taxonomy", type=Path, default=None, help="taxonomy.yml to use")
    args = parser.parse_args(argv)
    problems = check_knowledge_base(args.root, args.today, taxonomy_path=args.taxonomy)
    files_root = args.root or Path(__file__).resolve().parent
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    articles = len(list((files_root / "articles").rglob("*.yml")))
    verdict = "FAILED" if errors else "OK"
    sys.stdout.write(
        f"kb-check {verdict}: {articles} article files, {errors} error(s), {warnings} warning(s)\n"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
