"""Event queries: filters by actor, country, dyad, type, modality, dates, place and text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, bindparam, func, or_, select, union

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


class _Shape(NamedTuple):
    """Which filters a query uses, and how it is sorted and paged: queries of one shape share
    one statement (built and compiled once) and differ only in the values bound to it."""

    actor: bool
    country: bool
    dyad: int  # 0: none, 1: both countries the same, 2: either direction
    type: bool
    modality: bool
    since: bool
    until: bool
    place: bool
    words: int  # words of the text filter
    sort: str
    descending: bool
    offset: bool


def event_statement(q: EventQuery) -> tuple[Select[Any], dict[str, Any]]:
    """The SELECT for a query (rows of the events table joined with their article's title
    and URL, without the JSON record) and the values of its parameters.

    The statement depends only on which filters are given and on the sort (it is built once
    for each such shape); every value is a bound parameter.
    """
    q = q.validate()
    words = q.text.split() if q.text else []
    dyad = 0 if not q.dyad else 1 if q.dyad[0].upper() == q.dyad[1].upper() else 2
    shape = _Shape(bool(q.actor), bool(q.country), dyad, bool(q.type), bool(q.modality), bool(q.since),
                   bool(q.until), bool(q.place), len(words), q.sort, q.descending, q.offset > 0)
    values: dict[str, Any] = {"limit": q.limit, "offset": q.offset, "top": q.offset + q.limit}
    if q.actor:
        values |= {"actor": q.actor, "actor_like": _escape(q.actor.upper()) + "%"}
    if q.country:
        values["country"] = q.country.upper()
    if q.dyad:
        values |= {"dyad_a": q.dyad[0].upper(), "dyad_b": q.dyad[1].upper()}
    if q.type:
        values["type"] = q.type.upper()
    if q.modality:
        values["modality"] = q.modality
    if q.since:
        values["since"] = q.since
    if q.until:
        values["until"] = q.until + "\uffff"  # the whole last day, whatever the time
    if q.place:
        values |= {"place_name": q.place.lower(), "place_country": q.place.upper()}
    for i, word in enumerate(words):
        values[f"word{i}"] = "%" + _escape(word.lower()) + "%"
    return _statement(shape), values


@lru_cache(maxsize=512)
def _statement(shape: _Shape) -> Select[Any]:
    """The statement of a shape of query (see :func:`event_statement`).

    The page is chosen first among events alone, and only its rows are then read whole and
    joined with their articles (at once when there is no offset to skip). A filter on either
    side of an event (``country``, ``dyad``) is one ordered query per side, each limited to
    ``offset + limit`` rows: every side walks its own index in date order
    (``ix_events_actor_date``, ``ix_events_recipient_date``, ``ix_events_dyad_date``) instead
    of reading every event of the country and sorting them.
    """
    e = s.events
    conds, sides = _conditions(shape)
    order = getattr(e.c, shape.sort)
    key = (order.desc() if shape.descending else order.asc(), e.c.id)
    columns = [*[c for c in e.c if c.name != "record"], s.articles.c.title.label("article_title"),
               s.articles.c.url.label("article_url")]
    # outer joins: every event has its article; an inner join lets SQLite read articles first
    if len(sides) < 2 and not shape.offset:
        return (select(*columns).outerjoin(s.articles, s.articles.c.id == e.c.article_id)
                .where(*conds, *sides).order_by(*key).limit(bindparam("limit")))
    if len(sides) < 2:
        page = (select(e.c.id).where(*conds, *sides).order_by(*key)
                .limit(bindparam("limit")).offset(bindparam("offset")).scalar_subquery())
    else:
        branches = [select(e.c.id, order.label("k")).where(*conds, side).order_by(*key)
                    .limit(bindparam("top")).subquery() for side in sides]
        # UNION drops an event that matches two sides (an event within one country)
        both = union(*[select(b.c.id, b.c.k) for b in branches]).subquery()
        k = both.c.k
        page = (select(both.c.id).order_by(k.desc() if shape.descending else k.asc(), both.c.id)
                .limit(bindparam("limit")).offset(bindparam("offset")).scalar_subquery())
    return (select(*columns).outerjoin(s.articles, s.articles.c.id == e.c.article_id)
            .where(e.c.id.in_(page)).order_by(*key))


def _conditions(shape: _Shape) -> tuple[list[Any], list[Any]]:
    """The conditions every event must meet, and the sides of which it must meet one (the
    dyad's two directions, or the country as actor or as recipient; empty without either)."""
    e = s.events
    conds: list[Any] = []
    sides: list[Any] = []
    if shape.actor:
        like = bindparam("actor_like")
        conds.append(or_(e.c.actor_id == bindparam("actor"), e.c.recipient_id == bindparam("actor"),
                         func.upper(e.c.actor_code).like(like, escape="\\"),
                         func.upper(e.c.recipient_code).like(like, escape="\\")))
    if shape.country:
        sides = [e.c.actor_country == bindparam("country"), e.c.recipient_country == bindparam("country")]
    if shape.dyad:
        if sides:
            conds.append(or_(*sides))
        a, b = bindparam("dyad_a"), bindparam("dyad_b")
        sides = [and_(e.c.actor_country == a, e.c.recipient_country == b),
                 and_(e.c.actor_country == b, e.c.recipient_country == a)][:shape.dyad]
    if shape.type:
        conds.append(e.c.type == bindparam("type"))
    if shape.modality:
        conds.append(e.c.modality == bindparam("modality"))
    if shape.since:
        conds.append(e.c.date >= bindparam("since"))
    if shape.until:
        conds.append(e.c.date <= bindparam("until"))
    if shape.place:
        conds.append(or_(func.lower(e.c.location_name) == bindparam("place_name"),
                         e.c.location_country == bindparam("place_country")))
    for i in range(shape.words):
        conds.append(func.lower(e.c.evidence).like(bindparam(f"word{i}"), escape="\\"))
    if len(sides) == 1:
        conds.append(sides.pop())
    return conds, sides


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
