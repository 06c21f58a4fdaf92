"""How the kiosk shows times: 24-hour clock and Norwegian dates, in the sites' own time zone.

All four Statens hus sites are in Norway, so times are shown in Europe/Oslo whatever zone the
tablet's system clock is set to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

SITE_TIMEZONE = ZoneInfo("Europe/Oslo")


class Clock(Protocol):
    def now(self) -> datetime: ...


def local(moment: datetime) -> datetime:
    return moment.astimezone(SITE_TIMEZONE)


def format_time(moment: datetime) -> str:
    return local(moment).strftime("%H:%M")


def is_midnight(moment: datetime) -> bool:
    """True when ``moment`` is 00:00 at the site: "until midnight" is "the rest of the day"."""
    shown = local(moment)
    return (shown.hour, shown.minute) == (0, 0)


def format_date(moment: datetime, locale: QLocale | None = None) -> str:
    """E.g. "Torsdag 27. november 2025" (capitalised: it starts a line); the pattern (Qt's
    date format) and the names follow the language: "Thursday 27 November 2025"."""
    day = local(moment).date()
    pattern = QCoreApplication.translate("TimeDisplay", "dddd d. MMMM yyyy")
    text = (locale or QLocale()).toString(QDate(day.year, day.month, day.day), pattern)
    return text[:1].upper() + text[1:]
