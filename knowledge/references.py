"""`{{contact-id}}` and `{{contact-id.field}}` in article text: the directory's value, rendered.

Articles never type a help line's number: they name the contact, and the number, address or
name comes from `knowledge/contacts.yml` when the knowledge base is loaded. One number then
lives in one place, and every consumer (replies, search, actions) sees the final text.

The SMS answer (`short`) gets the plain value. The WhatsApp answer (`full`) shows numbers in
*bold*, unless the reference already sits inside a bold span, and puts a contact's `warning`
on its own line right below the first line that quotes that contact, so nobody can dial the
number without reading it. Questions are never rendered: they are what people type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from knowledge.labels import warning_label
from knowledge.models import (
    LANGUAGES,
    NUMBER_FIELDS,
    REFERENCE_FIELDS,
    Article,
    Contact,
    LocalizedText,
)

Form = Literal["short", "full"]
TEXT_FIELDS: tuple[Form, ...] = ("short", "full")

# Lenient on purpose (any id, any field, spaces): a misspelt reference must be reported by
# the checker, not left in the text as literal braces.
REFERENCE = re.compile(r"\{\{\s*([^{}.\s]*)\s*(?:\.\s*([^{}\s]*)\s*)?\}\}")


@dataclass(frozen=True)
class Reference:
    """One `{{...}}` in a text: which contact, which field (None: its main way to reach it)."""

    contact_id: str
    field: str | None
    start: int
    end: int
    raw: str


class UnknownReference(ValueError):
    """A reference names a contact or a field that does not exist."""


def references(text: str) -> Iterator[Reference]:
    for match in REFERENCE.finditer(text):
        yield Reference(match[1], match[2], match.start(), match.end(), match[0])


def without_references(text: str) -> str:
    """The text with every reference blanked out (same length, so positions still match)."""
    return REFERENCE.sub(lambda match: " " * len(match[0]), text)


def reference_problem(reference: Reference, contacts: Mapping[str, Contact]) -> str | None:
    """Why `reference` cannot be rendered, or None when it can."""
    contact = contacts.get(reference.contact_id)
    if contact is None:
        return f"{reference.raw}: unknown contact {reference.contact_id!r} (not in contacts.yml)"
    if reference.field is None:
        return None
    if reference.field not in REFERENCE_FIELDS:
        fields = ", ".join(REFERENCE_FIELDS)
        return f"{reference.raw}: unknown field {reference.field!r} (one of {fields})"
    if contact.field_value(reference.field, "es") is None:
        return f"{reference.raw}: contact {contact.id!r} has no {reference.field}"
    return None


def render_text(text: str, form: Form, language: str, contacts: Mapping[str, Contact]) -> str:
    """`text` with every reference replaced; raises UnknownReference for one that cannot be."""
    pieces: list[str] = []
    position = 0
    warned: list[Contact] = []
    for reference in references(text):
        problem = reference_problem(reference, contacts)
        if problem is not None:
            raise UnknownReference(problem)
        contact = contacts[reference.contact_id]
        field = reference.field or contact.main_field
        value = contact.field_value(field, language) or ""
        if form == "full" and field in NUMBER_FIELDS and not _inside_bold(text, reference.start):
            value = f"*{value}*"
        pieces.extend((text[position : reference.start], value))
        position = reference.end
        if form == "full" and contact.warning is not None and contact not in warned:
            warned.append(contact)
            pieces.append(_WarningMark(contact.id))
    pieces.append(text[position:])
    if form == "short":
        return "".join(pieces)
    return _place_warnings(pieces, language, contacts)


def render_article(article: Article, contacts: Mapping[str, Contact]) -> Article:
    """The article as people receive it: titles, short and full answers rendered, questions
    untouched (they teach the bot how people write)."""
    update: dict[str, LocalizedText] = {}
    for language in LANGUAGES:
        localized = article.localized(language)
        texts: dict[str, str] = {"title": render_text(localized.title, "short", language, contacts)}
        for form in TEXT_FIELDS:
            texts[form] = render_text(getattr(localized, form), form, language, contacts)
        update[language] = localized.model_copy(update=texts)
    return article.model_copy(update=update)


class _WarningMark(str):
    """Where a warned contact was first quoted; becomes a line after that line."""

    __slots__ = ()


def _place_warnings(pieces: list[str], language: str, contacts: Mapping[str, Contact]) -> str:
    out = ""
    pending: list[str] = []
    for piece in pieces:
        if isinstance(piece, _WarningMark):
            warning = contacts[str(piece)].warning
            if warning is not None:
                pending.append(f"*{warning_label(language)}:* {warning.get(language)}")
            continue
        if pending and "\n" in piece:
            line_end = piece.index("\n")
            out += piece[:line_end] + "\n" + "\n".join(pending)
            pending = []
            piece = piece[line_end:]
        out += piece
    if pending:
        out = out.rstrip("\n") + "\n" + "\n".join(pending) + "\n"
    return out


def _inside_bold(text: str, position: int) -> bool:
    """Whether `position` falls inside a `*...*` span of its line (odd asterisks before it)."""
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("*", line_start, position) % 2 == 1
