"""The main job: inputs -> articles (read, extracted, analysed) -> JSONL or the store."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import collector
from .config import Settings
from .errors import DatelineError, InputError
from .extract import to_article
from .ingest import Document, Failure, read_inputs
from .model import Article, Source
from .pipeline import Pipeline

log = logging.getLogger(__name__)

__all__ = ["RunReport", "ingest", "iter_articles", "process"]


@dataclass
class RunReport:
    """What a run did: counts and the failed inputs with their reasons."""

    articles: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def extract_documents(
    items: Iterable[Document | Failure], *, published: str | None = None, source: Source | None = None
) -> Iterator[Article | Failure]:
    """Extract each raw document; an unreadable one becomes a :class:`Failure` and the run goes on."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield to_article(item, published=published, source=source)
        except DatelineError as e:
            yield Failure(item.input, getattr(e, "problem", str(e)))
        except Exception as e:
            log.debug("extraction failed for %s", item.input, exc_info=True)
            yield Failure(item.input, f"could not be read ({type(e).__name__}: {e})")


def iter_articles(
    inputs: Iterable[str],
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    published: str | None = None,
    source: Source | None = None,
    analyse: bool = True,
) -> Iterator[Article | Failure]:
    """Read, extract and analyse every article of the inputs, in input order.

    Failures (unreadable inputs) are yielded in place, never raised.
    """
    settings = settings or Settings()
    extracted = extract_documents(read_inputs(inputs, settings=settings), published=published, source=source)
    if not analyse:
        yield from extracted
        return
    pipeline_: Pipeline | None = pipeline
    pending: list[Article | Failure] = []

    def flush() -> Iterator[Article | Failure]:
        # Records that were analysed before (``analysis`` set) pass through unchanged.
        fresh = [x for x in pending if isinstance(x, Article) and x.analysis is None]
        nonlocal pipeline_
        if fresh and pipeline_ is None:
            pipeline_ = Pipeline(settings)  # loaded only when something needs analysing
        done = iter(pipeline_.analyse(fresh)) if fresh and pipeline_ else iter(())
        for x in pending:
            yield next(done) if isinstance(x, Article) and x.analysis is None else x
        pending.clear()

    for item in extracted:
        pending.append(item)
        if len(pending) >= settings.batch_size:
            yield from flush()
    yield from flush()


def process(
    text_or_path: str | Path,
    *,
    published: str | None = None,
    source: Source | dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> Article:
    """Read one article (a wire-text string, or a path to any supported input) and analyse it.

    Args:
        text_or_path: the article's text, or a path to a file (the first article in it).
        published: publication time (ISO 8601) when the input states none.
        source: ``{"name", "place", "via"}`` when the input names none.

    Raises:
        InputError: the input holds no readable article.
    """
    settings = settings or Settings()
    src = Source.model_validate(source) if isinstance(source, dict) else source
    if isinstance(text_or_path, Path) or ("\n" not in text_or_path and Path(text_or_path).is_file()):
        for item in iter_articles([str(text_or_path)], settings=settings, published=published, source=src):
            if isinstance(item, Failure):
                raise InputError(item.input, item.reason)
            return item
        raise InputError(str(text_or_path), "no article found")
    doc = Document("<text>", "txt", str(text_or_path).encode("utf-8"))
    article = to_article(doc, published=published, source=src)
    return Pipeline(settings).analyse_one(article)


def ingest(
    inputs: list[str],
    *,
    store: Any,
    settings: Settings | None = None,
    on_item: Callable[[Article | Failure | Any], None] | None = None,
    analyse: bool = True,
    workers: int | None = 1,
    published: str | None = None,
    run_log: bool = True,
) -> RunReport:
    """Process the inputs into a store in batches, one transaction each: ``settings.store_batch_size``
    articles, or fewer at the end of a chunk when the first of them has waited
    ``settings.store_flush_seconds``.

    Already stored articles (same id or content) are counted as duplicates, not stored again,
    and are not analysed again; failures are stored with their reasons. A run interrupted at
    any point and started again only reads and analyses what is missing.

    Args:
        inputs: files, directories, globs, URLs, ``-``.
        store: an open :class:`~dateline.store.Store`.
        settings: model, batch size, stages.
        on_item: called with every outcome (an Article, a Failure, or a
            :class:`~dateline.dist.Stored` for an article already stored): progress.
        analyse: run the NLP stages (else extraction only).
        workers: processes (``1`` = in this process, ``0``/``None`` = all cores).
        published: publication time for inputs that state none.
        run_log: for a SQLite store, keep ``<db>.runlog`` of finished input files (path, size,
            mtime) so that a later run does not even read them.

    Returns:
        The run's report.
    """
    from .dist.pool import keyed_chunks
    from .dist.resume import RunLog, default_run_log, store_fingerprint
    from .dist.worker import Stored

    settings = settings or Settings()
    report = RunReport()
    run_id = store.start_run("ingest", inputs)
    log_path = default_run_log(store.url) if run_log else None
    done_log = RunLog(log_path, store=store_fingerprint(store)) if log_path else None
    batch: list[Article] = []
    finished: dict[str, int] = {}  # input files whose every article is in ``batch`` or stored
    batch_started = 0.0

    def flush() -> None:
        added, dups = store.add_articles(batch, run_id=run_id)
        report.articles += added
        report.duplicates += dups
        batch.clear()
        if done_log is not None:
            done_log.mark_done(finished)
        finished.clear()

    current: str | None = None
    current_failed = False
    current_articles = 0
    chunks = keyed_chunks(inputs, settings=settings, workers=workers, published=published,
                          analyse=analyse, store=store, run_log=done_log)
    with collector.fewer_collections():  # millions of small objects: see collector
        for chunk in chunks:
            for key, item in chunk:
                if key != current:
                    if current is not None and not current_failed:
                        finished[current] = current_articles
                    current, current_failed, current_articles = key, False, 0
                if on_item:
                    on_item(item)
                if isinstance(item, Failure):
                    current_failed = True
                    report.failures.append(item)
                    store.add_failure(item.input, item.reason, run_id=run_id)
                    continue
                current_articles += 1
                if isinstance(item, Stored):
                    report.duplicates += 1
                    continue
                if not batch:
                    batch_started = time.monotonic()
                batch.append(item)
                if len(batch) >= settings.store_batch_size:
                    flush()
            # at the end of a chunk, not at the next article: that may be a chunk's analysis away
            if batch and time.monotonic() - batch_started >= settings.store_flush_seconds:
                flush()
    if current is not None and not current_failed:
        finished[current] = current_articles
    flush()
    if done_log is not None:
        report.duplicates += done_log.skipped_articles  # stored by an earlier run, not read again
    store.finish_run(run_id, articles=report.articles, duplicates=report.duplicates,
                     failures=len(report.failures))
    return report
