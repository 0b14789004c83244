"""The event filters of ``dateline query`` as HTTP query parameters, shared by pages and API."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from ..errors import ConfigError
from ..store.query import EventQuery

__all__ = ["EventFilters", "event_filters", "parse_dyad"]

_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``"USA-IRN"`` (or ``USA,IRN`` / ``USA IRN``) -> ``("USA", "IRN")``; empty -> None.

    Raises:
        ConfigError: not two country codes.
    """
    if not value or not value.strip():
        return None
    parts = [p for p in re.split(r"[-,\s/]+", value.strip().upper()) if p]
    if len(parts) != 2:
        raise ConfigError(f"dyad {value!r}: expected two countries such as USA-IRN")
    return parts[0], parts[1]


@dataclass(frozen=True)
class EventFilters:
    """What a person filtered by; empty strings mean "not filtered"."""

    actor: str = ""
    country: str = ""
    dyad: str = ""
    type: str = ""
    modality: str = ""
    since: str = ""
    until: str = ""
    place: str = ""
    text: str = ""
    sort: str = "date"
    order: str = "desc"
    limit: int = 50
    offset: int = 0

    def to_query(self, *, extra: int = 0) -> EventQuery:
        """The store query (``extra`` more rows than the page, to know if a next page exists).

        Raises:
            ConfigError: a filter value the store cannot use (the app answers 422).
        """
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _DAY.match(value):
                raise ConfigError(f"{name} {value!r}: expected a day as YYYY-MM-DD")
        if self.order not in ("asc", "desc"):
            raise ConfigError(f"order {self.order!r}: expected asc or desc")
        dyad = parse_dyad(self.dyad)
        if dyad and dyad[1] < dyad[0]:  # either direction: IRN-USA and USA-IRN are one query (one cached answer)
            dyad = (dyad[1], dyad[0])
        query = EventQuery(
            actor=self.actor or None, country=self.country or None, dyad=dyad,
            type=self.type.upper() or None, modality=self.modality or None,
            since=self.since or None, until=self.until or None, place=self.place or None,
            text=self.text or None, limit=self.limit + extra, offset=self.offset, sort=self.sort,
            descending=self.order == "desc",
        )
        return query.validate()

    def params(self, **changes: Any) -> str:
        """The URL query string of these filters with some values changed, empty ones left out."""
        values = {**asdict(self), **changes}
        defaults = asdict(EventFilters())
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and v != defaults[k]})

    @property
    def active(self) -> bool:
        """Whether any filter (not sort or paging) is set."""
        return any(getattr(self, k) for k in
                   ("actor", "country", "dyad", "type", "modality", "since", "until", "place", "text"))


async def event_filters(
    actor: Annotated[str, Query(max_length=200, description="Actor id or code prefix, either side.")] = "",
    country: Annotated[str, Query(max_length=8, description="ISO alpha-3 country on either side.")] = "",
    dyad: Annotated[str, Query(max_length=20, description="Two countries, e.g. USA-IRN (either direction).")] = "",
    type: Annotated[str, Query(max_length=12, description="PLOVER event type.")] = "",
    modality: Annotated[str, Query(max_length=12, description="asserted, negated, hypothetical, future, historical.")] = "",
    since: Annotated[str, Query(max_length=10, description="First day, YYYY-MM-DD.")] = "",
    until: Annotated[str, Query(max_length=10, description="Last day, YYYY-MM-DD.")] = "",
    place: Annotated[str, Query(max_length=200, description="Location name or its ISO3 country.")] = "",
    text: Annotated[str, Query(max_length=200, description="Words in the evidence sentence.")] = "",
    sort: Annotated[str, Query(max_length=20, description="date, type, modality, actor_country, recipient_country, event_scale, id.")] = "date",
    order: Annotated[str, Query(pattern="^(asc|desc)$", description="asc or desc.")] = "desc",
    limit: Annotated[int, Query(ge=1, le=500, description="Events per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many first.")] = 0,
) -> EventFilters:
    """FastAPI dependency: the filters from the query string (stripped); async because it
    only reads its arguments (no worker thread needed)."""
    return EventFilters(
        actor=actor.strip(), country=country.strip().upper(), dyad=dyad.strip().upper(),
        type=type.strip().upper(), modality=modality.strip().lower(), since=since.strip(),
        until=until.strip(), place=place.strip(), text=text.strip(), sort=sort.strip(),
        order=order, limit=limit, offset=offset,
    )
