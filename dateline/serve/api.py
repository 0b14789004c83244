"""The JSON API under ``/api/``: the same data as the pages, plus ``POST /api/articles``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from ..model import Article, Event
from .filters import EventFilters, event_filters
from .problems import ApiError
from .uploads import check_token, documents_from_request

router = APIRouter(prefix="/api", tags=["api"])


class EventRow(BaseModel):
    """One event as the store's events table holds it, with its article's title and URL."""

    model_config = ConfigDict(extra="allow")
    id: str
    article_id: str
    idx: int
    type: str
    modality: str
    actor_id: str | None = None
    actor_country: str | None = None
    recipient_id: str | None = None
    recipient_country: str | None = None
    date: str | None = None
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: str | None = None
    event_scale: float | None = None
    article_title: str | None = None


class EventPage(BaseModel):
    """A page of events; ``next`` is the offset of the next page, null on the last one."""

    events: list[EventRow]
    offset: int
    limit: int
    next: int | None

ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"description": d, "content": {"application/json": {"example": {
        "error": {"status": s, "code": c, "message": "...", "detail": None}}}}}
    for s, c, d in ((404, "not_found", "Not found"), (422, "invalid_request", "Invalid parameters"))
}


@router.get("/stats", summary="Counts of what the store holds")
async def stats(request: Request) -> dict[str, Any]:
    """Counts of articles, entities, actors, places, times, statements, events (by type and
    modality), failures and runs, and the range of publication days."""
    return await request.app.state.reader.stats()


@router.get("/events", summary="Events matching filters", responses=ERRORS,
            response_model=EventPage)
async def events(request: Request, filters: Annotated[EventFilters, Depends(event_filters)]) -> Response:
    """Events matching every filter given (the filters of ``dateline query``), one page of
    them; ``next`` is the offset of the next page or null."""
    query = filters.to_query(extra=1)
    body = await request.app.state.reader.event_page_json(query, limit=filters.limit, offset=filters.offset)
    return Response(content=body, media_type="application/json")


@router.get("/events/{event_id}", summary="One event record", responses=ERRORS)
async def event(request: Request, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """The full event record (FORMAT.md) with ``article_id``."""
    found: Event | None = await request.app.state.reader.event(event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return found.model_dump()


@router.get("/articles/{article_id}", summary="One article record", responses=ERRORS)
async def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """The full article record (FORMAT.md) by id or a unique id prefix of 6+ characters."""
    found: Article | None = await request.app.state.reader.article(article_id)
    if found is None:
        raise ApiError(404, "not_found", f"no article {article_id!r}")
    return found.model_dump()


@router.get("/articles", summary="Search article text", responses=ERRORS)
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """Articles whose title or text has all the words of ``q``, best first, with a snippet
    (matches between ``[`` and ``]``)."""
    return {"q": q, "articles": await request.app.state.reader.search(q, limit=limit)}


@router.get("/actors/{actor_id}", summary="An actor: offices, events, statements", responses=ERRORS)
async def actor(request: Request, actor_id: Annotated[str, Path(max_length=200)],
          limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    """What the knowledge base says of an actor (offices with dates) and what the store holds:
    events as actor and as recipient, and statements."""
    profile = await request.app.state.reader.actor(actor_id, limit=limit)
    if profile is None:
        raise ApiError(404, "not_found", f"no actor {actor_id!r} in the knowledge base or the store")
    return profile


@router.get("/dyads/{a}/{b}", summary="Two countries: weekly score and counts by type", responses=ERRORS)
async def dyad(request: Request, a: Annotated[str, Path(pattern="^[A-Za-z]{3}$")],
         b: Annotated[str, Path(pattern="^[A-Za-z]{3}$")],
         since: Annotated[str, Query(max_length=10)] = "", until: Annotated[str, Query(max_length=10)] = "",
         merged: bool = True) -> dict[str, Any]:
    """Events between two countries in either direction: the weekly mean PLOVER score and
    counts of cooperation and conflict (asserted and historical events), and counts by type."""
    return await request.app.state.reader.dyad(a, b, since=since or None, until=until or None, merged=merged)


@router.get("/map", summary="Event locations")
async def locations(request: Request, type: Annotated[str, Query(max_length=12)] = "",
              modality: Annotated[str, Query(max_length=12)] = "",
              country: Annotated[str, Query(max_length=8)] = "",
              since: Annotated[str, Query(max_length=10)] = "",
              until: Annotated[str, Query(max_length=10)] = "") -> dict[str, Any]:
    """Places events happened at, with coordinates and the number of events at each."""
    rows = await request.app.state.reader.locations(type=type or None, modality=modality or None,
                           country=country or None, since=since or None, until=until or None)
    return {"locations": rows}


@router.get("/failures", summary="Inputs that could not be read")
async def failures(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    """The latest ingest failures with their reasons."""
    return {"failures": await request.app.state.reader.failures(limit=limit)}


@router.post(
    "/articles", status_code=201, summary="Ingest articles (token required)",
    responses={
        401: {"description": "No token or a wrong one"},
        403: {"description": "Ingest over HTTP is off (no token configured)"},
        413: {"description": "Body over the size limit"},
        415: {"description": "A content type it does not read"},
        422: {"description": "No article in the body"},
    },
    openapi_extra={"requestBody": {"content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "url": {"type": "string"}}}},
        "application/json": {"schema": {"type": "object", "properties": {
            "url": {"type": "string"}, "text": {"type": "string"}, "title": {"type": "string"},
            "published": {"type": "string"}, "id": {"type": "string"}}}},
        "application/x-ndjson": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    }}},
)
async def ingest(request: Request, analysis: bool = True) -> dict[str, Any]:
    """Read, analyse and store a page upload (form field ``file``), a URL (``url``), one
    article as JSON or a JSONL batch. Needs ``Authorization: Bearer <token>``. Articles
    already stored are counted as duplicates; unreadable ones are listed with the reason."""
    settings = request.app.state.settings
    check_token(request, settings)
    documents = await documents_from_request(request, settings)
    if not documents:
        raise ApiError(422, "invalid_request", "no article found in the request")
    result = await run_in_threadpool(request.app.state.ingester.ingest, documents, analyse=analysis)
    return result.to_dict()
