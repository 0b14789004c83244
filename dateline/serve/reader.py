"""What the pages and the API read from the store, through a small time-limited cache.

The store changes only when something is ingested: the app clears the cache after its own
ingest, and entries expire after ``ttl`` seconds so that writes by another process (a
``dateline ingest`` into the same store) show within that time. ``ttl=0`` turns it off.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import orjson
from sqlalchemy import event

from ..errors import StoreError
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


class _Budget:
    """A SQLite progress handler that interrupts a statement once this thread has spent
    ``seconds`` of CPU time (CPU, not wall-clock time: on a busy machine the process may
    wait for a core, and that is no reason to start again elsewhere)."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.thread_time() + seconds
        self.exceeded = False

    def __call__(self) -> int:
        if time.thread_time() > self.deadline:
            self.exceeded = True
            return 1  # SQLite stops the statement with "interrupted"
        return 0


# the budget of the read running on the event loop (worker threads never have one)
_BUDGET: ContextVar[_Budget | None] = ContextVar("dateline_read_budget", default=None)


def _set_budget(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    """On every checkout of a SQLite connection: the budget of the read on the loop, or none."""
    budget = _BUDGET.get()
    dbapi_conn.set_progress_handler(budget, 20_000 if budget else 0)


class StoreReader:
    """The store's reads for the async endpoints: an answer the cache holds is returned at
    once, on the event loop; anything else is read in a worker thread (and cached, except
    lookups by id). The query of every read is built by the store with bound parameters.

    Events (a page of them, one by id) from a SQLite store are read on the event loop itself
    when that takes at most ``inline_seconds``: a worker thread hands the interpreter's lock
    (GIL) back and forth with the loop at every row SQLite returns, and each hand-over waits
    for the loop while it serves other requests, so that under load a 3 ms read took 300 ms.
    A read that runs past the budget is interrupted and done again in a worker thread, so
    that a slow one (a rare word over a large store) never holds up the other requests.

    Args:
        store: the open store.
        cache: where answers are kept.
        threads: how many reads run in worker threads at once; more wait their turn. A few
            are enough: a read is CPU work, and more threads than that only contend for the
            GIL and for the store's pool of connections.
        inline_seconds: the budget of a read on the event loop; 0 reads everything in threads.
    """

    def __init__(self, store: Store, cache: ReadCache, *, threads: int = 4,
                 inline_seconds: float = 0.02) -> None:
        self.store = store
        self.cache = cache
        self._limiter = anyio.CapacityLimiter(threads)
        self.slow_reads = 0  # reads that ran past the budget and were done again in a thread
        self.inline_seconds = inline_seconds if store.dialect == "sqlite" else 0.0
        if self.inline_seconds > 0 and not event.contains(store.engine, "checkout", _set_budget):
            event.listen(store.engine, "checkout", _set_budget)

    async def _in_thread(self, func: Callable[..., T], *args: Any) -> T:
        return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter)

    async def _quick(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` on the event loop within the budget, else in a worker thread."""
        if self.inline_seconds <= 0:
            return await self._in_thread(func, *args)
        budget = _Budget(self.inline_seconds)
        token = _BUDGET.set(budget)
        try:
            return func(*args)
        except StoreError:
            if not budget.exceeded:
                raise
        finally:
            _BUDGET.reset(token)
        self.slow_reads += 1
        return await self._in_thread(func, *args)

    async def _cached(self, key: Hashable, compute: Callable[[], T], *, quick: bool = False) -> T:
        found = self.cache.peek(key)
        if found is not MISSING:
            return found  # type: ignore[no-any-return]
        return await (self._quick if quick else self._in_thread)(self.cache.get, key, compute)

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
            return orjson.dumps(page, default=str)  # compact UTF-8, as json.dumps(ensure_ascii=False)

        return await self._cached(("events-json", query, limit, offset), read, quick=True)

    async def events(self, query: EventQuery) -> list[dict[str, Any]]:
        """:meth:`Store.query_events` (the query is validated first)."""
        query = query.validate()
        return await self._cached(("events", query), lambda: self.store.query_events(query), quick=True)

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
        return await self._quick(self.store.get_article, article_id)

    async def event(self, event_id: str) -> Event | None:
        """:meth:`Store.get_event` (uncached)."""
        return await self._quick(self.store.get_event, event_id)
