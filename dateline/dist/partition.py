"""Inputs -> units of work: the files behind directories and globs, and Dask partitions.

A *partition* is a list of slices ``(path, start, stop)`` over the documents of files, in
input order: small files are grouped, a JSONL file is cut into ranges of lines, a WARC file
is one partition (its records are only found by reading it). A partition's name hashes its
slices with each file's size and mtime, so a changed input gives a new partition.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..config import Settings
from ..ingest import Document, Failure, read_inputs
from ..ingest.sources import JSONL_SUFFIXES, KNOWN_SUFFIXES
from .resume import RunLog, file_key

__all__ = ["Partition", "Unit", "documents_of", "expand_inputs", "partition_inputs", "read_partition"]


@dataclass(frozen=True)
class Unit:
    """One input to read: a local file (with its run-log key), a URL or ``-``."""

    name: str
    key: str | None = None


def expand_inputs(inputs: Iterable[str]) -> Iterator[Unit | Failure]:
    """The files behind the inputs (directories recursively, globs), in the order read_inputs uses."""
    for item in inputs:
        if item == "-" or item.startswith(("http://", "https://")):
            yield Unit(item)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_known(p))
            if not files:
                yield Failure(item, "directory holds no readable input (.txt, .html, .jsonl, .xml, .warc ...)")
            for p in files:
                yield Unit(str(p), file_key(str(p)))
        elif path.exists():
            yield Unit(item, file_key(item))
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Failure(item, "no file matches this pattern")
            yield from expand_inputs(matches)
        else:
            yield Failure(item, "no such file or directory")


def _is_known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(KNOWN_SUFFIXES) and not name.startswith(".")


def documents_of(
    inputs: Iterable[str], *, settings: Settings, run_log: RunLog | None = None
) -> Iterator[tuple[str | None, Document | Failure]]:
    """Every document of the inputs with the run-log key of its file; logged files are skipped."""
    for unit in expand_inputs(inputs):
        if isinstance(unit, Failure):
            yield None, unit
            continue
        if run_log is not None and unit.key is not None and run_log.is_done(unit.key):
            run_log.skip(unit.key)
            continue
        for doc in read_inputs([unit.name], settings=settings):
            yield unit.key, doc


@dataclass(frozen=True)
class Partition:
    """Slices ``(path, start, stop)`` of documents (``stop`` None = to the end), and a stable name."""

    index: int
    slices: tuple[tuple[str, int, int | None], ...]
    name: str


def partition_inputs(
    inputs: Iterable[str], *, settings: Settings, per_part: int = 64
) -> tuple[list[Partition], list[Failure]]:
    """Cut the inputs into partitions of about ``per_part`` documents each.

    Args:
        inputs: files, directories, globs (URLs and ``-`` are not partitioned: a failure).
        settings: size limits.
        per_part: documents per partition (a WARC file is one partition whatever its size).

    Returns:
        The partitions in input order, and the inputs that cannot be partitioned.
    """
    parts: list[list[tuple[str, int, int | None]]] = []
    keys: list[list[str]] = []
    failures: list[Failure] = []
    group: list[tuple[str, int, int | None]] = []
    group_keys: list[str] = []

    def close() -> None:
        if group:
            parts.append(list(group))
            keys.append(list(group_keys))
            group.clear()
            group_keys.clear()

    for unit in expand_inputs(inputs):
        if isinstance(unit, Failure):
            failures.append(unit)
            continue
        if unit.key is None:
            failures.append(Failure(unit.name, "only local files can be split for a cluster run"))
            continue
        name = unit.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            close()
            n = _count_lines(Path(unit.name), settings)
            for start in range(0, max(n, 1), per_part):
                parts.append([(unit.name, start, start + per_part)])
                keys.append([unit.key])
        elif name.endswith((".warc", ".warc.gz")):
            close()
            parts.append([(unit.name, 0, None)])
            keys.append([unit.key])
        else:
            group.append((unit.name, 0, None))
            group_keys.append(unit.key)
            if len(group) >= per_part:
                close()
    close()
    out = []
    for i, (slices, ks) in enumerate(zip(parts, keys, strict=True)):
        digest = hashlib.sha1(json.dumps([slices, ks]).encode("utf-8")).hexdigest()[:16]
        out.append(Partition(i, tuple(slices), f"part-{i:06d}-{digest}"))
    return out, failures


def _count_lines(path: Path, settings: Settings) -> int:
    """Non-blank lines of a JSONL file: the documents ``read_jsonl`` will yield."""
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as f:  # type: ignore[operator]
            return sum(1 for line in islice(f, None) if line.strip())
    except (OSError, EOFError, gzip.BadGzipFile):
        return 1  # one partition; reading it will record the failure


def read_partition(part: Partition, *, settings: Settings) -> Iterator[Document | Failure]:
    """The documents of a partition, in order."""
    for path, start, stop in part.slices:
        docs = read_inputs([path], settings=settings)
        yield from islice(docs, start, stop)
        docs.close()  # type: ignore[attr-defined]
