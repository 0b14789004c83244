"""What one worker does with a chunk of raw documents: extract, skip what is stored, analyse.

The same function runs in the calling process (``--workers 1``), in a pool worker and on a
Dask worker; the spaCy pipeline is loaded once per process and kept (:func:`worker_pipeline`).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from ..config import Settings
from ..ingest import Document, Failure
from ..model import Article, Source
from ..pipeline import Pipeline
from .resume import stored_ids

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

__all__ = ["Outcome", "Stored", "analyse_documents", "worker_pipeline"]


@dataclass(frozen=True)
class Stored:
    """An article that the store already holds: read and extracted, but not analysed again."""

    input: str
    id: str


Outcome = Article | Failure | Stored


@lru_cache(maxsize=2)
def worker_pipeline(settings: Settings) -> Pipeline:
    """The reading stages for these settings, built once per process (the spaCy model with it)."""
    return Pipeline(settings)


WARM_UP_TEXT = (
    "Ministers meet\n\nThe foreign minister of Chile met the Peruvian ambassador in Lima on "
    "Monday, officials said. \"We will talk again,\" she told reporters.\n"
)


def warm_up(settings: Settings) -> None:
    """Build the pipeline and run it once on a short text, so that the stages load their
    knowledge bases (lazily loaded on first use) before the first real chunk arrives.

    A worker is one of several processes sharing the cores, so its BLAS runs one thread:
    more would only compete with the other workers."""
    threadpool_limits(limits=1, user_api="blas")
    pipeline = worker_pipeline(settings)
    try:
        pipeline.analyse_one(Article(id="warm-up", text=WARM_UP_TEXT))
    except Exception:
        log.debug("warm-up failed", exc_info=True)
    release_memory()


def analyse_documents(
    docs: Sequence[Document | Failure],
    *,
    settings: Settings,
    published: str | None = None,
    source: Source | None = None,
    analyse: bool = True,
    store: Store | str | None = None,
) -> list[Outcome]:
    """Extract and analyse a chunk of documents; one outcome per document, in order.

    Args:
        docs: raw documents (failures of reading pass through).
        settings: spaCy model, batch size, stages.
        published: publication time for documents that state none.
        source: source for documents that name none.
        analyse: run the NLP stages (else extraction only).
        store: a store or its URL: articles to analyse that it already holds (same id or
            content hash) come back as :class:`Stored` and are not analysed (records analysed
            before are not looked up: the store skips the ones it holds when it writes them).

    Never raises for bad input: a document that cannot be read or analysed becomes a
    :class:`Failure`.
    """
    from ..run import extract_documents

    items: list[Outcome] = list(extract_documents(docs, published=published, source=source))
    if store is not None:
        items = _mark_stored(items, store)
    if not analyse:
        return items
    fresh = [i for i, x in enumerate(items) if isinstance(x, Article) and x.analysis is None]
    if not fresh:
        return items
    try:
        _analyse(items, fresh, worker_pipeline(settings))
    finally:
        release_memory()
    return items


ANALYSIS_BATCH = 4
"""Articles parsed and analysed together. The stages' working memory grows with the batch
(measured: a batch of 32 news articles peaks about 500 MB above the loaded pipeline, a batch
of 8 about 300 MB; `benchmarks/memory.py --articles 600 --workers 1 --html`: a process peaks
at 948 MiB with batches of 8, 797-800 MiB with batches of 4, at the same speed), while the time
per article hardly changes, so workers analyse in fours and hand the memory back after each."""


def _analyse(items: list[Outcome], fresh: list[int], pipeline: Pipeline) -> None:
    """Analyse ``items[i]`` for ``i`` in ``fresh`` in place, a few at a time."""
    for start in range(0, len(fresh), ANALYSIS_BATCH):
        _analyse_batch(items, fresh[start:start + ANALYSIS_BATCH], pipeline)
        release_memory()


def _analyse_batch(items: list[Outcome], fresh: list[int], pipeline: Pipeline) -> None:
    """Analyse ``items[i]`` for ``i`` in ``fresh`` in place; one bad text fails alone."""
    try:
        done = pipeline.analyse([items[i] for i in fresh])  # type: ignore[misc]
        for i, article in zip(fresh, done, strict=True):
            items[i] = article
    except Exception:  # retry one by one so one bad text fails alone
        log.debug("batch analysis failed; analysing one by one", exc_info=True)
        for i in fresh:
            article = items[i]
            assert isinstance(article, Article)
            try:
                items[i] = pipeline.analyse_one(article)
            except Exception as e:  # noqa: BLE001 - one broken text never stops a run
                items[i] = Failure(article.input or article.id, f"could not be analysed ({type(e).__name__}: {e})")


@lru_cache(maxsize=1)
def _libc() -> Any:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to trim
        return None


def release_memory() -> None:
    """Hand memory freed by a chunk (parse trees, HTML) back to the system (glibc ``malloc_trim``).

    Without it a worker's RSS keeps the high-water mark of its largest chunk.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _mark_stored(items: list[Outcome], store: Store | str) -> list[Outcome]:
    """Articles the store holds become :class:`Stored`; records analysed before are not looked up
    (nothing would be saved: the store skips what it holds when it writes them)."""
    articles = [x for x in items if isinstance(x, Article) and x.analysis is None]
    if not articles:
        return items
    known = stored_ids(store, articles)
    return [
        Stored(x.input or x.id, x.id) if isinstance(x, Article) and x.id in known else x
        for x in items
    ]
