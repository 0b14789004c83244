"""The process pool: input order, bounded reading ahead, failures in place, extraction-only runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.dist import parallel_items, resolve_workers
from dateline.dist import pool as pool_module
from dateline.dist.worker import Stored, analyse_documents
from dateline.ingest import Document, Failure
from dateline.model import Article


def test_resolve_workers_zero_means_every_core() -> None:
    assert resolve_workers(0) >= 1
    assert resolve_workers(None) == resolve_workers(0)
    assert resolve_workers(3) == 3
    assert resolve_workers(-2) == 1


def test_parallel_items_keeps_input_order_with_two_workers(corpus: Path) -> None:
    settings = Settings(batch_size=2)
    one = list(parallel_items([str(corpus)], settings=settings, workers=1, analyse=False))
    two = list(parallel_items([str(corpus)], settings=settings, workers=2, analyse=False))
    assert [x.input for x in two] == [x.input for x in one]
    assert [type(x) for x in two] == [type(x) for x in one]
    assert sum(isinstance(x, Article) for x in two) == 8
    bad = [x for x in two if isinstance(x, Failure)]
    assert {Path(f.input.split(":")[0]).name for f in bad} == {"10-lines.jsonl", "20-empty.txt"}


def test_parallel_items_reads_ahead_only_a_bounded_number_of_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    pulled = 0

    def documents(*_args: object, **_kw: object):
        nonlocal pulled
        for n in range(400):
            pulled += 1
            yield None, Document(f"doc-{n}", "txt", f"Title {n}\n\nThe council met on day {n}.\n".encode())

    monkeypatch.setattr(pool_module, "documents_of", documents)
    items = parallel_items(["unused"], settings=Settings(batch_size=5), workers=2, analyse=False)
    first = next(items)
    assert first.input == "doc-0"
    # 2 workers x 2 chunks in flight x 5 documents, plus the chunk being assembled
    assert pulled <= 2 * pool_module.IN_FLIGHT_PER_WORKER * 5 + 5
    rest = list(items)
    assert len(rest) == 399 and rest[-1].input == "doc-399"


def test_analyse_documents_turns_unreadable_documents_into_failures() -> None:
    docs = [Document("a.txt", "txt", b"Title\n\nThe minister resigned on Monday.\n"),
            Document("b.txt", "txt", b"   "), Failure("c.txt", "cannot read")]
    out = analyse_documents(docs, settings=Settings(), analyse=False)
    assert [type(x) for x in out] == [Article, Failure, Failure]
    assert out[2].reason == "cannot read"


def test_analyse_documents_marks_stored_articles_and_skips_their_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store import open_store

    docs = [Document("a.txt", "txt", b"Title\n\nThe minister resigned on Monday.\n")]
    article = analyse_documents(docs, settings=Settings(), analyse=False)[0]
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_articles([article])

        def no_analysis(*_a: object, **_k: object) -> None:
            raise AssertionError("a stored article was analysed again")

        monkeypatch.setattr("dateline.dist.worker.worker_pipeline", no_analysis)
        out = analyse_documents(docs, settings=Settings(), store=store)
    assert out == [Stored("a.txt", article.id)]


def test_parallel_items_replaces_tired_workers_without_losing_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    def documents(*_args: object, **_kw: object):
        for n in range(24):
            yield None, Document(f"doc-{n}", "txt", f"Title {n}\n\nThe court sat on day {n}.\n".encode())

    monkeypatch.setattr(pool_module, "documents_of", documents)
    monkeypatch.setattr(pool_module, "CHUNKS_PER_WORKER_LIFE", 2)
    items = list(parallel_items(["unused"], settings=Settings(batch_size=4), workers=2, analyse=False))
    assert [x.input for x in items] == [f"doc-{n}" for n in range(24)]


def _record_line(n: int) -> str:
    text = f"The port authority said on day {n} that ferry number {n} would sail again on Monday."
    return Article(id=f"rec-{n}", text=text, analysis={"dateline": "test"}).to_json()


def test_records_analysed_before_are_read_here_and_start_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(_record_line(n) + "\n" for n in range(30)), encoding="utf-8")

    def no_pool(*_a: object, **_k: object) -> None:
        raise AssertionError("a worker pool was started for records that need no work")

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", no_pool)
    items = list(parallel_items([str(records)], settings=Settings(batch_size=4), workers=2))
    assert [x.id for x in items] == [f"rec-{n}" for n in range(30)]
    assert all(isinstance(x, Article) and x.analysis == {"dateline": "test"} for x in items)


def test_mixed_records_and_documents_keep_input_order_with_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def documents(*_args: object, **_kw: object):
        for n in range(40):
            if (n // 4) % 2:  # chunks of four: records and raw texts in turn
                yield None, Document(f"in-{n}", "record", None, Article.model_validate_json(_record_line(n)).model_dump())
            else:
                yield None, Document(f"in-{n}", "txt", f"Title {n}\n\nThe court sat on day {n}.\n".encode())

    monkeypatch.setattr(pool_module, "documents_of", documents)
    assert not pool_module.needs_worker([Document("r", "record", None, {}), Failure("f", "unreadable")])
    assert pool_module.needs_worker([Document("r", "record", None, {}), Document("t", "txt", b"x")])
    items = list(parallel_items(["unused"], settings=Settings(batch_size=4), workers=2, analyse=False))
    assert len(items) == 40
    assert [x.id for x in items[4:8]] == [f"rec-{n}" for n in range(4, 8)]
    assert all(x.input == f"in-{n}" for n, x in enumerate(items) if (n // 4) % 2 == 0)
