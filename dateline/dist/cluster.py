"""The same stages on a Dask ``distributed`` cluster.

Inputs are cut into partitions (:func:`~dateline.dist.partition.partition_inputs`); each task
reads its partition on the worker, extracts and analyses it with the pipeline loaded once per
worker process (:class:`PipelinePlugin`), and then, by where the results go:

* ``parts_dir``: writes one Parquet part atomically; a part that exists is skipped, so an
  interrupted run started again does only the missing partitions (``dateline load`` merges);
* ``store_url``: writes to the store from the worker (PostgreSQL for several machines);
  articles the store holds are not analysed again;
* neither: hands the outcomes back, and :func:`run_on_cluster` yields them in input order.

At most ``2 x workers`` partitions are in flight at once.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..ingest import Failure
from ..model import Article, Source
from .partition import Partition, partition_inputs, read_partition
from .parts import part_path, write_part
from .pool import IN_FLIGHT_PER_WORKER, resolve_workers
from .worker import Outcome, Stored, analyse_documents

log = logging.getLogger(__name__)

__all__ = ["ClusterReport", "PartResult", "cluster_client", "run_on_cluster"]


@dataclass
class PartResult:
    """What one partition gave: counts, failures, and the outcomes when they come back."""

    name: str
    articles: int = 0
    stored: int = 0
    failures: list[Failure] = field(default_factory=list)
    outcomes: list[Outcome] | None = None
    skipped: bool = False


@dataclass
class ClusterReport:
    """A cluster run: articles analysed, already stored, failed; partitions done and skipped."""

    articles: int = 0
    stored: int = 0
    failures: list[Failure] = field(default_factory=list)
    partitions: int = 0
    skipped_partitions: int = 0

    def add(self, result: PartResult) -> None:
        self.articles += result.articles
        self.stored += result.stored
        self.failures.extend(result.failures)
        self.partitions += 1
        self.skipped_partitions += int(result.skipped)


@lru_cache(maxsize=4)
def _worker_store(url: str) -> Any:
    from ..store import open_store

    return open_store(url)


def run_partition(
    part: Partition,
    *,
    settings: Settings,
    parts_dir: str | None = None,
    store_url: str | None = None,
    run_id: int | None = None,
    published: str | None = None,
    source: Source | None = None,
    analyse: bool = True,
) -> PartResult:
    """One task: read, extract and analyse a partition, then write it out or hand it back."""
    if parts_dir and part_path(Path(parts_dir), part.name).exists():
        return PartResult(part.name, skipped=True)
    docs = list(read_partition(part, settings=settings))
    outcomes = analyse_documents(docs, settings=settings, published=published, source=source,
                                 analyse=analyse, store=store_url)
    result = PartResult(part.name)
    articles = [x for x in outcomes if isinstance(x, Article)]
    result.articles = len(articles)
    result.stored = sum(isinstance(x, Stored) for x in outcomes)
    result.failures = [x for x in outcomes if isinstance(x, Failure)]
    if parts_dir:
        write_part(part_path(Path(parts_dir), part.name), outcomes)
    elif store_url:
        store = _worker_store(store_url)
        added, dups = store.add_articles(articles, run_id=run_id)
        result.articles, result.stored = added, result.stored + dups
        for f in result.failures:
            store.add_failure(f.input, f.reason, run_id=run_id)
    else:
        result.outcomes = outcomes
    return result


@contextmanager
def cluster_client(scheduler: str, *, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: ``local`` starts a LocalCluster of worker processes, else ``tcp://HOST:PORT``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - the dist extra is not installed
        raise ConfigError("a cluster run needs Dask: pip install 'dateline[dist]'") from e
    if scheduler == "local":
        with LocalCluster(n_workers=resolve_workers(workers), threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"no Dask scheduler answers at {scheduler}: {e}") from e
    with client:
        yield client


def run_on_cluster(
    inputs: Iterable[str],
    *,
    scheduler: str,
    settings: Settings,
    workers: int | None = None,
    parts_dir: str | Path | None = None,
    store_url: str | None = None,
    run_id: int | None = None,
    published: str | None = None,
    source: Source | None = None,
    analyse: bool = True,
    per_part: int = 64,
    report: ClusterReport | None = None,
    on_result: Callable[[PartResult], None] | None = None,
) -> Iterator[Outcome]:
    """Run the stages on a Dask cluster; yields outcomes in input order when they come back.

    Args:
        inputs: local files, directories, globs (every worker must see the same paths).
        scheduler: ``local`` or ``tcp://HOST:PORT``.
        settings: model, stages, batch size.
        workers: worker processes for ``local`` (``0``/``None`` = all cores).
        parts_dir: write Parquet parts here (only inputs that cannot be split are yielded,
            as failures).
        store_url: write to this store from the workers (only inputs that cannot be split are
            yielded, as failures).
        run_id: the store's run the articles belong to.
        published: publication time for inputs that state none.
        source: source for inputs that name none.
        analyse: run the NLP stages (else extraction only).
        per_part: documents per partition.
        report: filled in with counts as partitions finish.
        on_result: called with every finished partition (progress).
    """
    report = report if report is not None else ClusterReport()
    parts, failures = partition_inputs(inputs, settings=settings, per_part=per_part)
    for f in failures:  # inputs that cannot be split: yielded whatever the mode
        report.failures.append(f)
        yield f
    if parts_dir:
        Path(parts_dir).mkdir(parents=True, exist_ok=True)
    options = {"settings": settings, "parts_dir": str(parts_dir) if parts_dir else None,
               "store_url": store_url, "run_id": run_id, "published": published,
               "source": source, "analyse": analyse}
    with cluster_client(scheduler, workers=workers) as client:
        if analyse:
            from .plugin import PipelinePlugin

            client.register_plugin(PipelinePlugin(settings), name=PipelinePlugin.name)
        window = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})) or 1) * IN_FLIGHT_PER_WORKER
        pending: deque[Any] = deque()
        for part in parts:
            if parts_dir and part_path(Path(parts_dir), part.name).exists():
                result = PartResult(part.name, skipped=True)
                report.add(result)
                if on_result:
                    on_result(result)
                continue
            pending.append(client.submit(run_partition, part, pure=False, **options))
            while len(pending) >= window:
                yield from _finish(pending.popleft(), report, on_result)
        while pending:
            yield from _finish(pending.popleft(), report, on_result)


def _finish(future: Any, report: ClusterReport, on_result: Callable[[PartResult], None] | None) -> Iterator[Outcome]:
    result: PartResult = future.result()
    future.release()
    report.add(result)
    if on_result:
        on_result(result)
    if result.outcomes:
        yield from result.outcomes
