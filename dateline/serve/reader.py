"""What the pages and the API read from the store, through a small time-limited cache.

The store changes only when something is ingested: the app clears the cache after its own
ingest, and entries expire after ``ttl`` seconds so that writes by another process (a
``dateline ingest`` into the same store) show within that time. ``ttl=0`` turns it off.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi.concurrency import run_in_threadpool

from ..model import Article, Event
from ..store.query import EventQuery
from ..store.store import Store
from . import reads
from .profiles import actor_profile, dyad_profile

__all__ = ["ReadCache", "StoreReader"]

T = TypeVar("T")
MISSING = object()


class ReadCache:
    """Least-recently-used results, each kept at most ``ttl`` seconds.

    Args:
        ttl: seconds an answer is reused; 0 disables the cache.
        max_entries: how many answers to keep.
    """

    def __init__(self, *, ttl: float = 10.0, max_entries: int = 2048) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for ``key``, or ``compute()`` stored under it."""
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] > now:
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()  # outside the lock: slow reads must not queue behind each other
        with self._lock:
            self._items[key] = (now + self.ttl, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def peek(self, key: Hashable) -> Any:
        """The cached answer for ``key``, or :data:`MISSING` (never computes)."""
        if self.ttl <= 0:
            return MISSING
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] > time.monotonic():
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]
        return MISSING

    def clear(self) -> None:
        """Forget every answer (after an ingest)."""
        with self._lock:
            self._items.clear()


class StoreReader:
    """The store's reads for the async endpoints: an answer the cache holds is returned at
    once, on the event loop; anything else is read in a worker thread (and cached, except
    lookups by id). The query of every read is built by the store with bound parameters.

    Args:
        store: the open store.
        cache: where answers are kept.
    """

    def __init__(self, store: Store, cache: ReadCache) -> None:
        self.store = store
        self.cache = cache

    async def _cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        found = self.cache.peek(key)
        if found is not MISSING:
            return found  # type: ignore[no-any-return]
        return await run_in_threadpool(self.cache.get, key, compute)

    async def stats(self) -> dict[str, Any]:
        """:meth:`Store.stats`."""
        return await self._cached(("stats",), self.store.stats)

    async def event_page_json(self, query: EventQuery, *, limit: int, offset: int) -> bytes:
        """One page of events as the JSON of ``GET /api/events`` (``query`` asks for one row
        more than ``limit``, to tell whether a next page exists)."""
        query = query.validate()

        def read() -> bytes:
            rows = self.store.query_events(query)
            more = len(rows) > limit
            page = {"events": rows[:limit], "offset": offset, "limit": limit,
                    "next": offset + limit if more else None}
            return json.dumps(page, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")

        return await self._cached(("events-json", query, limit, offset), read)

    async def events(self, query: EventQuery) -> list[dict[str, Any]]:
        """:meth:`Store.query_events` (the query is validated first)."""
        query = query.validate()
        return await self._cached(("events", query), lambda: self.store.query_events(query))

    async def failures(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """:meth:`Store.failures`."""
        return await self._cached(("failures", limit), lambda: self.store.failures(limit=limit))

    async def search(self, words: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """:meth:`Store.search_articles`."""
        return await self._cached(("search", words, limit),
                                  lambda: self.store.search_articles(words, limit=limit))

    async def top_dyads(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """:func:`reads.top_dyads`."""
        return await self._cached(("dyads", limit), lambda: reads.top_dyads(self.store, limit=limit))

    async def locations(self, **filters: Any) -> list[dict[str, Any]]:
        """:func:`reads.event_locations` with the given filters."""
        key = ("locations", tuple(sorted(filters.items())))
        return await self._cached(key, lambda: reads.event_locations(self.store, **filters))

    async def dyad(self, a: str, b: str, **options: Any) -> dict[str, Any]:
        """:func:`profiles.dyad_profile`."""
        key = ("dyad", a.upper(), b.upper(), tuple(sorted(options.items())))
        return await self._cached(key, lambda: dyad_profile(self.store, a, b, **options))

    async def actor(self, actor_id: str, *, limit: int = 100) -> dict[str, Any] | None:
        """:func:`profiles.actor_profile`."""
        return await self._cached(("actor", actor_id, limit),
                                  lambda: actor_profile(self.store, actor_id, limit=limit))

    async def article(self, article_id: str) -> Article | None:
        """:meth:`Store.get_article` (uncached)."""
        return await run_in_threadpool(self.store.get_article, article_id)

    async def event(self, event_id: str) -> Event | None:
        """:meth:`Store.get_event` (uncached)."""
        return await run_in_threadpool(self.store.get_event, event_id)
