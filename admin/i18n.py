"""The admin's texts and pages in the officer's language: Babel catalogs, Jinja2 templates.

Templates call `_("…")` (extracted by `make i18n` through babel.cfg's jinja2 mapping); the
locale is the officer's profile, or the browser's Accept-Language before login.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Final

import pycountry
from babel import Locale
from babel.dates import format_datetime, format_timedelta
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.i18n import LOCALES, Texts
from knowledge import topic_label

TEXTS: Final = Texts(Path(__file__).parent / "translations")
DEFAULT_LOCALE: Final = "es"

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)


def browser_locale(request: Request) -> str:
    """The first of the browser's languages we have, else Spanish."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LOCALES:
            return code
    return DEFAULT_LOCALE


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def since(moment: datetime | None, locale: str, now: datetime | None = None) -> str:
    """ "3 minutes", "2 hours": how long ago, in the locale's words."""
    if moment is None:
        return "—"
    delta = (now or datetime.now(UTC)) - _aware(moment)
    return format_timedelta(max(delta, timedelta(0)), locale=locale, threshold=1.5)


def duration(delta: timedelta, locale: str) -> str:
    return format_timedelta(delta, locale=locale, threshold=1.5)


def when(moment: datetime | None, locale: str) -> str:
    if moment is None:
        return "—"
    return format_datetime(_aware(moment), "short", tzinfo=UTC, locale=locale)


def topic_name(topic: str | None, locale: str) -> str:
    """A taxonomy id as the officer reads it ("Pay and wages"); other reasons as they are."""
    if not topic:
        return "—"
    try:
        return topic_label(topic, locale)
    except KeyError:
        return topic


def place_name(code: str | None, locale: str) -> str:
    """An ISO 3166 code as the officer reads it: "México", "Texas, Estados Unidos"; the code
    itself when no name is known."""
    if not code:
        return "—"
    country, _, part = code.upper().partition("-")
    name = Locale.parse(locale).territories.get(country, country)
    if not part:
        return str(name)
    subdivision = pycountry.subdivisions.get(code=code.upper())  # type: ignore[no-untyped-call]
    return f"{subdivision.name}, {name}" if subdivision is not None else f"{code}, {name}"


def render(
    request: Request, name: str, locale: str, status_code: int = 200, **context: object
) -> HTMLResponse:
    template = _env.get_template(name)
    html = template.render(
        request=request,
        locale=locale,
        _=partial(TEXTS.translate, locale),
        since=partial(since, locale=locale),
        when=partial(when, locale=locale),
        topic=partial(topic_name, locale=locale),
        place=partial(place_name, locale=locale),
        duration=partial(duration, locale=locale),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
