"""Python's cycle collector during bulk work.

The collector runs after every 700 new container objects (dicts, lists, models) and, every few
runs, walks the older objects too; reading and storing thousands of records allocates millions
of small objects that live until their batch is written, so with the default thresholds the
walks over them took a fifth to a third of an ingest's time (BENCHMARKS.md). Reference counting
frees these objects either way: the collector is only needed for cycles, which records do not
form.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["fewer_collections", "paused"]

BULK_THRESHOLD = 20_000
"""New objects between two young collections during bulk work (Python's default: 700)."""


@contextmanager
def paused() -> Iterator[None]:
    """No collections inside the block (for a bounded burst: one store batch); the collector is
    turned on again after it if it was on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_lock = threading.Lock()
_bulk_runs = 0  # blocks inside fewer_collections, in any thread
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections(threshold: int = BULK_THRESHOLD) -> Iterator[None]:
    """Collections less often inside the block (for a whole run, which may create cycles, say
    in exceptions: they are still collected). Blocks may overlap, in one thread or several: the
    thresholds are put back when the last one ends."""
    global _bulk_runs, _saved
    with _lock:
        if _bulk_runs == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(threshold, _saved[0]), *_saved[1:])
        _bulk_runs += 1
    try:
        yield
    finally:
        with _lock:
            _bulk_runs -= 1
            if _bulk_runs == 0 and _saved is not None:
                gc.set_threshold(*_saved)
