"""Parquet parts: one file per partition, written atomically, merged into a store by ``load``.

A part holds one row per document of its partition: ``kind`` (article, failure, stored),
``input``, ``id``, ``content_hash``, ``record`` (the article record as JSON) and ``reason``
(why it failed). A part is written to a temporary name and renamed, so a part that exists is
complete, and a resumed run skips it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import Failure
from ..model import Article
from .worker import Outcome, Stored

log = logging.getLogger(__name__)

__all__ = ["load_parts", "part_path", "read_part", "write_part"]

SUFFIX = ".parquet"


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("kind", pa.string()), ("input", pa.string()), ("id", pa.string()),
        ("content_hash", pa.string()), ("record", pa.large_string()), ("reason", pa.string()),
    ])


def part_path(parts_dir: Path, name: str) -> Path:
    """Where the part of this partition lives."""
    return parts_dir / f"{name}{SUFFIX}"


def write_part(path: Path, outcomes: Sequence[Outcome]) -> None:
    """Write one part atomically (temporary file, fsync, rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[str | None]] = {k: [] for k in ("kind", "input", "id", "content_hash", "record", "reason")}
    for x in outcomes:
        if isinstance(x, Article):
            vals = ("article", x.input, x.id, x.content_hash, x.to_json(), None)
        elif isinstance(x, Stored):
            vals = ("stored", x.input, x.id, None, None, None)
        else:
            vals = ("failure", x.input, None, None, None, x.reason)
        for k, v in zip(rows, vals, strict=True):
            rows[k].append(v)
    table = pa.table(rows, schema=_schema())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_part(path: Path, *, batch_size: int = 256) -> Iterator[Outcome]:
    """The outcomes of one part, in order, a record batch at a time.

    Raises:
        InputError: the file is not a readable part.
    """
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        batches = pf.iter_batches(batch_size=batch_size)
        for batch in batches:
            for row in batch.to_pylist():
                if row["kind"] == "article":
                    yield Article.from_json(row["record"])
                elif row["kind"] == "stored":
                    yield Stored(row["input"] or "", row["id"] or "")
                else:
                    yield Failure(row["input"] or "", row["reason"] or "")
    except (OSError, ValueError, KeyError) as e:
        raise InputError(str(path), f"not a readable Parquet part ({e})") from e


def list_parts(parts_dir: Path) -> list[Path]:
    """Finished parts in partition order (temporary files of interrupted writes are ignored)."""
    return sorted(p for p in parts_dir.glob(f"*{SUFFIX}") if not p.name.startswith("."))


def load_parts(parts_dir: str | Path, *, store: Any, batch_size: int = 200, on_item: Any = None) -> Any:
    """Merge the parts of a directory into a store, in partition order.

    Articles already stored (same id or content) are counted as duplicates; failures are
    stored with their reasons. Loading twice stores nothing new.

    Args:
        parts_dir: a directory written by ``dateline process --parts``.
        store: an open :class:`~dateline.store.Store`.
        batch_size: articles per transaction.
        on_item: called with every outcome (progress).

    Returns:
        A :class:`~dateline.run.RunReport`.
    """
    from ..run import RunReport

    parts_dir = Path(parts_dir)
    if not parts_dir.is_dir():
        raise InputError(str(parts_dir), "no such directory of Parquet parts")
    parts = list_parts(parts_dir)
    report = RunReport()
    run_id = store.start_run("load", [str(parts_dir)])
    batch: list[Article] = []

    def flush() -> None:
        added, dups = store.add_articles(batch, run_id=run_id)
        report.articles += added
        report.duplicates += dups
        batch.clear()

    for path in parts:
        try:
            outcomes = read_part(path)
            for x in outcomes:
                if on_item:
                    on_item(x)
                if isinstance(x, Article):
                    batch.append(x)
                    if len(batch) >= batch_size:
                        flush()
                elif isinstance(x, Stored):
                    report.duplicates += 1
                else:
                    report.failures.append(x)
                    store.add_failure(x.input, x.reason, run_id=run_id)
        except InputError as e:
            failure = Failure(str(path), e.problem if hasattr(e, "problem") else str(e))
            report.failures.append(failure)
            store.add_failure(failure.input, failure.reason, run_id=run_id)
    if batch:
        flush()
    store.finish_run(run_id, articles=report.articles, duplicates=report.duplicates,
                     failures=len(report.failures))
    return report
