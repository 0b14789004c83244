"""The read path of ``GET /api/events``: the same JSON as before, one cached answer for both
directions of a dyad, reads on the event loop within a budget and in a thread past it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from serve_fixtures import SyncClient
from sqlalchemy import insert

from dateline.serve.reader import ReadCache, StoreReader
from dateline.store import open_store
from dateline.store import schema as s
from dateline.store.query import EventQuery

FILTERS = [
    {}, {"dyad": "irq-irn", "limit": 4}, {"dyad": "IRN IRQ", "sort": "id", "order": "asc", "offset": 3},
    {"country": "usa", "type": "accuse", "since": "2020-03-10"}, {"place": "donetsk", "limit": 3},
    {"actor": "ana-minister", "limit": 7, "offset": 20}, {"text": "minister officials"},
    {"sort": "event_scale", "order": "asc", "limit": 5, "offset": 28}, {"country": "RUR"}, {"country": "XXX"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_api_events_body_is_the_json_it_always_was(client: SyncClient, sample_db: str, params: dict) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
    limit, offset = params.get("limit", 50), params.get("offset", 0)
    dyad = tuple(params["dyad"].upper().replace("-", " ").split()) if "dyad" in params else None
    query = EventQuery(actor=params.get("actor"), country=params.get("country", "").upper() or None,
                       dyad=dyad, type=params.get("type", "").upper() or None, since=params.get("since"),
                       place=params.get("place"), text=params.get("text"), sort=params.get("sort", "date"),
                       descending=params.get("order", "desc") == "desc", limit=limit + 1, offset=offset)
    with open_store(sample_db) as store:
        rows = store.query_events(query)
    page = {"events": rows[:limit], "offset": offset, "limit": limit,
            "next": offset + limit if len(rows) > limit else None}
    # byte for byte what json.dumps wrote before orjson did
    assert resp.content == json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()
    assert rows or params == {"country": "XXX"}


def test_api_events_either_direction_of_a_dyad_is_one_cached_answer(client: SyncClient) -> None:
    cache = client.app.state.cache
    first = client.get("/api/events", params={"dyad": "IRQ-IRN"})
    misses, hits = cache.misses, cache.hits
    second = client.get("/api/events", params={"dyad": "irn,irq"})
    assert (cache.misses, cache.hits) == (misses, hits + 1)
    assert first.content == second.content and len(first.json()["events"]) == 10


def _many_events(db: str, n: int = 4000) -> None:
    with open_store(db) as store, store.transaction() as conn:
        conn.execute(insert(s.articles), [{"id": "a", "text": "x", "content_hash": "h", "ingested_at": "x",
                                           "record": "{}"}])
        conn.execute(insert(s.events), [
            {"id": f"e{i:05d}", "article_id": "a", "idx": i, "type": "AID", "modality": "asserted",
             "date": f"2021-01-{i % 28 + 1:02d}", "evidence": f"Convoy number {i} crossed.", "record": "{}"}
            for i in range(n)])


def test_reader_moves_a_read_past_its_budget_to_a_thread(tmp_path: Path) -> None:
    db = str(tmp_path / "many.db")
    _many_events(db)
    scan = EventQuery(text="no such word")  # reads every event
    newest = EventQuery(limit=3, sort="event_scale")  # sorts every event

    async def read(reader: StoreReader) -> tuple[list, list]:
        return await reader.events(scan), await reader.events(newest)

    with open_store(db) as store:
        quick = StoreReader(store, ReadCache(ttl=0))
        assert asyncio.run(read(quick)) == ([], store.query_events(newest))
        assert quick.slow_reads == 0
        tight = StoreReader(store, ReadCache(ttl=0), inline_seconds=1e-9)
        assert asyncio.run(read(tight)) == ([], store.query_events(newest))
        assert tight.slow_reads == 2  # both interrupted on the loop, both answered from a thread
        # the connection the interrupted reads used is fine, and carries no budget any more
        assert [r["id"] for r in store.query_events(EventQuery(limit=2, sort="id", descending=False))] == [
            "e00000", "e00001"]


def test_reader_reads_postgresql_in_threads(store_url: str) -> None:
    with open_store(store_url) as store:
        reader = StoreReader(store, ReadCache(ttl=0))
        assert (reader.inline_seconds > 0) == (store.dialect == "sqlite")
        assert asyncio.run(reader.events(EventQuery())) == []
