"""Calendar arithmetic on TimeML values: a point in time at some granularity.

A :class:`Point` is a calendar unit (a day, an ISO week, a month, a quarter, a half, a
season, a year, a decade, a century) named by a representative day. It can be shifted by
whole units, printed as a TimeML/ISO 8601 value (``2014-06-16``, ``2014-W24``, ``2014-Q3``,
``199``) and turned back into a first and last day for consumers that want day spans.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

__all__ = [
    "Point",
    "add_months",
    "day_span",
    "parse_value",
    "valid_day",
    "weekday_near",
]

GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day of month clipped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < 1 or year > 9999:
        raise ValueError("year out of range")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def valid_day(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The given ISO weekday nearest ``anchor`` going back (-1), forward (+1) or either (0).

    Direction 0 gives ``anchor`` itself when it is that weekday, else the most recent one.
    """
    delta = weekday - anchor.isoweekday()
    if direction == 0:
        return anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction < 0:
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    return anchor + timedelta(days=delta if delta > 0 else delta + 7)


@dataclass(frozen=True)
class Point:
    """A calendar unit: ``day`` is any day inside it, ``grain`` one of :data:`GRANULARITIES`.

    ``part`` carries a part of day (``NI``) for day points, a season code for seasons, and
    ``WE`` for a weekend; ``clock`` an ``HH:MM`` or ``HH`` time of day.
    """

    day: date
    grain: str
    part: str | None = None
    clock: str | None = None

    def shift(self, n: int, unit: str | None = None) -> Point:
        """Move by ``n`` units (default: this point's own granularity)."""
        unit = unit or self.grain
        d = self.day
        if unit == "day":
            d = d + timedelta(days=n)
        elif unit == "week":
            d = d + timedelta(weeks=n)
        elif unit == "month":
            d = add_months(d, n)
        elif unit == "quarter":
            d = add_months(d, 3 * n)
        elif unit in ("half",):
            d = add_months(d, 6 * n)
        elif unit in ("year", "season"):
            d = add_months(d, 12 * n)
        elif unit == "decade":
            d = add_months(d, 120 * n)
        elif unit == "century":
            d = add_months(d, 1200 * n)
        return replace(self, day=d, clock=None if unit != "day" else self.clock)

    def coarsen(self, grain: str) -> Point:
        """The same point seen at a coarser granularity."""
        return Point(self.day, grain)

    @property
    def value(self) -> str:
        """The TimeML value."""
        d, g = self.day, self.grain
        if g == "day":
            out = d.isoformat()
            if self.clock:
                return f"{out}T{self.clock}"
            return f"{out}T{self.part}" if self.part else out
        if g == "week":
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.part == "WE" else "")
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if g == "season":
            return f"{d.year:04d}-{self.part or 'XX'}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def days(self) -> tuple[date, date]:
        """The first and last day of this unit."""
        d, g = self.day, self.grain
        if g == "day":
            return d, d
        if g == "week":
            start = d - timedelta(days=d.isoweekday() - 1)
            if self.part == "WE":
                return start + timedelta(days=5), start + timedelta(days=6)
            return start, start + timedelta(days=6)
        if g == "month":
            return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if g in ("quarter", "half"):
            size = 3 if g == "quarter" else 6
            first = ((d.month - 1) // size) * size + 1
            start = date(d.year, first, 1)
            end = add_months(start, size) - timedelta(days=1)
            return start, end
        if g == "season":
            return _season_days(d.year, self.part)
        if g == "year":
            return date(d.year, 1, 1), date(d.year, 12, 31)
        if g == "decade":
            y = d.year // 10 * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        y = d.year // 100 * 100
        return date(max(y, 1), 1, 1), date(y + 99, 12, 31)


def _season_days(year: int, code: str | None) -> tuple[date, date]:
    """First and last day of a season (northern hemisphere, astronomical)."""
    if code == "SP":
        return date(year, 3, 20), date(year, 6, 20)
    if code == "SU":
        return date(year, 6, 21), date(year, 9, 22)
    if code == "FA":
        return date(year, 9, 23), date(year, 12, 20)
    if code == "WI":
        return date(year, 12, 21), date(year + 1, 3, 19) if year < 9999 else date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)


def parse_value(value: str | None) -> Point | None:
    """A :class:`Point` for a TimeML value with a concrete year, else None."""
    if not value:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    try:
        y = int(m["y"])
        if m["d"]:
            return Point(date(y, int(m["m"]), int(m["d"])), "day")
        if m["m"]:
            return Point(date(y, int(m["m"]), 1), "month")
        if m["w"]:
            day = date.fromisocalendar(y, int(m["w"]), 1)
            return Point(day, "week", part="WE" if m["we"] else None)
        if m["q"]:
            return Point(date(y, 3 * int(m["q"]) - 2, 1), "quarter")
        if m["h"]:
            return Point(date(y, 6 * int(m["h"]) - 5, 1), "half")
        if m["s"]:
            return Point(date(y, _SEASON_MONTH[m["s"]], 1), "season", part=m["s"])
        return Point(date(y, 1, 1), "year") if y > 0 else None
    except ValueError:
        return None


def day_span(value: str | None) -> tuple[str, str | None] | None:
    """``(first day, last day or None)`` of a TimeML value; None for vague values."""
    point = parse_value(value)
    if point is None:
        return None
    start, end = point.days()
    return start.isoformat(), (end.isoformat() if end != start else None)
