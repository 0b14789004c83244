"""All cores of one machine: a process pool with the spaCy pipeline loaded once per worker.

The calling process reads the inputs lazily and hands chunks of ``batch_size`` raw documents
to the workers, which extract and analyse them. At most ``2 x workers`` chunks are in flight,
so memory stays flat however large the input; results come back in input order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import DatelineError
from ..ingest import Document, Failure
from ..model import Source
from .partition import documents_of
from .resume import RunLog

if TYPE_CHECKING:
    from ..store import Store
from .worker import Outcome, analyse_documents, warm_up

log = logging.getLogger(__name__)

__all__ = ["keyed_chunks", "keyed_outcomes", "parallel_items", "resolve_workers"]

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: enough to keep it busy, few enough to bound memory."""
CHUNKS_PER_WORKER_LIFE = 100
"""A worker is replaced after this many chunks (3,200 articles at batch size 32), so caches that
grow with what was read (the spaCy vocabulary, the stages' lookup caches) cannot grow without
bound: measured with memory handed back after each batch (``release_memory``), a loaded
worker holds about 500 MB and grows by about 50 KB per article of new words. Loading and
warming a new worker costs about 10 CPU seconds, some 1 % of its life's work."""


def resolve_workers(workers: int | None) -> int:
    """``0`` or ``None`` -> the cores this process may use; otherwise at least 1."""
    if not workers:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, workers)


def keyed_outcomes(inputs: Iterable[str], **options: Any) -> Iterator[tuple[str | None, Outcome]]:
    """Every outcome of the inputs in input order, with the run-log key of the file it came
    from (:func:`keyed_chunks`, one chunk after the other; the same options)."""
    for chunk in keyed_chunks(inputs, **options):
        yield from chunk


def keyed_chunks(
    inputs: Iterable[str],
    *,
    settings: Settings,
    workers: int | None = None,
    published: str | None = None,
    source: Source | None = None,
    analyse: bool = True,
    store: Store | None = None,
    run_log: RunLog | None = None,
) -> Iterator[list[tuple[str | None, Outcome]]]:
    """The outcomes of the inputs in input order, with the run-log key of the file each came
    from, a chunk (``settings.batch_size`` documents) at a time: a caller that writes them in
    batches learns where a chunk ends, so it need not wait for the next chunk to decide.

    Args:
        inputs: files, directories, globs, URLs, ``-``.
        settings: model, ``batch_size`` (documents per chunk) and stages.
        workers: processes (``0``/``None`` = all cores, ``1`` = in this process). Input that
            fits in one chunk is analysed in this process: starting workers would cost more.
        published: publication time for inputs that state none.
        source: source for inputs that name none.
        analyse: run the NLP stages (else extraction only).
        store: skip analysing articles this store already holds (they come back as
            :class:`~dateline.dist.worker.Stored`; records analysed before are not looked up);
            workers open it by its URL.
        run_log: skip reading files it lists as finished.
    """
    n = resolve_workers(workers)
    docs = documents_of(inputs, settings=settings, run_log=run_log)
    chunks = _chunks(docs, max(1, settings.batch_size))
    options = {"settings": settings, "published": published, "source": source, "analyse": analyse}
    first = next(chunks, None)
    second = next(chunks, None) if n > 1 and first is not None else None
    if second is None:  # one worker, or input that fits one chunk: no pool to start
        for keys, chunk in chain([first] if first else [], chunks):
            yield list(zip(keys, analyse_documents(chunk, store=store, **options), strict=True))  # type: ignore[arg-type]
        return
    yield from _pooled(chain([first, second], chunks), n, {**options, "store": store})


def parallel_items(inputs: Iterable[str], **options: object) -> Iterator[Outcome]:
    """:func:`keyed_outcomes` without the keys (same options)."""
    for _key, item in keyed_outcomes(inputs, **options):  # type: ignore[arg-type]
        yield item


def _chunks(
    docs: Iterator[tuple[str | None, Document | Failure]], size: int
) -> Iterator[tuple[list[str | None], list[Document | Failure]]]:
    while True:
        chunk = list(islice(docs, size))
        if not chunk:
            return
        yield [k for k, _ in chunk], [d for _, d in chunk]


def _pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a small clean server (no threads or open store of the
    # caller); nothing is preloaded there, as it would be one more process holding spaCy.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _warm(settings: Settings, analyse: bool) -> None:
    """Pool initializer: load the pipeline and its knowledge before the first chunk arrives."""
    if analyse:
        warm_up(settings)


def needs_worker(chunk: list[Document | Failure]) -> bool:
    """Whether a chunk has work for a worker: a document to extract or analyse, not only
    records analysed before (read as they are) and failures."""
    return any(isinstance(d, Document) and d.kind != "record" for d in chunk)


def _pooled(
    chunks: Iterator[tuple[list[str | None], list[Document | Failure]]], n: int, options: dict
) -> Iterator[list[tuple[str | None, Outcome]]]:
    """Chunks with work for a worker go to the pool, started at the first of them; chunks of
    records analysed before are read here, as handing them to a worker costs more than reading
    them (so ``ingest`` of processed records starts no pool and loads no spaCy)."""
    pending: deque[tuple[list[str | None], Future[list[Outcome]]]] = deque()
    store = options["store"]
    remote = {**options, "store": store.url if store is not None else None}  # workers open it by URL
    ex: ProcessPoolExecutor | None = None
    try:
        for keys, chunk in chunks:
            if needs_worker(chunk):
                if ex is None:
                    ex = ProcessPoolExecutor(max_workers=n, mp_context=_pool_context(), initializer=_warm,
                                             initargs=(options["settings"], options["analyse"]),
                                             max_tasks_per_child=CHUNKS_PER_WORKER_LIFE)
                fut = ex.submit(analyse_documents, chunk, **remote)
            else:
                fut = Future()
                fut.set_result(analyse_documents(chunk, **options))
            pending.append((keys, fut))
            while len(pending) >= n * IN_FLIGHT_PER_WORKER:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        for _keys, fut in pending:
            fut.cancel()
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)


def _collect(keys: list[str | None], fut: Future[list[Outcome]]) -> list[tuple[str | None, Outcome]]:
    try:
        results = fut.result()
    except BrokenProcessPool as e:
        raise DatelineError(
            "a worker process died (out of memory?); run again to resume, or use fewer --workers"
        ) from e
    return list(zip(keys, results, strict=True))
