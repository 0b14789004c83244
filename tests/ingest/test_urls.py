"""Fetching URLs against a local server: redirects, limits, retries, rate and bad answers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.extract.article import to_article
from dateline.ingest import urls as urls_module
from dateline.ingest.documents import Document, Failure
from dateline.ingest.urls import HostRateLimit, fetch_urls, read_url_list


@pytest.fixture()
def fast_settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(urls_module, "BACKOFF_SECONDS", 0.01)
    return Settings(fetch_timeout=0.3, fetch_retries=2, fetch_rate_per_host=1000.0, max_input_bytes=1_000_000)


def _one(url: str, settings: Settings) -> Document | Failure:
    results = list(fetch_urls([url], settings=settings))
    assert len(results) == 1
    return results[0]


def test_fetch_urls_reads_a_page_with_user_agent(web, fast_settings: Settings) -> None:
    doc = _one(web.url("/article"), fast_settings)
    assert isinstance(doc, Document) and doc.kind == "url"
    assert doc.fields["status"] == 200 and doc.fields["redirects"] == []
    assert doc.fields["url"] == web.url("/article")
    assert web.hits[0][2] == fast_settings.user_agent
    article = to_article(doc)
    assert article.title == "Bridge reopens after repairs"
    assert "stone bridge" in article.text


def test_fetch_urls_follows_and_records_redirects(web, fast_settings: Settings) -> None:
    doc = _one(web.url("/moved"), fast_settings)
    assert isinstance(doc, Document)
    assert doc.input == web.url("/moved")
    assert doc.fields["url"] == web.url("/article")
    assert doc.fields["redirects"] == [web.url("/moved"), web.url("/hop")]


def test_fetch_urls_redirect_loop_is_a_failure(web, fast_settings: Settings) -> None:
    result = _one(web.url("/loop-a"), fast_settings)
    assert isinstance(result, Failure)
    assert "redirect loop" in result.reason


def test_fetch_urls_timeout_is_a_failure_without_hanging(web, fast_settings: Settings) -> None:
    settings = fast_settings.with_overrides(fetch_retries=1)
    started = time.monotonic()
    result = _one(web.url("/slow"), settings)
    assert isinstance(result, Failure)
    assert "timed out" in result.reason
    assert time.monotonic() - started < 1.5


def test_fetch_urls_retries_5xx_with_backoff(web, fast_settings: Settings) -> None:
    doc = _one(web.url("/flaky"), fast_settings)
    assert isinstance(doc, Document)
    assert [h[0] for h in web.hits] == ["/flaky", "/flaky", "/flaky"]


def test_fetch_urls_gives_up_after_retries(web, fast_settings: Settings) -> None:
    result = _one(web.url("/down"), fast_settings)
    assert isinstance(result, Failure) and "HTTP 500" in result.reason
    assert len(web.hits) == 3  # one try and two retries


def test_fetch_urls_client_errors_are_not_retried(web, fast_settings: Settings) -> None:
    result = _one(web.url("/missing"), fast_settings)
    assert isinstance(result, Failure) and result.reason == "HTTP 404"
    assert len(web.hits) == 1


def test_fetch_urls_refuses_declared_oversize(web, fast_settings: Settings) -> None:
    result = _one(web.url("/huge-declared"), fast_settings)
    assert isinstance(result, Failure) and "too large" in result.reason


def test_fetch_urls_stops_reading_a_100mb_stream_at_the_limit(web, fast_settings: Settings) -> None:
    started = time.monotonic()
    result = _one(web.url("/huge-streamed"), fast_settings)
    assert isinstance(result, Failure)
    assert "more than 1,000,000 bytes" in result.reason
    assert time.monotonic() - started < 5


def test_fetch_urls_garbage_answer_is_a_failure(web, fast_settings: Settings) -> None:
    result = _one(web.url("/garbage"), fast_settings)
    assert isinstance(result, Failure)
    assert "broken HTTP answer" in result.reason or "connection failed" in result.reason


def test_fetch_urls_non_page_content_type_is_a_failure(web, fast_settings: Settings) -> None:
    result = _one(web.url("/image"), fast_settings)
    assert isinstance(result, Failure) and "image/png" in result.reason


def test_fetch_urls_run_goes_on_after_failures(web, fast_settings: Settings) -> None:
    results = list(
        fetch_urls(
            [web.url("/loop-a"), "ftp://example.org/x", web.url("/missing"), web.url("/article")],
            settings=fast_settings,
        )
    )
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "Failure", "Document"]


def test_fetch_urls_latin1_declared_utf8_is_decoded(web, fast_settings: Settings) -> None:
    doc = _one(web.url("/latin1"), fast_settings)
    assert isinstance(doc, Document)
    article = to_article(doc)
    assert article.title == "Caf\u00e9 owners protest"
    assert "caf\u00e9s on the main square" in article.text


def test_host_rate_limit_spaces_requests_to_one_host(web, fast_settings: Settings) -> None:
    settings = fast_settings.with_overrides(fetch_rate_per_host=10.0)
    results = list(fetch_urls([web.url("/article")] * 3, settings=settings))
    assert all(isinstance(r, Document) for r in results)
    times = [t for _, t, _ in web.hits]
    assert times[-1] - times[0] >= 0.17  # three requests at 10/s: two waits of 0.1 s


def test_host_rate_limit_does_not_wait_across_hosts() -> None:
    limit = HostRateLimit(0.5)
    started = time.monotonic()
    limit.wait("http://a.example/1")
    limit.wait("http://b.example/1")
    assert time.monotonic() - started < 0.2


def test_read_url_list_skips_comments_and_blanks(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# today's pages\nhttps://a.example/1\n\n  https://b.example/2  \n", encoding="utf-8")
    assert read_url_list(listing) == ["https://a.example/1", "https://b.example/2"]
