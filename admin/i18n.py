"""The admin's texts and pages in the officer's language: Babel catalogs, Jinja2 templates.

Templates call `_("…")` (extracted by `make i18n` through babel.cfg's jinja2 mapping); the
locale is the officer's profile, or the browser's Accept-Language before login. Dates, times
and durations reach templates as `when`, `day`, `since` and `duration` (admin/dates.py),
already bound to the locale and the admin's time zone.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from functools import partial
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

import pycountry
from babel import Locale
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from admin.dates import day, duration, since, when
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


def topic_name(topic: str | None, locale: str) -> str:
    """A taxonomy id as the officer reads it ("Pay and wages"); other reasons as they are."""
    if not topic:
        return "—"
    try:
        return topic_label(topic, locale)
    except KeyError:
        return topic


def language_name(code: str | None, locale: str) -> str:
    """A language code as the officer reads it ("es" → "español" or "Spanish")."""
    if not code:
        return "—"
    return str(Locale.parse(locale).languages.get(code, code))


def time_zone(request: Request) -> tzinfo:
    """The installation's time zone for the admin (`ENLACE_ADMIN_TIME_ZONE`, checked at start)."""
    settings = getattr(request.app.state, "settings", None)
    name = getattr(settings, "admin_time_zone", "UTC")
    return UTC if name == "UTC" else ZoneInfo(name)


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
        when=partial(when, locale=locale, zone=time_zone(request)),
        day=partial(day, locale=locale),
        topic=partial(topic_name, locale=locale),
        language_name=partial(language_name, locale=locale),
        place=partial(place_name, locale=locale),
        duration=partial(duration, locale=locale),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
