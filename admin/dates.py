"""Dates, times and durations as the officer reads them: Babel, in the officer's language
(es or en, admin/i18n.py) and in the installation's time zone (`ENLACE_ADMIN_TIME_ZONE`,
UTC by default), which every time shown names ("2/12/26, 18:07 UTC", "12/2/26, 10:07 AM PST").

There is one zone for the whole admin, a setting, not a zone per consulate or officer: one
installation serves one consulate's pilot (design.md, "Scale"), and a per-consulate zone would
be a column and a migration. Stored moments are UTC; SQLite gives them back naive.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Final

from babel.dates import format_date, format_datetime, format_timedelta
from babel.units import format_unit

_MINUTE: Final = timedelta(minutes=1)
_HOUR: Final = timedelta(hours=1)
_DAY: Final = timedelta(days=1)


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def zone_label(moment: datetime, zone: tzinfo, locale: str) -> str:
    """The zone's short name in the locale ("UTC", "CET", "PST"); where the locale has none,
    the offset as "UTC-08:00" rather than a bare "-0800"."""
    name = format_datetime(aware(moment), "z", tzinfo=zone, locale=locale)
    if name[:1] in "+-" and len(name) == 5:
        return f"UTC{name[:3]}:{name[3:]}"
    return name


def when(moment: datetime | None, locale: str, zone: tzinfo = UTC) -> str:
    """A moment, short, with its zone: "2/12/26, 18:07 UTC" (es), "12/2/26, 6:07 PM UTC" (en)."""
    if moment is None:
        return "—"
    moment = aware(moment)
    shown = format_datetime(moment, "short", tzinfo=zone, locale=locale)
    return f"{shown} {zone_label(moment, zone, locale)}"


def day(value: date, locale: str) -> str:
    """A calendar day: "2 dic 2026" (es), "Dec 2, 2026" (en)."""
    return format_date(value, "medium", locale=locale)


_UNITS: Final = ((_DAY, "duration-day"), (_HOUR, "duration-hour"), (_MINUTE, "duration-minute"))


def duration(delta: timedelta, locale: str) -> str:
    """A span in its two largest units, cut (not rounded) to the smaller, in the locale's
    narrow unit forms: "40min", "1h 40min" (es), "1h 40m" (en), "2d 3h"; "30s" under a
    minute. A clock that says "2 hours" at 1 h 31 min misleads a queue of targets."""
    delta = max(delta, timedelta(0))
    if delta < _MINUTE:
        return format_unit(int(delta.total_seconds()), "duration-second", "narrow", locale=locale)
    index = next(i for i, (unit, _) in enumerate(_UNITS) if delta >= unit)
    parts: list[str] = []
    for unit, name in _UNITS[index : index + 2]:
        count, delta = divmod(delta, unit)
        if count or not parts:
            parts.append(format_unit(count, name, "narrow", locale=locale))
    return " ".join(parts)


def span(delta: timedelta, locale: str) -> str:
    """A span in words for a sentence, rounded to one unit: "30 minutos", "2 hours"."""
    return format_timedelta(max(delta, timedelta(0)), threshold=2, locale=locale)


def since(moment: datetime | None, locale: str, now: datetime | None = None) -> str:
    """How long ago, in the locale's words, rounded to one unit: "hace 3 minutos", "3 minutes
    ago"; a unit is used from two of it on ("90 minutes ago", then "3 hours ago")."""
    if moment is None:
        return "—"
    delta = max(aware(now or datetime.now(UTC)) - aware(moment), timedelta(seconds=1))
    return format_timedelta(-delta, threshold=2, add_direction=True, locale=locale)
