"""When, where and according to whom: an event's date, place and reporting speaker.

The date comes from ``dateline.time.date_of`` for the trigger's clause when the time stage
provides it (else from the time expressions inside the clause), then from the statement
that reports the event, then from the publication day. The place comes from
``dateline.geo.choose_event_place`` when available, else from the places inside the clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from ..model import Article, Location, Place, Statement

__all__ = ["Dating", "date_for", "day_span_of", "location_of", "place_for", "published_day", "statement_for"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Dating:
    """An event's date, the end of its span, and where the date came from."""

    date: str | None
    enddate: str | None
    source: str | None  # "text", "statement" or "published"
    rule: str = ""


@lru_cache(maxsize=1)
def _date_of() -> Callable[..., Any] | None:
    try:
        from ..time import date_of  # type: ignore[attr-defined]
    except ImportError:
        return None
    return date_of


@lru_cache(maxsize=1)
def _choose_place() -> Callable[..., Any] | None:
    try:
        from ..geo import choose_event_place  # type: ignore[attr-defined]
    except ImportError:
        return None
    return choose_event_place


def published_day(article: Article) -> str | None:
    """The publication day (in the article's own UTC offset) as an ISO date, or None."""
    when = article.published_datetime()
    if when is None:
        return None
    return when.isoformat()[:10]


def day_span_of(value: str | None) -> tuple[str, str | None] | None:
    """A TimeML value as (first day, last day or None): days, weeks and months only."""
    if not value:
        return None
    m = _DAY.match(value)
    if m:
        return m.group(0), None
    m = _WEEK.match(value)
    if m:
        try:
            first = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return first.isoformat(), (first + timedelta(days=6)).isoformat()
    m = _MONTH.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return f"{year:04d}-{month:02d}-01", (nxt - timedelta(days=1)).isoformat()
    return None


def _times_inside(
    article: Article, start: int, end: int, anchor: int
) -> tuple[str, str | None] | None:
    best: tuple[int, tuple[str, str | None]] | None = None
    for t in article.times:
        if t.type not in ("DATE", "TIME") or t.start < start or t.end > end:
            continue
        span = day_span_of(t.value)
        if span is None:
            continue
        if t.enddate and span[1] is None and t.enddate != span[0]:
            span = (span[0], t.enddate)
        dist = abs(t.start - anchor)
        if best is None or dist < best[0]:
            best = (dist, span)
    return best[1] if best else None


def statement_for(article: Article, start: int, end: int) -> Statement | None:
    """The statement whose content contains [start, end), the innermost one if nested."""
    found = [
        s
        for s in article.statements
        if s.content is not None and s.content.start <= start and end <= s.content.end
    ]
    return min(found, key=lambda s: s.content.end - s.content.start) if found else None


def date_for(
    article: Article,
    doc: Doc | None,
    *,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    statement: Statement | None,
    report_clause: tuple[int, int] | None,
) -> Dating:
    """Date an event: its own clause, then its statement, then the publication day.

    Args:
        article: the article, with ``times`` and ``statements`` filled by earlier stages.
        doc: its parse.
        trigger: character span of the trigger.
        clause: character span of the trigger's clause.
        statement: the statement reporting the event, if any.
        report_clause: character span of the speech verb's clause when the event is
            reported ("Rouhani said on Saturday ...") but no statement covers it.
    """
    date_of = _date_of()
    own: tuple[str, str | None] | None = None
    if date_of is not None:
        try:
            own = date_of(article, trigger[0], trigger[1], doc)
        except Exception:  # noqa: BLE001 - a time-stage bug must not stop event coding
            own = None
        rule = "dateline.time.date_of"
    if own is None:
        own = _times_inside(article, clause[0], clause[1], trigger[0])
        rule = "time expression in the clause"
    if own is not None:
        return Dating(own[0], own[1], "text", rule)
    if statement is not None and statement.date:
        return Dating(statement.date[:10], None, "statement", "date of the reporting statement")
    if report_clause is not None:
        span = _times_inside(article, report_clause[0], report_clause[1], report_clause[0])
        if span is not None:
            return Dating(span[0], span[1], "statement", "time expression of the speech verb")
    day = published_day(article)
    return Dating(day, None, "published" if day else None, "publication day")


def location_of(place: Place) -> Location:
    """The event location record of a place the article names."""
    return Location(
        name=place.name or place.text,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
    )


def place_for(
    article: Article, *, trigger: tuple[int, int], clause: tuple[int, int]
) -> tuple[Location | None, str]:
    """The event's place and how it was chosen (None when the text gives none)."""
    choose = _choose_place()
    if choose is not None:
        try:
            place = choose(article, trigger[0], trigger[1])
        except Exception:  # noqa: BLE001 - a geo-stage bug must not stop event coding
            place = None
        if place is not None:
            return location_of(place), "dateline.geo.choose_event_place"
        return None, ""
    inside = [p for p in article.places if clause[0] <= p.start and p.end <= clause[1]]
    if not inside:
        return None, ""
    finer = [p for p in inside if p.feature not in ("country", "continent", "region")] or inside
    best = min(finer, key=lambda p: abs(p.start - trigger[0]))
    return location_of(best), "place in the clause"
