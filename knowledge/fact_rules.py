"""kb-check rules that keep facts trustworthy: numbers, citations, check records, review dates.

People dial the numbers Enlace sends and act on the rules it states. So every help line comes
from the directory (never typed into an article), every citation names the page that says
the fact, every number in an answer is covered by a recorded check, and every check, article
and contact is looked at again before its period runs out (see knowledge.review).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from knowledge.loader import ArticleFile, ContactEntry, KnowledgeFiles, Problem
from knowledge.models import LANGUAGES, Source, is_bare_domain
from knowledge.numbers import digits_of, raw_numbers, unclaimed_numbers
from knowledge.references import TEXT_FIELDS, references, without_references
from knowledge.review import Review, reviews
from knowledge.yamlfile import Loc


def check_facts(files: KnowledgeFiles, today: date) -> list[Problem]:
    """Problems of every fact rule over the knowledge files."""
    problems: list[Problem] = []
    by_number = _contacts_by_number(files)
    known_ids = set(files.contacts_by_id()) | files.invalid_contact_ids
    for entry in files.articles:
        problems.extend(_check_records(entry, by_number))
        problems.extend(_typed_numbers(entry, by_number))
        problems.extend(_unlisted_references(entry, known_ids))
        problems.extend(_article_citations(entry))
    for contact in files.contacts:
        problems.extend(_contact_citations(contact))
    problems.extend(_stale(review, today) for review in reviews(files) if _is_stale(review, today))
    return problems


def _contacts_by_number(files: KnowledgeFiles) -> dict[str, str]:
    """Digits of each directory number -> the reference to write instead."""
    found: dict[str, str] = {}
    for entry in files.contacts:
        contact = entry.contact
        for field in ("phone", "phone_alt", "sms", "whatsapp"):
            value = getattr(contact, field)
            if value:
                suffix = "" if field == contact.main_field else f".{field}"
                found.setdefault(digits_of(value), f"{{{{{contact.id}{suffix}}}}}")
    return found


def _article_problem(
    entry: ArticleFile, message: str, field: str, loc: tuple[str | int, ...]
) -> Problem:
    return Problem(entry.display, "ERROR", message, field, entry.document.line(loc))


def _check_records(entry: ArticleFile, by_number: dict[str, str]) -> Iterator[Problem]:
    """Every article records its checks, and every number in its answers is among them."""
    article = entry.article
    if not article.checked:
        yield _article_problem(
            entry,
            "no check records: list each claim with a number, deadline, amount, rule or "
            "programme, the page that confirms it and the date (see knowledge/README.md)",
            "checked",
            ("checked",),
        )
        return  # every number would be unclaimed: the one message above says it all
    claims = [record.claim for record in article.checked]
    for language in LANGUAGES:
        localized = article.localized(language)
        for form in TEXT_FIELDS:
            text = _without_typed_numbers(without_references(getattr(localized, form)), by_number)
            missing = unclaimed_numbers(text, claims)
            if missing:
                listed = ", ".join(missing)
                yield _article_problem(
                    entry,
                    f"{listed} in the text but in no check claim: record the check "
                    "(claim with the numbers as written, source, level, on) or remove them",
                    f"{language}.{form}",
                    (language, form),
                )


def _without_typed_numbers(text: str, by_number: dict[str, str]) -> str:
    """A typed phone number is reported as such, not also digit by digit as unclaimed."""
    for found in raw_numbers(text, by_number):
        text = text.replace(found.text, " ")
    return text


def _typed_numbers(entry: ArticleFile, by_number: dict[str, str]) -> Iterator[Problem]:
    """A number typed into the text instead of a {{contact}} reference."""
    for language in LANGUAGES:
        localized = entry.article.localized(language)
        for form in ("title", *TEXT_FIELDS):
            raw = getattr(localized, form)
            for found in raw_numbers(without_references(raw), by_number):
                reference = by_number.get(digits_of(found.text))
                advice = (
                    f"write {reference} instead"
                    if reference
                    else "not in the directory: add the line to contacts.yml (with its "
                    "source) and write a {{contact-id}} reference, or remove it"
                )
                line = entry.document.line_of(found.text, (language, form))
                yield Problem(
                    entry.display,
                    "ERROR",
                    f"phone number {found.text!r} typed in the text: {advice}",
                    f"{language}.{form}",
                    line,
                )


def _unlisted_references(entry: ArticleFile, known_ids: set[str]) -> Iterator[Problem]:
    """The `contacts:` list says which lines an article quotes; it must not miss one (an
    unknown id is the loader's error, not reported twice)."""
    listed = set(entry.article.contacts)
    reported: set[str] = set()
    for language in LANGUAGES:
        localized = entry.article.localized(language)
        for form in ("title", *TEXT_FIELDS):
            for reference in references(getattr(localized, form)):
                contact_id = reference.contact_id
                if contact_id in listed or contact_id in reported or contact_id not in known_ids:
                    continue
                reported.add(contact_id)
                yield Problem(
                    entry.display,
                    "ERROR",
                    f"{reference.raw} quotes {contact_id!r}, which is missing from `contacts:`",
                    f"{language}.{form}",
                    entry.document.line_of(reference.raw, (language, form)),
                )


_BARE = "cites a home page ({url}): cite the page that says it"


def _article_citations(entry: ArticleFile) -> Iterator[Problem]:
    article = entry.article
    for index, source in enumerate(article.sources):
        if _bare(source):
            yield _article_problem(
                entry,
                _BARE.format(url=source.url),
                f"sources[{index}].url",
                ("sources", index, "url"),
            )
    for index, record in enumerate(article.checked):
        if is_bare_domain(record.source):
            yield _article_problem(
                entry,
                _BARE.format(url=record.source),
                f"checked[{index}].source",
                ("checked", index, "source"),
            )


def _contact_citations(entry: ContactEntry) -> Iterator[Problem]:
    contact, prefix = entry.contact, ("contacts", entry.index)
    name = f"contacts[{entry.index}]"
    cited: list[tuple[str, Loc, str | None]] = [
        (f"{name}.sources[{i}].url", (*prefix, "sources", i, "url"), source.url)
        for i, source in enumerate(contact.sources)
        if _bare(source)
    ]
    if is_bare_domain(contact.verification.url):
        cited.append(
            (f"{name}.verification.url", (*prefix, "verification", "url"), contact.verification.url)
        )
    for field, loc, url in cited:
        line = entry.document.line(loc)
        yield Problem(entry.display, "ERROR", _BARE.format(url=url), field, line)


def _bare(source: Source) -> bool:
    return source.url is not None and is_bare_domain(source.url)


def _is_stale(review: Review, today: date) -> bool:
    return review.status(today) != "current"


def _stale(review: Review, today: date) -> Problem:
    status = review.status(today)
    period = f"{review.months} months"
    if status == "future":
        return Problem(
            review.path, "ERROR", f"{review.checked} is in the future", review.field, review.line
        )
    if status == "overdue":
        message = (
            f"{review.checked} is more than {period} ago: check it again against its source "
            "and update the date"
        )
        return Problem(review.path, "ERROR", message, review.field, review.line)
    message = f"{review.checked}: due for review by {review.due} ({period} period)"
    return Problem(review.path, "WARNING", message, review.field, review.line)
