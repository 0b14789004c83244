"""Event queries: filters by actor, country, dyad, type, modality, dates, place and text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from ..errors import ConfigError
from ..model import EVENT_TYPES, MODALITIES
from . import schema as s

SORTABLE = ("date", "type", "modality", "actor_country", "recipient_country", "event_scale", "id")


@dataclass(frozen=True)
class EventQuery:
    """What to select; every value is bound as a parameter, never pasted into SQL."""

    actor: str | None = None  # actor id or code prefix, either side
    country: str | None = None  # ISO3, either side
    dyad: tuple[str, str] | None = None  # (A, B): A->B or B->A
    type: str | None = None
    modality: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    place: str | None = None  # location name (case-insensitive) or ISO3 country of the location
    text: str | None = None  # words in the evidence sentence
    limit: int = 50
    offset: int = 0
    sort: str = "date"
    descending: bool = True

    def validate(self) -> EventQuery:
        if self.type and self.type.upper() not in EVENT_TYPES:
            raise ConfigError(f"unknown event type {self.type!r}; one of {', '.join(EVENT_TYPES)}")
        if self.modality and self.modality not in MODALITIES:
            raise ConfigError(f"unknown modality {self.modality!r}; one of {', '.join(MODALITIES)}")
        if self.sort not in SORTABLE:
            raise ConfigError(f"cannot sort by {self.sort!r}; one of {', '.join(SORTABLE)}")
        if not 0 < self.limit <= 10_000 or self.offset < 0:
            raise ConfigError("limit must be 1..10000 and offset >= 0")
        return self


def event_select(q: EventQuery) -> Select[Any]:
    """The SELECT for a query (rows of the events table joined with their article's title)."""
    q = q.validate()
    e = s.events
    conds = []
    if q.actor:
        like = _escape(q.actor.upper()) + "%"
        conds.append(or_(e.c.actor_id == q.actor, e.c.recipient_id == q.actor,
                         func.upper(e.c.actor_code).like(like, escape="\\"),
                         func.upper(e.c.recipient_code).like(like, escape="\\")))
    if q.country:
        c = q.country.upper()
        conds.append(or_(e.c.actor_country == c, e.c.recipient_country == c))
    if q.dyad:
        a, b = q.dyad[0].upper(), q.dyad[1].upper()
        conds.append(or_(and_(e.c.actor_country == a, e.c.recipient_country == b),
                         and_(e.c.actor_country == b, e.c.recipient_country == a)))
    if q.type:
        conds.append(e.c.type == q.type.upper())
    if q.modality:
        conds.append(e.c.modality == q.modality)
    if q.since:
        conds.append(e.c.date >= q.since)
    if q.until:
        conds.append(e.c.date <= q.until + "\uffff")
    if q.place:
        conds.append(or_(func.lower(e.c.location_name) == q.place.lower(), e.c.location_country == q.place.upper()))
    if q.text:
        for word in q.text.split():
            conds.append(func.lower(e.c.evidence).like("%" + _escape(word.lower()) + "%", escape="\\"))
    order = getattr(e.c, q.sort)
    stmt = (
        select(*[c for c in e.c if c.name != "record"], s.articles.c.title.label("article_title"),
               s.articles.c.url.label("article_url"))
        # an outer join lets the planner walk the events index first (every event has its article)
        .outerjoin(s.articles, s.articles.c.id == e.c.article_id)
        .where(*conds)
        .order_by(order.desc() if q.descending else order.asc(), e.c.id)
        .limit(q.limit)
        .offset(q.offset)
    )
    return stmt


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
