"""When two event records report the same event, and so merge into one.

The merge rule (docs/dedup.md): two events merge when they have
  1. the same PLOVER type and the same modality, where asserted and historical count as one
     (both say it happened; a denial never merges with the act),
  2. the same first actor and the same first recipient, compared by actor code (USAGOV), else
     country (USA), else the resolved actor id, else the lower-cased text; an empty side only
     matches an empty side,
  3. the same date at the precision the text gives: both day-precise and the same day, or
     one of them a span (a week: ``2014-W24`` or 2014-06-09..2014-06-15, a month, a year)
     that contains the other, and
  4. compatible places: the same country and, when both have coordinates, within 50 km;
     a missing place is compatible with any.
Events with no date never merge. The key below covers rules 1-2 and the date's
coarse part; :func:`dates_compatible` and :func:`locations_compatible` check the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Event, Location, Participant

MERGE_KM = 50.0


@dataclass(frozen=True)
class EventKey:
    """What must be equal for two events to merge (the date as its year, for an index)."""

    type: str
    modality: str
    actor: str
    recipient: str
    year: str

    def as_string(self) -> str:
        return f"{self.type}|{self.modality}|{self.actor}|{self.recipient}|{self.year}"


MODALITY_GROUPS = {"asserted": "happened", "historical": "happened"}


def side_key(parts: list[Participant]) -> str:
    """One string for a side of an event: its first participant's best identifier."""
    if not parts:
        return ""
    p = parts[0]
    code, country = (p.code or "").upper(), (p.country or "").upper()
    if code and not (country and code.startswith(country)):
        return code  # a non-state actor (ISIS, IGOUNO) is itself, wherever it acts
    if country:
        return country
    return p.actor or " ".join(p.text.lower().split())


def event_key(event: Event) -> EventKey | None:
    """The merge key of an event; None when it has no date (such events never merge)."""
    if not event.date:
        return None
    return EventKey(
        event.type, MODALITY_GROUPS.get(event.modality, event.modality),
        side_key(event.actor), side_key(event.recipient), event.date[:4],
    )


def merge_key(event: Event) -> str | None:
    """``event_key(event).as_string()``, the ``merged_events.key`` column, built directly."""
    if not event.date:
        return None
    modality = MODALITY_GROUPS.get(event.modality, event.modality)
    return f"{event.type}|{modality}|{side_key(event.actor)}|{side_key(event.recipient)}|{event.date[:4]}"


@lru_cache(maxsize=65536)
def date_range(value: str) -> tuple[date, date] | None:
    """The first and last day a TimeML date value covers (day, ISO week, month, year)."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            d = date.fromisoformat(value[:10])
            return d, d
        if len(value) >= 8 and value[4:6] == "-W":
            y, w = int(value[:4]), int(value[6:8])
            return date.fromisocalendar(y, w, 1), date.fromisocalendar(y, w, 7)
        if len(value) == 7 and value[4] == "-":
            y, m = int(value[:4]), int(value[5:7])
            last = (date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1)
            return date(y, m, 1), date.fromordinal(last)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def event_range(value: str | None, end: str | None = None) -> tuple[date, date] | None:
    """The days an event's ``date`` (and ``enddate``, for spans such as "last week") cover."""
    if not value:
        return None
    r = date_range(value)
    if r is not None and end:
        e = date_range(end)
        if e is not None and e[1] >= r[0]:
            return r[0], e[1]
    return r


def dates_compatible(a: str | None, b: str | None, a_end: str | None = None, b_end: str | None = None) -> bool:
    """Rule 3: the same day, or one event's span contains the other's."""
    if not a or not b:
        return False
    ra, rb = event_range(a, a_end), event_range(b, b_end)
    if ra is None or rb is None:
        return a == b
    if ra[0] == ra[1] and rb[0] == rb[1]:
        return ra[0] == rb[0]
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


def locations_compatible(a: Location | None, b: Location | None) -> bool:
    """Rule 4: same country, and within :data:`MERGE_KM` when both have coordinates."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= MERGE_KM  # type: ignore[arg-type]
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def same_event(a: Event, b: Event) -> bool:
    """The whole merge rule for two events."""
    ka, kb = event_key(a), event_key(b)
    return (
        ka is not None and ka == kb and dates_compatible(a.date, b.date, a.enddate, b.enddate)
        and locations_compatible(a.location, b.location)
    )
