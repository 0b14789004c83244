"""Feeds: items read from local pages, fetched pages or their own content; bad feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.extract.article import to_article
from dateline.ingest import urls as urls_module
from dateline.ingest.documents import Document, Failure
from dateline.ingest.feeds import read_feed
from dateline.ingest.sources import read_inputs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "web"

ITEM_TEXT = (
    "<p>The city library will stay open until midnight during the exam weeks, the library board "
    "decided on Wednesday after a petition signed by more than two thousand students.</p>"
    "<p>Extra staff will be paid from the board's reserve fund, a spokeswoman said.</p>"
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Valley Post</title><link>https://valley-post.example/</link><description>News</description>
<item>
  <title>Harbour authority approves new ferry terminal</title>
  <link>news_article.html</link>
  <pubDate>Sun, 14 May 2023 07:30:00 +0000</pubDate>
</item>
<item>
  <title>Library extends opening hours</title>
  <link>https://valley-post.example/library-hours</link>
  <guid>lib-1</guid>
  <pubDate>Wed, 10 May 2023 18:05:00 +0200</pubDate>
  <description><![CDATA[{ITEM_TEXT}]]></description>
</item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Post (Atom)</title>
<entry>
  <title>Library extends opening hours</title>
  <id>urn:lib-1</id>
  <published>2023-05-10T18:05:00-04:00</published>
  <content type="html"><![CDATA[{ITEM_TEXT}]]></content>
</entry>
</feed>
"""


@pytest.fixture()
def offline(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(urls_module, "BACKOFF_SECONDS", 0.0)
    return Settings(fetch_timeout=0.2, fetch_retries=0, fetch_rate_per_host=1000.0)


def _feed_next_to_page(tmp_path: Path, text: str) -> Path:
    (tmp_path / "news_article.html").write_bytes((FIXTURES / "news_article.html").read_bytes())
    feed = tmp_path / "feed.rss"
    feed.write_text(text, encoding="utf-8")
    return feed


def test_read_feed_reads_local_item_page(tmp_path: Path, offline: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = _feed_next_to_page(tmp_path, RSS)
    monkeypatch.setattr(urls_module, "fetch_urls", lambda urls, settings, limiter=None: iter([Failure(urls[0], "offline")]))
    docs = list(read_feed(feed.read_bytes(), input=str(feed), settings=offline))
    assert len(docs) == 2
    page = docs[0]
    assert isinstance(page, Document) and page.kind == "html"
    assert page.input == str(tmp_path / "news_article.html")
    assert page.fields["published"] == "2023-05-14T07:30:00+00:00"
    article = to_article(page)
    assert article.title == "Harbour authority approves new ferry terminal"
    assert article.published == "2023-05-14T09:30:00+02:00"  # the page's own stamp wins


def test_read_feed_falls_back_to_item_content(tmp_path: Path, offline: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = _feed_next_to_page(tmp_path, RSS)
    monkeypatch.setattr(urls_module, "fetch_urls", lambda urls, settings, limiter=None: iter([Failure(urls[0], "offline")]))
    item = list(read_feed(feed.read_bytes(), input=str(feed), settings=offline))[1]
    assert isinstance(item, Document) and item.kind == "feed-item"
    assert item.input == f"{feed}#2"
    article = to_article(item)
    assert article.title == "Library extends opening hours"
    assert article.published == "2023-05-10T18:05:00+02:00"
    assert article.url == "https://valley-post.example/library-hours"
    assert article.source.name == "Valley Post"
    assert article.text.startswith("The city library will stay open")


def test_read_feed_fetches_linked_page(web, offline: Settings) -> None:
    rss = RSS.replace("https://valley-post.example/library-hours", web.url("/article"))
    docs = list(read_feed(rss.encode(), input="https://valley-post.example/feed.rss", settings=offline))
    fetched = docs[1]
    assert isinstance(fetched, Document) and fetched.kind == "url"
    assert fetched.fields["url"] == web.url("/article")
    assert fetched.fields["title"] == "Library extends opening hours"  # feed fields kept as fallback
    assert to_article(fetched).title == "Bridge reopens after repairs"


def test_read_feed_atom_keeps_offset(offline: Settings) -> None:
    docs = list(read_feed(ATOM.encode(), input="feed.atom", settings=offline))
    assert len(docs) == 1 and isinstance(docs[0], Document)
    assert docs[0].fields["published"] == "2023-05-10T18:05:00-04:00"
    assert to_article(docs[0]).published == "2023-05-10T18:05:00-04:00"


@pytest.mark.parametrize(
    "data",
    [
        b"this is not xml at all, just words",
        b"<html><body><p>A web page, not a feed</p></body></html>",
        b"\x00\x01\x02binary",
        b"",
    ],
)
def test_read_feed_not_a_feed_is_one_failure(data: bytes, offline: Settings) -> None:
    results = list(read_feed(data, input="bad.xml", settings=offline))
    assert len(results) == 1 and isinstance(results[0], Failure)
    assert results[0].input == "bad.xml" and results[0].reason


def test_read_inputs_runs_on_after_a_bad_feed(tmp_path: Path, offline: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls_module, "fetch_urls", lambda urls, settings, limiter=None: iter([Failure(urls[0], "offline")]))
    (tmp_path / "a_bad.xml").write_bytes(b"{not: xml}")
    _feed_next_to_page(tmp_path, ATOM)
    results = list(read_inputs([str(tmp_path)], settings=offline))
    kinds = [(type(r).__name__, getattr(r, "kind", None)) for r in results]
    assert ("Failure", None) in kinds
    assert ("Document", "feed-item") in kinds
