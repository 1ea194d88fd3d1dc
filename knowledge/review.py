"""When each fact must be checked again: articles, their check records, and contacts.

Everything checked carries a date and a period (12 months unless a shorter `review_months`
says the rule is in flux). A fact is overdue the day after its period ends and due soon
from three quarters of it (9 months of 12, 4.5 of 6). The checker turns these into errors
and warnings; the editors' report lists what falls due in the next months.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from knowledge.loader import KnowledgeFiles
from knowledge.models import DEFAULT_REVIEW_MONTHS
from knowledge.yamlfile import Loc

Status = Literal["future", "overdue", "due", "current"]
WARN_SHARE = 0.75


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's last day)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last_day))


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    return add_months(day, -months)


def after_months(day: date, months: float) -> date:
    """`day` plus a possibly fractional number of months (4.5 months: 4 months and half of
    the fifth)."""
    whole = int(months)
    start, next_start = add_months(day, whole), add_months(day, whole + 1)
    return start + (next_start - start) * (months - whole)


@dataclass(frozen=True)
class Review:
    """One dated check: what it is, where it is written, and its period."""

    kind: Literal["article", "check", "contact"]
    subject: str  # article id, "article id: claim", contact id
    path: str
    field: str
    line: int | None
    checked: date
    months: int = DEFAULT_REVIEW_MONTHS

    @property
    def due(self) -> date:
        """The last day the check is still current."""
        return add_months(self.checked, self.months)

    @property
    def warn_from(self) -> date:
        return after_months(self.checked, self.months * WARN_SHARE)

    def status(self, today: date) -> Status:
        if self.checked > today:
            return "future"
        if today > self.due:
            return "overdue"
        if today >= self.warn_from:
            return "due"
        return "current"


def reviews(files: KnowledgeFiles) -> Iterator[Review]:
    """Every dated check of the knowledge base, in file order."""
    for entry in files.articles:
        article = entry.article
        yield Review(
            "article",
            article.id,
            entry.display,
            "reviewed",
            entry.document.line(("reviewed",)),
            article.reviewed,
        )
        for index, record in enumerate(article.checked):
            loc: Loc = ("checked", index, "on")
            yield Review(
                "check",
                f"{article.id}: {record.claim}",
                entry.display,
                f"checked[{index}].on",
                entry.document.line(loc),
                record.on,
                record.review_months,
            )
    for contact in files.contacts:
        verification = contact.contact.verification
        loc = ("contacts", contact.index, "verification", "checked")
        yield Review(
            "contact",
            contact.contact.id,
            contact.display,
            f"contacts[{contact.index}].verification.checked",
            contact.document.line(loc),
            verification.checked,
            verification.review_months,
        )
