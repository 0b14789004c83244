"""WARC files written here: HTML responses read, other records skipped, damage recorded."""

from __future__ import annotations

import gzip
from pathlib import Path

from dateline.config import Settings
from dateline.extract.article import to_article
from dateline.ingest.documents import Document, Failure
from dateline.ingest.sources import read_inputs
from dateline.ingest.warc import read_warc

PAGE = (
    "<html><head><title>{title} - Valley Post</title></head><body><article><h1>{title}</h1>"
    "<p>The regional water board announced on Thursday that the reservoir above the town is "
    "full again after a wet spring, and lifted the hosepipe ban it imposed last summer.</p>"
    "<p>Farmers had asked for the ban to end before planting season, a board member said.</p>"
    "</article></body></html>"
)


def warc_record(
    uri: str, body: bytes, *, record_id: str, content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK", warc_type: str = "response",
) -> bytes:
    """One WARC/1.0 record holding an HTTP response."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-02-03T04:05:06Z\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def page(title: str) -> bytes:
    return PAGE.format(title=title).encode()


def write(path: Path, records: list[bytes], *, gz: bool) -> Path:
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gz else b"".join(records))
    return path


def test_read_warc_yields_html_responses_with_fields(tmp_path: Path) -> None:
    records = [
        warc_record("https://valley-post.example/a", page("Reservoir full again"), record_id="a1"),
        warc_record("https://valley-post.example/logo.png", b"\x89PNG....", record_id="a2", content_type="image/png"),
        warc_record("https://valley-post.example/old", b"", record_id="a3", status="301 Moved Permanently"),
        warc_record("https://valley-post.example/a", b"GET / HTTP/1.1\r\n\r\n", record_id="a4", warc_type="request"),
    ]
    path = write(tmp_path / "crawl.warc.gz", records, gz=True)
    docs = list(read_warc(path, settings=Settings()))
    assert len(docs) == 1
    doc = docs[0]
    assert isinstance(doc, Document) and doc.kind == "warc-record"
    assert doc.input == f"{path}#urn:uuid:a1"
    assert doc.fields["url"] == "https://valley-post.example/a"
    assert doc.fields["warc_date"] == "2024-02-03T04:05:06Z"
    assert doc.fields["headers"]["Content-Type"].startswith("text/html")
    article = to_article(doc)
    assert article.title == "Reservoir full again"
    assert article.url == "https://valley-post.example/a"
    assert article.published is None  # the crawl date is not the publication date


def test_read_warc_skips_a_corrupt_record_and_goes_on(tmp_path: Path) -> None:
    corrupt = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nnot a record at all\r\n\r\n"
    records = [
        warc_record("https://valley-post.example/1", page("First story"), record_id="b1"),
        corrupt,
        warc_record("https://valley-post.example/2", page("Second story"), record_id="b2"),
    ]
    path = write(tmp_path / "broken.warc", records, gz=False)
    results = list(read_warc(path, settings=Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [d.fields["url"] for d in docs] == ["https://valley-post.example/1", "https://valley-post.example/2"]
    assert len(failures) == 1 and "skipped" in failures[0].reason


def test_read_warc_truncated_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    data = b"".join(
        gzip.compress(warc_record(f"https://valley-post.example/{n}", page(f"Story {n}"), record_id=f"c{n}"))
        for n in range(3)
    )
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 60])
    results = list(read_warc(path, settings=Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.fields["url"] for d in docs][:2] == ["https://valley-post.example/0", "https://valley-post.example/1"]
    assert isinstance(results[-1], Failure)
    assert "truncated or corrupt" in results[-1].reason


def test_read_warc_oversized_record_is_a_failure_and_run_goes_on(tmp_path: Path) -> None:
    big = page("Huge page") + b"<p>" + b"y" * 50_000 + b"</p>"
    records = [
        warc_record("https://valley-post.example/big", big, record_id="d1"),
        warc_record("https://valley-post.example/small", page("Small page"), record_id="d2"),
    ]
    path = write(tmp_path / "sizes.warc.gz", records, gz=True)
    results = list(read_warc(path, settings=Settings(max_input_bytes=10_000)))
    assert isinstance(results[0], Failure) and "larger than 10,000 bytes" in results[0].reason
    assert isinstance(results[1], Document) and results[1].fields["url"].endswith("/small")


def test_read_warc_not_a_warc_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(b"this file is not an archive\n" * 10)
    results = list(read_warc(path, settings=Settings()))
    assert results and all(isinstance(r, Failure) for r in results)


def test_read_warc_missing_file_is_a_failure(tmp_path: Path) -> None:
    results = list(read_warc(tmp_path / "absent.warc", settings=Settings()))
    assert len(results) == 1 and isinstance(results[0], Failure)


def test_read_warc_streams_many_records(tmp_path: Path) -> None:
    records = [warc_record(f"https://valley-post.example/{n}", page(f"Story {n}"), record_id=f"e{n}") for n in range(300)]
    path = write(tmp_path / "many.warc.gz", records, gz=True)
    reader = read_warc(path, settings=Settings())
    first = next(reader)  # yielded before the rest of the file is read
    assert isinstance(first, Document) and first.fields["url"].endswith("/0")
    assert sum(1 for _ in reader) == 299


def test_read_inputs_dispatches_warc_files(tmp_path: Path) -> None:
    write(tmp_path / "x.warc.gz", [warc_record("https://valley-post.example/x", page("X"), record_id="f1")], gz=True)
    results = list(read_inputs([str(tmp_path)]))
    assert len(results) == 1 and isinstance(results[0], Document) and results[0].kind == "warc-record"
