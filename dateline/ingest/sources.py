"""Expand command-line inputs (paths, directories, globs, ``-``, URLs) into raw documents."""

from __future__ import annotations

import glob
import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from ..config import Settings
from .documents import Document, Failure

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = (".txt", ".text", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
KNOWN_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES


def read_inputs(
    inputs: Iterable[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document | Failure]:
    """Yield a :class:`Document` per article found in the inputs, or a :class:`Failure`.

    Args:
        inputs: paths, directories (read recursively), globs, URLs, or ``-`` for stdin
            (JSONL when it starts with ``{``, else one wire-text page).
        settings: size limits and fetch options.
        stdin: the stream ``-`` reads (default: the process's stdin).
    """
    settings = settings or Settings()
    limiter = None  # one per-host rate limit for every URL of the run
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, settings)
        elif item.startswith(("http://", "https://")):
            from .urls import HostRateLimit, fetch_urls

            limiter = limiter or HostRateLimit(settings.fetch_rate_per_host)
            yield from fetch_urls([item], settings=settings, limiter=limiter)
        else:
            yield from _read_path_or_glob(item, settings)


def _read_path_or_glob(item: str, settings: Settings) -> Iterator[Document | Failure]:
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_known(p))
        if not files:
            yield Failure(item, "directory holds no readable input (.txt, .html, .jsonl, .xml, .warc ...)")
        for p in files:
            yield from read_file(p, settings=settings)
    elif path.exists():
        yield from read_file(path, settings=settings)
    elif any(ch in item for ch in "*?["):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield Failure(item, "no file matches this pattern")
        for m in matches:
            yield from _read_path_or_glob(m, settings)
    else:
        yield Failure(item, "no such file or directory")


def _is_known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(KNOWN_SUFFIXES) and not name.startswith(".")


def read_file(path: Path, *, settings: Settings) -> Iterator[Document | Failure]:
    """Read one file by its suffix; unknown suffixes are read as wire text."""
    name = path.name.lower()
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror}")
        return
    if name.endswith(WARC_SUFFIXES):
        from .warc import read_warc

        yield from read_warc(path, settings=settings)
        return
    if size > settings.max_input_bytes:
        yield Failure(
            str(path), f"too large ({size:,} bytes; the limit is {settings.max_input_bytes:,}, "
            "setting max_input_bytes)"
        )
        return
    try:
        data = _read_bytes(path, limit=settings.max_input_bytes)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as e:
        yield Failure(str(path), f"cannot read: {e}")
        return
    if name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(data, input=str(path))
    elif name.endswith(HTML_SUFFIXES):
        yield Document(str(path), "html", data)
    elif name.endswith(FEED_SUFFIXES):
        from .feeds import read_feed

        yield from read_feed(data, input=str(path), settings=settings)
    else:
        yield Document(str(path), "txt", data)


def _read_bytes(path: Path, *, limit: int) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as f:
            data = f.read(limit + 1)
        if len(data) > limit:
            raise ValueError(f"decompresses to more than {limit:,} bytes (setting max_input_bytes)")
        return data
    return path.read_bytes()


def _read_stream(stream: BinaryIO, settings: Settings) -> Iterator[Document | Failure]:
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        yield Failure("-", f"standard input larger than {settings.max_input_bytes:,} bytes")
        return
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(data, input="-")
    else:
        yield Document("-", "txt", data)


def _loads(line: bytes) -> object:
    """One JSON line: orjson (several times faster on records of 5-50 KB), else Python's json,
    which also reads what orjson refuses (a byte-order mark, NaN and Infinity)."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def read_jsonl(data: bytes, *, input: str) -> Iterator[Document | Failure]:
    """One document per JSON line ``{"id", "text", "title"?, "published"?, "url"?, "source"?}``."""
    for n, line in enumerate(io.BytesIO(data), 1):
        if not line.strip():
            continue
        where = f"{input}:{n}"
        try:
            obj = _loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            yield Failure(where, f"not valid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            yield Failure(where, "expected a JSON object with a \"text\" field")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Failure(where, "no \"text\" (a non-empty string is required)")
            continue
        # A record dateline already wrote (``dateline process -o``) is stored as it is.
        kind = "record" if isinstance(obj.get("analysis"), dict) and isinstance(obj.get("id"), str) else "jsonl"
        yield Document(where, kind, None, obj)
