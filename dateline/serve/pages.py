"""The HTML pages: overview, article, events, actor, dyad, map and search."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from ..model import EVENT_TYPES, MODALITIES
from ..store.query import SORTABLE, EventQuery
from .filters import EventFilters, event_filters
from .highlight import article_runs
from .problems import ApiError
from .svg import map_svg, score_line_svg, type_bars_svg

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

LAYERS = (("entity", "entities"), ("place", "places"), ("time", "times"),
          ("statement", "statements"), ("evidence", "event evidence"))


def _page(request: Request, template: str, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/")
async def overview(request: Request) -> Response:
    """Counts, latest events and ingest failures."""
    reader = request.app.state.reader
    return _page(request, "overview.html", stats=await reader.stats(),
                 latest=await reader.events(EventQuery(limit=15)),
                 failures=await reader.failures(limit=20), dyads=await reader.top_dyads(limit=8))


@router.get("/articles/{article_id}")
async def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One article with every span highlighted and its events linked to their evidence."""
    found = await request.app.state.reader.article(article_id)
    if found is None:
        raise ApiError(404, "not_found", f"no article {article_id!r}")
    paragraphs: list[list[tuple[str, Any, bool]]] = [[]]
    for run in article_runs(found):
        for i, piece in enumerate(run.text.split("\n\n")):
            if i:
                paragraphs.append([])
            if piece or (i == 0 and run.anchors):
                paragraphs[-1].append((piece, run, i == 0))
    return _page(request, "article.html", article=found, paragraphs=paragraphs, layers=LAYERS)


@router.get("/events")
async def events(request: Request, filters: Annotated[EventFilters, Depends(event_filters)]) -> Response:
    """The events table with the filters of ``dateline query``, sortable and paged."""
    rows = await request.app.state.reader.events(filters.to_query(extra=1))
    more = len(rows) > filters.limit
    return _page(request, "events.html", rows=rows[: filters.limit], filters=filters, more=more,
                 types=EVENT_TYPES, modalities=MODALITIES, sortable=SORTABLE)


@router.get("/actors/{actor_id}")
async def actor(request: Request, actor_id: Annotated[str, Path(max_length=200)]) -> Response:
    """An actor: offices with dates, events as actor and recipient, statements."""
    profile = await request.app.state.reader.actor(actor_id)
    if profile is None:
        raise ApiError(404, "not_found", f"no actor {actor_id!r} in the knowledge base or the store")
    return _page(request, "actor.html", p=profile)


_CODE = re.compile(r"^[A-Za-z]{3}$")


@router.get("/dyad")
async def dyad(request: Request, a: Annotated[str, Query(max_length=3)] = "",
         b: Annotated[str, Query(max_length=3)] = "", since: Annotated[str, Query(max_length=10)] = "",
         until: Annotated[str, Query(max_length=10)] = "") -> Response:
    """Two countries: weekly cooperation-conflict line and event counts by type."""
    reader = request.app.state.reader
    context: dict[str, Any] = {"a": a.upper(), "b": b.upper(), "since": since, "until": until,
                               "dyads": await reader.top_dyads(limit=20), "profile": None}
    if a or b:
        if not (_CODE.match(a) and _CODE.match(b)):
            raise ApiError(422, "invalid_request", "a and b must be ISO alpha-3 country codes such as USA and IRN")
        profile = await reader.dyad(a, b, since=since or None, until=until or None)
        context["profile"] = profile
        label = f"{profile['a']} - {profile['b']}"
        context["line"] = score_line_svg(profile["weeks"], title=f"weekly mean PLOVER score, {label}")
        context["bars"] = type_bars_svg(profile["by_type"], title=f"events by type, {label}")
        context["events"] = await reader.events(EventQuery(dyad=(profile["a"], profile["b"]), limit=20))
    return _page(request, "dyad.html", **context)


@router.get("/map")
async def world_map(request: Request, type: Annotated[str, Query(max_length=12)] = "",
              modality: Annotated[str, Query(max_length=12)] = "",
              country: Annotated[str, Query(max_length=8)] = "",
              since: Annotated[str, Query(max_length=10)] = "", until: Annotated[str, Query(max_length=10)] = "",
              world: bool = False) -> Response:
    """Where events happened: a circle per place, sized by its number of events."""
    if type and type.upper() not in EVENT_TYPES:
        raise ApiError(422, "invalid_request", f"unknown event type {type!r}")
    if modality and modality not in MODALITIES:
        raise ApiError(422, "invalid_request", f"unknown modality {modality!r}")
    rows = await request.app.state.reader.locations(type=type or None, modality=modality or None,
                           country=country or None, since=since or None, until=until or None)
    svg = map_svg(rows, fit=not world, highlight={country.upper()} if country else None)
    return _page(request, "map.html", svg=svg, rows=rows, type=type.upper(), modality=modality,
                 country=country.upper(), since=since, until=until, world=world,
                 types=EVENT_TYPES, modalities=MODALITIES)


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet with its ``[match]`` markers as ``<mark>``, everything else escaped."""
    text = str(escape(snippet or ""))
    return Markup(re.sub(r"\[([^\[\]<>]{1,200})\]", r"<mark>\1</mark>", text))


@router.get("/search")
async def search(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    """Articles whose title or text has all the words."""
    results = await request.app.state.reader.search(q, limit=50) if q.strip() else []
    for r in results:
        r["snippet_html"] = snippet_html(r.get("snippet"))
    return _page(request, "search.html", q=q, results=results)
