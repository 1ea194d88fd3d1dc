"""`make kb-check`: every rule of knowledge/README.md, one line per problem.

The loader only refuses what would break the app; this checker adds the editorial rules
(SMS cost, coverage, overlapping questions) that keep answers cheap and understandable, and
the fact rules of knowledge.fact_rules (directory references, citations, check records,
review dates) that keep them true. It reports every problem at once and never crashes on a
bad file, so an editor fixes a whole batch in one pass.

Usage: python -m knowledge.checker [--root knowledge] [--today YYYY-MM-DD] [--taxonomy PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from core.segments import count_segments, sms_encoding, sms_rendering
from knowledge.fact_rules import check_facts
from knowledge.labels import more_hint
from knowledge.loader import (
    ArticleFile,
    KnowledgeFiles,
    Problem,
    Severity,
    display_path,
    read_knowledge_files,
)
from knowledge.models import LANGUAGES, Contact
from knowledge.references import UnknownReference, render_text
from knowledge.review import months_before
from knowledge.text import normalize_text
from knowledge.yamlfile import Loc

__all__ = ["HEADING", "check_knowledge_base", "main", "months_before"]

MAX_SEGMENTS = 2
MIN_QUESTIONS = 8
MIN_ARTICLES_PER_TOPIC = 3
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
        contacts = files.contacts_by_id()
        for entry in files.articles:
            problems.extend(_check_article(entry, files.root, contact_ids, contacts))
        problems.extend(check_facts(files, today))
        problems.extend(_check_coverage(files))
        problems.extend(_check_question_overlap(files.articles))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))


def _problem(
    severity: Severity, entry: ArticleFile, loc: Loc, message: str, field: str | None = None
) -> Problem:
    name = field if field is not None else ".".join(str(part) for part in loc)
    return Problem(entry.display, severity, message, name, entry.document.line(loc))


def _check_article(
    entry: ArticleFile, root: Path, contact_ids: set[str], contacts: dict[str, Contact]
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
        try:  # what is sent: the SMS carries the numbers the references stand for
            short = render_text(text.short, "short", language, contacts)
        except UnknownReference:
            short = text.short  # reported by the loader; count the text as written
        problems.extend(_check_short(entry, language, short))
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
    sms = sms_rendering(f"{short.strip()}\n{more_hint(language)}")
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
