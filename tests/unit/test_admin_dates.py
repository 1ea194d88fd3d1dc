"""Dates, times and durations in the admin: Babel, in the officer's language and the admin's
time zone, which every time names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from admin.dates import day, duration, since, span, when
from tests.conftest import make_settings

MOMENT = datetime(2026, 12, 2, 18, 7, tzinfo=UTC)


def test_a_time_is_short_in_spanish_with_a_24_hour_clock_and_names_its_zone() -> None:
    assert when(MOMENT, "es") == "2/12/26, 18:07 UTC"


def test_a_time_is_short_in_english_with_am_pm_and_names_its_zone() -> None:
    assert when(MOMENT, "en") == "12/2/26, 6:07\u202fPM UTC"  # CLDR: a narrow no-break space


def test_sqlite_naive_moments_are_read_as_utc() -> None:
    assert when(MOMENT.replace(tzinfo=None), "es") == when(MOMENT, "es")


def test_a_time_is_shown_in_the_admins_zone_with_its_name_or_offset() -> None:
    assert when(MOMENT, "en", ZoneInfo("America/Los_Angeles")) == "12/2/26, 10:07\u202fAM PST"
    assert when(MOMENT, "es", ZoneInfo("Europe/Madrid")) == "2/12/26, 19:07 CET"
    # Spanish has no short name for Pacific time: the offset, not a bare "-0800".
    assert when(MOMENT, "es", ZoneInfo("America/Los_Angeles")) == "2/12/26, 10:07 UTC-08:00"


def test_no_moment_is_a_dash() -> None:
    assert when(None, "en") == "—"
    assert since(None, "es") == "—"


def test_a_day_in_each_language() -> None:
    assert day(date(2026, 12, 2), "es") == "2 dic 2026"
    assert day(date(2026, 12, 2), "en") == "Dec 2, 2026"


@pytest.mark.parametrize(
    ("delta", "es", "en"),
    [
        (timedelta(seconds=20), "20s", "20s"),
        (timedelta(minutes=40, seconds=59), "40min", "40m"),
        (timedelta(hours=1, minutes=31), "1h 31min", "1h 31m"),
        (timedelta(hours=2), "2h", "2h"),
        (timedelta(hours=23, minutes=59), "23h 59min", "23h 59m"),
        (timedelta(days=2, hours=3, minutes=5), "2d 3h", "2d 3h"),
        (timedelta(seconds=-5), "0s", "0s"),
    ],
)
def test_a_duration_is_cut_to_its_two_largest_units(delta: timedelta, es: str, en: str) -> None:
    assert (duration(delta, "es"), duration(delta, "en")) == (es, en)


def test_how_long_ago_in_each_language() -> None:
    later = MOMENT + timedelta(minutes=3, seconds=10)
    assert since(MOMENT, "es", later) == "hace 3 minutos"
    assert since(MOMENT, "en", later) == "3 minutes ago"
    assert since(MOMENT, "en", MOMENT) == "1 second ago"  # never "in 0 seconds"
    # Not "2 hours" for an hour and a half: a unit is used from two of it on.
    assert since(MOMENT, "en", MOMENT + timedelta(minutes=90)) == "90 minutes ago"


def test_the_admin_time_zone_setting_must_be_a_real_zone() -> None:
    assert make_settings(admin_time_zone="America/Mexico_City").admin_time_zone == (
        "America/Mexico_City"
    )
    with pytest.raises(ValidationError, match="unknown time zone"):
        make_settings(admin_time_zone="Mars/Olympus_Mons")


def test_a_span_in_a_sentence_is_in_words() -> None:
    assert span(timedelta(minutes=30), "es") == "30 minutos"
    assert span(timedelta(minutes=30), "en") == "30 minutes"
    assert span(timedelta(minutes=90), "en") == "90 minutes"
