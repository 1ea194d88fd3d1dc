"""Numbers in article text: phone-number-like strings, and the digit runs a claim must cover.

A help line typed into an article drifts from the directory (the same consulate ended up
with different numbers in different replies), and a figure nobody checked is a figure
nobody can vouch for. These functions find both; `knowledge.fact_rules` reports them.
Callers blank out `{{...}}` references first (see knowledge.references.without_references).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MIN_PHONE_DIGITS = 7

# Digit groups joined by single separators: "1-888-373-7888", "+1 (470) 751-9077",
# "900 10 50 90", "911". A group in parentheses must close ("(470)"; "(24 hours)" is not
# part of the number before it). Not glued to a word, slash, dot or hyphen before it
# ("BOE-A-2023-26100", "gob.pe/83486") nor followed by a letter or slash ("H-2A", "24/7").
_GROUP = r"(?:\(\d+\)|\d+)"
_SEPARATOR = r"(?:[ .\-]|(?<=\))\s?|\s?(?=\(\d+\)))"
NUMBERISH = re.compile(
    rf"(?<![\w/.,\-+])(?:\+\s?)?{_GROUP}(?:{_SEPARATOR}{_GROUP})*(?![\w/]|[.,\-]\d)"
)
# Numbers that look like phones but are dates or year ranges: 2026-11-23, 17.01.2025, 2015-2019.
_ISO_DATE = re.compile(r"^(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$")
_DAY_FIRST_DATE = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)\d\d$")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d ?- ?(?:19|20)\d\d$")
_DIGITS = re.compile(r"\d+")
# "1. ", "2) " at the start of a line: a list marker, not a claim.
_LIST_MARKER = re.compile(r"^(\s*)\d+[.)](?=\s)", re.MULTILINE)


@dataclass(frozen=True)
class Found:
    text: str
    start: int


def digits_of(value: str) -> str:
    return "".join(_DIGITS.findall(value))


def numberish(text: str) -> Iterator[Found]:
    """Every run of digits and separators that could be dialled or texted."""
    for match in NUMBERISH.finditer(text):
        yield Found(match[0].strip(), match.start())


def is_date(value: str) -> bool:
    value = value.strip()
    return bool(_ISO_DATE.match(value) or _DAY_FIRST_DATE.match(value) or _YEAR_RANGE.match(value))


def raw_numbers(text: str, directory_numbers: Iterable[str]) -> Iterator[Found]:
    """Phone-like strings typed in `text`: 7 digits or more (dates excepted), or exactly the
    digits of a number in the directory (911, 016, 233733...)."""
    known = {digits for number in directory_numbers if (digits := digits_of(number))}
    for found in numberish(text):
        digits = digits_of(found.text)
        looks_like_a_phone = len(digits) >= MIN_PHONE_DIGITS and not is_date(found.text)
        if looks_like_a_phone or digits in known:
            yield found


def without_list_markers(text: str) -> str:
    """`text` without numbered-list markers ("1." at the start of a line)."""
    return _LIST_MARKER.sub(lambda match: match[1], text)


def digit_runs(text: str) -> list[str]:
    """Every run of digits, in order ("$1,000 in 24 hours" -> 1, 000, 24)."""
    return _DIGITS.findall(text)


def unclaimed_numbers(text: str, claims: Iterable[str]) -> list[str]:
    """Digit runs of `text` (list markers aside) that appear in no claim, in order, once."""
    covered = {run for claim in claims for run in digit_runs(claim)}
    missing: list[str] = []
    for run in digit_runs(without_list_markers(text)):
        if run not in covered and run not in missing:
            missing.append(run)
    return missing
