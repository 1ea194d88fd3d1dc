"""Pydantic models of the knowledge-base files (articles, contacts, taxonomy).

The models are the schema of knowledge/README.md in code: they are strict (unknown keys are
rejected, so a typo such as `sorces:` is an error rather than a silently missing field) and
frozen, because one loaded knowledge base is shared by every request of the app.
Content rules that need the whole knowledge base or today's date (segments, review age,
coverage) live in `knowledge.checker`, not here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

Language = Literal["es", "en"]
LANGUAGES: tuple[Language, ...] = ("es", "en")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
_URL = re.compile(r"^https?://\S+$")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not lowercase kebab-case (e.g. wages-unpaid-us)")
    return value


def _country(value: str) -> str:
    if not _COUNTRY.match(value):
        raise ValueError(f"{value!r} is not a 2-letter uppercase country code such as MX or US")
    return value


def _language_code(value: str) -> str:
    if not _LANGUAGE_CODE.match(value):
        raise ValueError(f"{value!r} is not a 2-letter lowercase language code such as es")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{value!r} is not a web address starting with https://")
    return value


def _iso_date(value: Any) -> date:
    """Accept a YAML date or an ISO string, never a number (pydantic reads ints as epochs)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date written as YYYY-MM-DD")


Text = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, AfterValidator(_slug)]
CountryCode = Annotated[str, AfterValidator(_country)]
# Visas and programmes an article may be written for only (Programme in an article's YAML).
PROGRAMMES: Final = ("H-2A", "H-2B", "SAWP", "GECCO")
Programme = Literal["H-2A", "H-2B", "SAWP", "GECCO"]
LanguageCode = Annotated[str, AfterValidator(_language_code)]
Url = Annotated[str, AfterValidator(_url)]
ReviewDate = Annotated[date, BeforeValidator(_iso_date)]
Level = Literal["official", "secondary"]
DEFAULT_REVIEW_MONTHS = 12


def is_bare_domain(url: str) -> bool:
    """True for a home page (https://travel.state.gov, https://x.org/): a citation must name
    the page that says the fact, not the site where it might be."""
    parts = urlsplit(url)
    return parts.path.strip("/") == "" and not parts.query


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(_Strict):
    """One taxonomy topic; `urgent` topics can signal danger and must surface help lines."""

    id: str
    en: Text
    es: Text
    urgent: bool = False


class Source(_Strict):
    """Where a fact comes from: a web page (`url`) or a legal text (`instrument`)."""

    title: Text
    url: Url | None = None
    instrument: Text | None = None

    @model_validator(mode="after")
    def _has_a_reference(self) -> Source:
        if self.url is None and self.instrument is None:
            raise ValueError("a source needs a url or an instrument")
        return self


class CheckRecord(_Strict):
    """One claim of an article (a number, deadline, amount, rule or programme) checked against
    the page that confirms it, and when; `review_months` is shorter for rules in flux."""

    claim: Text
    source: Url
    level: Level
    on: ReviewDate
    review_months: int = Field(default=DEFAULT_REVIEW_MONTHS, ge=1, le=DEFAULT_REVIEW_MONTHS)
    note: Text | None = None


class Countries(_Strict):
    """Who an article is for; an empty list means any country."""

    origin: tuple[CountryCode, ...]
    destination: tuple[CountryCode, ...]

    @property
    def is_general(self) -> bool:
        return not self.origin and not self.destination


class LocalizedText(_Strict):
    """One language of an article: an SMS-sized answer, a full answer, and real questions."""

    title: Text
    short: Text
    full: Text
    questions: tuple[Text, ...] = Field(min_length=1)


class Article(_Strict):
    """A curated, bilingual, sourced answer to one kind of question."""

    id: Slug
    topic: str
    countries: Countries
    # The visas or programmes the article is written for; empty: whoever is in its countries.
    # Chosen for a person on one of them or asking about it; otherwise after general articles.
    programmes: tuple[Programme, ...] = ()
    reviewed: ReviewDate
    reviewed_by: Text
    contacts: tuple[Slug, ...]
    sources: tuple[Source, ...] = Field(min_length=1)
    # Required by the checker (an article without check records is an error there), not
    # here: the app keeps answering while an editor is still recording checks.
    checked: tuple[CheckRecord, ...] = ()
    es: LocalizedText
    en: LocalizedText

    @field_validator("topic")
    @classmethod
    def _topic_in_taxonomy(cls, value: str, info: ValidationInfo) -> str:
        """Validate against the taxonomy passed as context, so tests can use a small one."""
        topics = _context_topics(info)
        if value not in topics:
            raise ValueError(f"{value!r} is not a topic of the taxonomy")
        return value

    def localized(self, language: str) -> LocalizedText:
        """The text in `language`, Spanish for anything else (the product's first language)."""
        return self.en if language == "en" else self.es


