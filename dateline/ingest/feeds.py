"""RSS and Atom feeds: one :class:`Document` per item.

An item is read from its own page when that page is at hand: a relative or ``file:`` link
to a file next to the feed, or an http(s) link fetched with :func:`~dateline.ingest.urls.fetch_urls`.
Otherwise the item's own content (or summary) HTML is the document (kind ``feed-item``).
The feed's title, date, link and name travel in ``fields`` as fallbacks for the page's own.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..config import Settings
from .documents import Document, Failure

__all__ = ["read_feed"]

LOGGER = logging.getLogger(__name__)


def read_feed(data: bytes, *, input: str, settings: Settings) -> Iterator[Document | Failure]:
    """Yield one Document (or Failure) per feed item.

    Args:
        data: the feed's bytes.
        input: where the feed came from (a path or URL); items read from local files are
            looked up next to it.
        settings: size limits and fetch options for linked pages.

    Yields:
        ``html`` Documents for local item pages, ``url`` Documents for fetched ones, and
        ``feed-item`` Documents (the item's content HTML) otherwise; one Failure when the
        data is not a feed.
    """
    import feedparser

    if not data.strip():
        yield Failure(input, "empty feed")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as e:  # noqa: BLE001 - feedparser's parsers raise many kinds
        yield Failure(input, f"not a readable feed ({type(e).__name__}: {e})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not an RSS/Atom feed ({_one_line(problem)})" if problem else "feed has no items"
        if not parsed.get("version") and not problem:
            reason = "not an RSS/Atom feed (no channel or feed element)"
        yield Failure(input, reason)
        return
    feed = parsed.get("feed") or {}
    feed_name = _text(feed.get("title"))
    base = Path(input).parent if not input.startswith(("http://", "https://")) else None
    from .urls import HostRateLimit

    limiter = HostRateLimit(settings.fetch_rate_per_host)  # one host often serves every item
    for n, entry in enumerate(entries, 1):
        yield _item(entry, n=n, input=input, base=base, feed_name=feed_name, settings=settings, limiter=limiter)


def _item(
    entry: Any, *, n: int, input: str, base: Path | None, feed_name: str | None, settings: Settings,
    limiter: Any,
) -> Document | Failure:
    where = f"{input}#{n}"
    link = _text(entry.get("link"))
    fields: dict[str, Any] = {
        "title": _text(entry.get("title")),
        "published": _entry_published(entry),
        "url": link if link and link.startswith(("http://", "https://")) else None,
        "source": feed_name,
        "feed": input,
    }
    fields = {k: v for k, v in fields.items() if v}
    page = _local_page(link, base)
    if page is not None:
        try:
            size = page.stat().st_size
            if size > settings.max_input_bytes:
                return Failure(str(page), f"too large ({size:,} bytes; the limit is {settings.max_input_bytes:,})")
            return Document(str(page), "html", page.read_bytes(), fields)
        except OSError as e:
            return Failure(str(page), f"cannot read the item's page: {e.strerror}")
    content = _content_html(entry)
    if link and link.startswith(("http://", "https://")):
        from .urls import fetch_urls

        fetched = next(iter(fetch_urls([link], settings=settings, limiter=limiter)), None)
        if isinstance(fetched, Document):
            fetched.fields = {**fields, **fetched.fields}
            return fetched
        if content is None:
            return fetched or Failure(where, "the item's page could not be fetched and the item has no content")
        LOGGER.debug("using the feed's content for %s: %s", link, fetched)
    if content is None:
        return Failure(where, "feed item without content, summary or a readable link")
    fields["headers"] = {"content-type": "text/html; charset=utf-8"}
    return Document(where, "feed-item", content.encode("utf-8"), fields)


def _local_page(link: str | None, base: Path | None) -> Path | None:
    """The file an item's link points to, when it exists next to the feed."""
    if not link or base is None:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif parts.scheme == "" and not link.startswith("//"):
        path = base / unquote(parts.path)
    else:
        return None
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def _content_html(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str) and value.strip():
            return value if "<" in value else f"<p>{value}</p>"
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        return summary if "<" in summary else f"<p>{summary}</p>"
    return None


def _entry_published(entry: Any) -> str | None:
    """The item's date as ISO 8601, keeping the offset the feed states."""
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        raw = raw.strip()
        try:
            return datetime.fromisoformat(raw).isoformat() if len(raw) > 10 else date.fromisoformat(raw).isoformat()
        except ValueError:
            pass
        try:
            stamp = email.utils.parsedate_to_datetime(raw.strip())
        except (TypeError, ValueError, IndexError):
            continue
        if stamp is not None:
            return stamp.isoformat()
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _one_line(problem: Any) -> str:
    return " ".join(str(problem).split())[:200] or type(problem).__name__
