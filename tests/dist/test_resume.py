"""Resumable ingest: stored articles are not analysed again, finished files are not read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.dist.resume import RunLog, default_run_log, file_key
from dateline.model import Article
from dateline.run import ingest
from dateline.store import open_store


class Interrupted(Exception):
    """Stands for a kill in the middle of a run."""


def test_ingest_interrupted_run_resumes_with_only_the_missing_articles(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(batch_size=2, store_batch_size=2)
    db = str(tmp_path / "s.db")
    seen: list[object] = []

    def stop_after_four(item: object) -> None:
        seen.append(item)
        if len(seen) == 4:
            raise Interrupted

    with open_store(db) as store, pytest.raises(Interrupted):
        ingest([str(corpus)], store=store, settings=settings, analyse=False, on_item=stop_after_four)
    with open_store(db) as store:
        first = store.stats()["articles"]
        again: list[object] = []
        report = ingest([str(corpus)], store=store, settings=settings, analyse=False, on_item=again.append)
        assert store.stats()["articles"] == 8
    assert 0 < first < 8
    assert report.articles == 8 - first
    # the files finished in the first run are not read again
    assert not any(isinstance(x, Article) and "00-story" in (x.input or "") for x in again)


def test_ingest_second_run_reads_nothing_that_is_finished(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        ingest([str(corpus)], store=store, settings=Settings(), analyse=False)
        again: list[object] = []
        report = ingest([str(corpus)], store=store, settings=Settings(), analyse=False, on_item=again.append)
    # only the files that failed (a bad JSONL line, an empty page) are read again
    assert {Path(getattr(x, "input", "").split(":")[0]).name for x in again} == {"10-lines.jsonl", "20-empty.txt"}
    assert report.articles == 0 and report.duplicates == 8  # 3 pages not read, 5 lines read again


def test_ingest_without_run_log_still_skips_analysis_of_stored_articles(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        ingest([str(corpus / "00-story.txt")], store=store, settings=Settings(), analyse=False)

        def no_analysis(*_a: object, **_k: object) -> None:
            raise AssertionError("a stored article was analysed again")

        monkeypatch.setattr("dateline.dist.worker.worker_pipeline", no_analysis)
        report = ingest([str(corpus / "00-story.txt")], store=store, settings=Settings(), run_log=False)
    assert report.duplicates == 1 and report.articles == 0


def test_run_log_reads_a_changed_file_again(corpus: Path, tmp_path: Path) -> None:
    page = corpus / "00-story.txt"
    log = RunLog(tmp_path / "x.runlog", store="s1")
    key = file_key(str(page))
    log.mark_done({key: 1})
    assert RunLog(tmp_path / "x.runlog", store="s1").is_done(key)
    page.write_text(page.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    assert not RunLog(tmp_path / "x.runlog", store="s1").is_done(file_key(str(page)))


def test_run_log_ignores_lines_of_another_store_and_torn_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.runlog"
    RunLog(path, store="old").mark_done({"a\t1\t1": 2})
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"file": "b\\t1')
    old = RunLog(path, store="old")
    assert old.done == {"a\t1\t1"}
    old.skip("a\t1\t1")
    assert old.skipped_articles == 2
    assert RunLog(path, store="new").done == set()


def test_default_run_log_sits_beside_sqlite_files_only(tmp_path: Path) -> None:
    assert default_run_log(f"sqlite:///{tmp_path}/s.db") == Path(f"{tmp_path}/s.db.runlog")
    assert default_run_log("postgresql://u@h/db") is None
    assert default_run_log("sqlite:///:memory:") is None


def _records_file(tmp_path: Path, n: int, sentence: str) -> str:
    """A JSONL file of ``n`` records analysed before (distinct texts: ``sentence`` with {n})."""
    path = tmp_path / "records.jsonl"
    lines = [Article(id=f"r{i}", text=sentence.format(n=i), analysis={}).to_json() for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _count_batches(store: object, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the (non-empty) batches ``ingest`` hands the (real) store."""
    sizes: list[int] = []
    add = store.add_articles  # type: ignore[attr-defined]

    def counted(articles: list[Article], **kw: object) -> tuple[int, int]:
        if articles:  # the run's last flush may have nothing left to write
            sizes.append(len(articles))
        return add(articles, **kw)

    monkeypatch.setattr(store, "add_articles", counted)
    return sizes


def test_ingest_writes_store_batches_of_store_batch_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records_file(tmp_path, 23, "Day {n}: the ferry to island {n} sailed again.")
    with open_store(str(tmp_path / "s.db")) as store:
        sizes = _count_batches(store, monkeypatch)
        report = ingest([records], store=store,
                        settings=Settings(batch_size=4, store_batch_size=10), workers=1)
        assert report.articles == 23 and store.stats()["articles"] == 23
    assert sizes == [10, 10, 3]


def test_ingest_writes_a_batch_that_waited_long_enough_at_the_end_of_a_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _records_file(tmp_path, 5, "Day {n}: the bridge to town {n} opened again.")
    sizes_by_wait = {}
    for wait in (0.0, 3600.0):
        with open_store(str(tmp_path / f"s{wait}.db")) as store:
            sizes = _count_batches(store, monkeypatch)
            ingest([records], store=store, workers=1,
                   settings=Settings(batch_size=2, store_batch_size=500, store_flush_seconds=wait))
            assert store.stats()["articles"] == 5
        sizes_by_wait[wait] = sizes
    # waited long enough: written at the end of each chunk of two, not article by article
    assert sizes_by_wait[0.0] == [2, 2, 1]
    assert sizes_by_wait[3600.0] == [5]  # else one batch, at the end of the run


def test_ingest_of_stored_records_through_a_pool_counts_them_as_duplicates(tmp_path: Path) -> None:
    records = _records_file(tmp_path, 9, "Day {n}: the dam on river {n} was repaired.")
    settings = Settings(batch_size=2)
    with open_store(str(tmp_path / "s.db")) as store:
        first = ingest([records], store=store, settings=settings, workers=2, run_log=False)
        again = ingest([records], store=store, settings=settings, workers=2, run_log=False)
        assert store.stats()["articles"] == 9
    assert (first.articles, first.duplicates) == (9, 0)
    assert (again.articles, again.duplicates) == (0, 9)
