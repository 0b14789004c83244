"""Publication dates as pages print them: ``3 March 2021 09:00 (UTC +03:00)`` -> ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)"
_OFFSET = (
    r"(?:\(?\s*(?:UTC|GMT)\s*(?:(?P<sign>[+-−])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?\s*\)?"
    r"|(?P<z>Z)|(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2}))"
)
_PATTERNS = [
    # 3 March 2021 09:00 (UTC +03:00)   |   3 Mar 2021, 09:00 GMT
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\s*,?\s+(?P<year>\d{{4}})(?:\s*,?\s*{_TIME})?\s*{_OFFSET}?", re.IGNORECASE),
    # June 16, 2014 7:21 PM GMT+4
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<year>\d{{4}})(?:\s*,?\s*{_TIME})?\s*{_OFFSET}?", re.IGNORECASE),
    # 2014-06-16 19:21 +04:00 | 2014-06-16T19:21:00+04:00 | 16.06.2014 19:21
    re.compile(rf"(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T\s]+{_TIME})?\s*{_OFFSET}?", re.IGNORECASE),
    re.compile(rf"(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.(?P<year>\d{{4}})(?:\s*,?\s*{_TIME})?\s*{_OFFSET}?", re.IGNORECASE),
]


def parse_printed_date(text: str) -> str | None:
    """The first date (with time and UTC offset when printed) in ``text`` as ISO 8601.

    Returns ``YYYY-MM-DDTHH:MM:SS+HH:MM`` when a time and an offset are given,
    ``YYYY-MM-DDTHH:MM:SS`` with a time alone, ``YYYY-MM-DD`` for a day, else None.
    """
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        try:
            month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower()]
            day = date(int(g["year"]), month, int(g["day"]))
        except (ValueError, KeyError):
            continue
        if g.get("hour") is None:
            return day.isoformat()
        hour, minute = int(g["hour"]), int(g["minute"])
        ampm = (g.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        try:
            stamp = datetime(day.year, day.month, day.day, hour, minute, int(g.get("second") or 0))
        except ValueError:
            return day.isoformat()
        tz = _offset(g, m.group(0))
        return (stamp.replace(tzinfo=tz) if tz else stamp).isoformat()
    return None


def _offset(g: dict[str, str | None], matched: str) -> timezone | None:
    if g.get("z"):
        return UTC
    sign, oh, om = g.get("sign") or g.get("sign2"), g.get("oh") or g.get("oh2"), g.get("om") or g.get("om2")
    if oh is not None:
        delta = timedelta(hours=int(oh), minutes=int(om or 0))
        if delta > timedelta(hours=14):
            return None
        return timezone(-delta if sign in ("-", "−") else delta)
    if re.search(r"\b(UTC|GMT)\b", matched):
        return UTC
    return None
