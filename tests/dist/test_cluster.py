"""A real Dask LocalCluster of two worker processes: same events as the pool, parts, store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.dist import ClusterReport, load_parts, parallel_items, run_on_cluster
from dateline.ingest import Failure
from dateline.model import Article
from dateline.store import open_store


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def events_of(items: list[object]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Each article's events as (type, mode, evidence), in input order."""
    return [
        (x.id, sorted((e.type, str(e.mode), e.evidence.text if e.evidence else "") for e in x.events))
        for x in items if isinstance(x, Article)
    ]


@pytest.mark.slow
def test_run_same_events_with_one_worker_two_workers_and_a_dask_cluster(examples_dir: Path, scheduler: str) -> None:
    settings = Settings(batch_size=4)
    one = list(parallel_items([str(examples_dir)], settings=settings, workers=1))
    two = list(parallel_items([str(examples_dir)], settings=settings, workers=2))
    dask = list(run_on_cluster([str(examples_dir)], scheduler=scheduler, settings=settings, per_part=3))
    assert sum(len(e) for _, e in events_of(one)) > 10
    assert events_of(two) == events_of(one)
    assert events_of(dask) == events_of(one)
    assert [x.to_json() for x in dask if isinstance(x, Article)] == [x.to_json() for x in one if isinstance(x, Article)]


def test_run_on_cluster_writes_parts_once_and_load_merges_them(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    settings = Settings()
    report = ClusterReport()
    list(run_on_cluster([str(corpus)], scheduler=scheduler, settings=settings, parts_dir=parts,
                        analyse=False, per_part=2, report=report))
    assert report.partitions == len(list(parts.glob("*.parquet"))) and report.articles == 8
    again = ClusterReport()
    list(run_on_cluster([str(corpus)], scheduler=scheduler, settings=settings, parts_dir=parts,
                        analyse=False, per_part=2, report=again))
    assert again.skipped_partitions == again.partitions == report.partitions
    with open_store(str(tmp_path / "s.db")) as store:
        loaded = load_parts(parts, store=store)
    assert loaded.articles == 8 and len(loaded.failures) == 2


def test_run_on_cluster_workers_write_to_the_store_and_skip_stored(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        url = store.url
    first = ClusterReport()
    out = list(run_on_cluster([str(corpus), str(tmp_path / "nothing-here")], scheduler=scheduler, settings=Settings(),
                              store_url=url, analyse=False, per_part=2, report=first))
    assert [x.input for x in out if isinstance(x, Failure)] == [str(tmp_path / "nothing-here")]
    second = ClusterReport()
    list(run_on_cluster([str(corpus)], scheduler=scheduler, settings=Settings(), store_url=url,
                        analyse=False, per_part=2, report=second))
    with open_store(db) as store:
        assert store.stats()["articles"] == 8
    assert first.articles == 8 and (second.articles, second.stored) == (0, 8)
