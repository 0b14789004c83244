"""Partitions and Parquet parts: line ranges, stable names, atomic parts, loading twice."""

from __future__ import annotations

from pathlib import Path

from dateline.config import Settings
from dateline.dist import load_parts
from dateline.dist.partition import partition_inputs, read_partition
from dateline.dist.parts import list_parts, part_path, read_part, write_part
from dateline.dist.worker import Stored, analyse_documents
from dateline.ingest import Failure
from dateline.model import Article
from dateline.run import iter_articles
from dateline.store import open_store


def test_partition_inputs_cuts_jsonl_into_line_ranges_and_groups_pages(corpus: Path) -> None:
    parts, failures = partition_inputs([str(corpus), str(corpus / "missing.txt")], settings=Settings(), per_part=2)
    assert [f.input for f in failures] == [str(corpus / "missing.txt")]
    docs = [d.input for p in parts for d in read_partition(p, settings=Settings())]
    whole = [d.input for d in iter_articles([str(corpus)], analyse=False)]
    assert docs == whole
    jsonl = [p for p in parts if p.slices[0][0].endswith(".jsonl")]
    assert [s[1:] for p in jsonl for s in p.slices] == [(0, 2), (2, 4), (4, 6)]
    assert len({p.name for p in parts}) == len(parts)


def test_partition_name_changes_when_the_file_changes(corpus: Path) -> None:
    page = corpus / "00-story.txt"
    before = partition_inputs([str(page)], settings=Settings())[0][0].name
    page.write_text(page.read_text(encoding="utf-8") + "Later, talks resumed.\n", encoding="utf-8")
    assert partition_inputs([str(page)], settings=Settings())[0][0].name != before


def test_write_part_round_trips_every_kind_of_outcome(corpus: Path, tmp_path: Path) -> None:
    docs = list(read_partition(partition_inputs([str(corpus)], settings=Settings(), per_part=50)[0][0],
                               settings=Settings()))
    outcomes = analyse_documents(docs, settings=Settings(), analyse=False) + [Stored("x.txt", "abc")]
    path = part_path(tmp_path, "part-000000-test")
    write_part(path, outcomes)
    back = list(read_part(path))
    assert [type(x) for x in back] == [type(x) for x in outcomes]
    assert [x.to_json() for x in back if isinstance(x, Article)] == [x.to_json() for x in outcomes if isinstance(x, Article)]
    assert [x.reason for x in back if isinstance(x, Failure)] == [x.reason for x in outcomes if isinstance(x, Failure)]
    assert not list(tmp_path.glob(".*.tmp"))


def test_load_parts_stores_once_and_ignores_unfinished_writes(corpus: Path, tmp_path: Path) -> None:
    parts_dir = tmp_path / "parts"
    for part in partition_inputs([str(corpus)], settings=Settings(), per_part=3)[0]:
        outcomes = analyse_documents(list(read_partition(part, settings=Settings())), settings=Settings(), analyse=False)
        write_part(part_path(parts_dir, part.name), outcomes)
    (parts_dir / ".part-000099-x.parquet.123.tmp").write_bytes(b"half a file")
    assert all(not p.name.startswith(".") for p in list_parts(parts_dir))
    with open_store(str(tmp_path / "s.db")) as store:
        first = load_parts(parts_dir, store=store)
        second = load_parts(parts_dir, store=store)
        assert store.stats()["articles"] == 8
    assert (first.articles, len(first.failures)) == (8, 2)
    assert (second.articles, second.duplicates) == (0, 8)


def test_load_parts_records_a_corrupt_part_as_failed(tmp_path: Path) -> None:
    (tmp_path / "part-000000-bad.parquet").write_bytes(b"not parquet")
    with open_store(str(tmp_path / "s.db")) as store:
        report = load_parts(tmp_path, store=store)
    assert len(report.failures) == 1 and "Parquet" in report.failures[0].reason