class Bilingual(_Strict):
    """A short label that exists in both languages (contact names, hours, notes)."""

    es: Text
    en: Text

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.es


class Verification(_Strict):
    """How well a contact is verified: on the organisation's own page, or only elsewhere."""

    level: Level
    url: Url
    checked: ReviewDate
    review_months: int = Field(default=DEFAULT_REVIEW_MONTHS, ge=1, le=DEFAULT_REVIEW_MONTHS)


# The fields an article may quote with {{contact-id.field}}; numbers are shown bold on WhatsApp.
REFERENCE_FIELDS: tuple[str, ...] = (
    "phone",
    "phone_alt",
    "sms",
    "whatsapp",
    "email",
    "url",
    "name",
)
NUMBER_FIELDS: tuple[str, ...] = ("phone", "phone_alt", "sms", "whatsapp")
# What {{contact-id}} alone stands for: the first of these the contact has.
MAIN_FIELDS: tuple[str, ...] = ("phone", "whatsapp", "sms", "email", "url")


class Contact(_Strict):
    """A help line or office quoted by articles and by urgent replies."""

    id: Slug
    name: Bilingual
    serves: tuple[CountryCode, ...]
    phone: Text | None = None
    phone_alt: Text | None = None
    phone_alt_label: Bilingual | None = None
    sms: Text | None = None
    whatsapp: Text | None = None
    email: Text | None = None
    url: Url | None = None
    hours: Bilingual
    open_24_7: bool
    languages: tuple[LanguageCode, ...] = Field(min_length=1)
    urgent: bool = False
    # The line of this country's consulates for its nationals (a person who asked that
    # nobody write to them is told to call it): set only on consular call centres.
    consulate_of: CountryCode | None = None
    warning: Bilingual | None = None
    note: Bilingual | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    verification: Verification

    @field_validator("urgent")
    @classmethod
    def _urgent_only_if_always_open(cls, value: bool, info: ValidationInfo) -> bool:
        """Urgent replies send people to these lines at any hour: a line that may be closed
        would leave a person in danger with no answer."""
        if value and info.data.get("open_24_7") is False:
            raise ValueError("an urgent contact must be open 24/7 (open_24_7: true)")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not any((self.phone, self.sms, self.whatsapp, self.email, self.url)):
            raise ValueError("a contact needs at least one of phone, sms, whatsapp, email, url")
        if (self.phone_alt is None) != (self.phone_alt_label is None):
            raise ValueError(
                "phone_alt and phone_alt_label go together (who dials the second number)"
            )
        return self

    def field_value(self, field: str, language: str) -> str | None:
        """The text of one quotable field (`name` in `language`), None when the contact lacks it."""
        if field == "name":
            return self.name.get(language)
        value = getattr(self, field)
        return value if isinstance(value, str) else None

    @property
    def main_field(self) -> str:
        """The field {{contact-id}} stands for: phone, else whatsapp, sms, email, url."""
        return next(field for field in MAIN_FIELDS if getattr(self, field))

    def numbers(self) -> tuple[str, ...]:
        """Every number a person could dial or text (phone, phone_alt, sms, whatsapp)."""
        return tuple(value for field in NUMBER_FIELDS if (value := getattr(self, field)))


class ContactsFile(_Strict):
    """The whole `contacts.yml` file."""

    contacts: tuple[Contact, ...]


def _context_topics(info: ValidationInfo) -> frozenset[str]:
    context = info.context
    if isinstance(context, dict) and "topics" in context:
        return frozenset(context["topics"])
    from knowledge.taxonomy import load_taxonomy  # imported here: taxonomy imports models

    return frozenset(load_taxonomy())
