"""Web archives (WARC, plain or gzipped): one :class:`Document` per HTML response record.

Reading streams: records are read one at a time (FastWARC over a file stream), so a 20 GB
archive never sits in memory, and a record larger than ``max_input_bytes`` is refused
without being read whole. A corrupt record is recorded as a :class:`Failure` and reading
resumes at the next ``WARC/1.x`` header; a truncated or corrupt gzip stream ends the file
with a :class:`Failure` after every record read before the damage has been yielded.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Settings
from .documents import Document, Failure

__all__ = ["read_warc"]

LOGGER = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_START = b"WARC/1."
_SCAN_CHUNK = 1 << 16
_MAX_RESYNCS = 10_000


def read_warc(path: Path, *, settings: Settings) -> Iterator[Document | Failure]:
    """Yield a ``warc-record`` :class:`Document` per HTML response in a WARC file.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (gzip is recognised by its magic bytes).
        settings: ``max_input_bytes`` bounds each record's payload.

    Yields:
        Documents with ``fields`` ``url`` (WARC-Target-URI), ``headers`` (HTTP),
        ``warc_date`` and ``status``; input ``path#<record id>``. Failures for corrupt,
        truncated or oversized records and for damaged compression; never raises.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, also when the consumer stops early
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror}")
        return
    try:
        magic = raw.read(2)
        raw.seek(0)
        inner: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if magic == b"\x1f\x8b" else raw
        stream = _TolerantStream(inner)
        yield from _read_records(path, stream, settings)
        if stream.error is not None:
            yield Failure(
                str(path),
                f"compressed data is truncated or corrupt after {stream.position:,} bytes "
                f"({stream.error}); the records before it were read",
            )
    finally:
        raw.close()


def _read_records(path: Path, stream: _TolerantStream, settings: Settings) -> Iterator[Document | Failure]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    base = 0
    for _ in range(_MAX_RESYNCS):
        last = base
        failed: set[int] = set()
        try:
            records = ArchiveIterator(
                stream,
                record_types=WarcRecordType.response,
                parse_http=True,
                stream_detect=False,
                auto_decode="all",
            )
            for record in records:
                last = base + int(record.stream_pos)
                item = _document(path, record, last, settings)
                if isinstance(item, Failure):
                    failed.add(last)
                if item is not None:
                    yield item
            return
        except (OSError, ValueError, AttributeError, UnicodeDecodeError) as e:
            if stream.error is not None:
                return  # the compressed stream itself is damaged: reported by the caller
            if last not in failed:
                yield Failure(f"{path}#{last}", f"corrupt WARC record ({e}); skipped")
            resumed = _next_record_start(stream, after=last + 1)
            if resumed is None:
                return
            base = resumed


def _document(path: Path, record: Any, offset: int, settings: Settings) -> Document | Failure | None:
    """The record as a Document, a Failure when it is broken, None when it is no HTML page."""
    where = f"{path}#{offset}"
    try:
        record_id = (record.record_id or "").strip("<>")
        http = record.http_headers
    except (AttributeError, ValueError, UnicodeDecodeError) as e:
        return Failure(where, f"corrupt WARC record ({e}); skipped")
    if http is None or http.status_code is None:
        return Failure(where, "WARC response record without a readable HTTP response; skipped")
    if record_id:
        where = f"{path}#{record_id}"
    content_type = (record.http_content_type or "").lower()
    if http.status_code != 200 or not content_type.startswith(HTML_TYPES):
        return None  # redirects, errors, images, scripts: not articles
    limit = settings.max_input_bytes
    try:
        body = record.reader.read(limit + 1)
    except (OSError, ValueError) as e:
        return Failure(where, f"cannot read the record's content ({e}); skipped")
    if len(body) > limit:
        return Failure(where, f"record larger than {limit:,} bytes (setting max_input_bytes); skipped")
    declared = http.get("Content-Length")
    if declared and declared.isdigit() and len(body) < int(declared) and not http.get("Content-Encoding"):
        return Failure(where, f"record truncated ({len(body):,} of {int(declared):,} bytes); skipped")
    headers = {k: v for k, v in http.astuples()}
    return Document(
        where,
        "warc-record",
        body,
        {
            "url": record.headers.get("WARC-Target-URI"),
            "headers": headers,
            "warc_date": record.headers.get("WARC-Date"),
            "status": http.status_code,
        },
    )


def _next_record_start(stream: _TolerantStream, *, after: int) -> int | None:
    """Seek to the next ``WARC/1.`` header at or after ``after``; its offset, or None at the end."""
    try:
        stream.seek(after)
    except (OSError, ValueError):
        return None
    position = after
    tail = b""
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(_RECORD_START)
        if found >= 0:
            start = position - len(tail) + found
            try:
                stream.seek(start)
            except (OSError, ValueError):
                return None
            return start
        tail = data[-(len(_RECORD_START) - 1):]
        position += len(chunk)


class _TolerantStream(io.RawIOBase):
    """A read-only stream that ends (instead of raising) where compressed data is damaged."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self.error: str | None = None
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        # read1 returns what one decompression step gives, so the data before a damaged
        # spot is still handed out before the error is noted.
        read1 = getattr(self._inner, "read1", self._inner.read)
        want = size if size is not None and size >= 0 else 1 << 62
        parts: list[bytes] = []
        got = 0
        while got < want:
            try:
                piece = read1(min(want - got, _SCAN_CHUNK))
            except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as e:
                self.error = str(e) or type(e).__name__
                LOGGER.debug("damaged compressed stream: %s", self.error)
                break
            if not piece:
                break
            parts.append(piece)
            got += len(piece)
        data = b"".join(parts)
        self.position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = self._inner.seek(offset, whence)
        return self.position

    def tell(self) -> int:
        return self.position
