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


@contextmanager
def fewer_collections(threshold: int = BULK_THRESHOLD) -> Iterator[None]:
    """Collections less often inside the block (for a whole run, which may create cycles, say
    in exceptions: they are still collected); the thresholds are put back after it."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
