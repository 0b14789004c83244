"""Fetch web pages over HTTP(S): polite, bounded, and never fatal.

Each URL gives a ``url`` :class:`Document` or a :class:`Failure` with the reason. Requests
send ``settings.user_agent``, wait ``1 / settings.fetch_rate_per_host`` seconds between
two requests to one host, time out after ``settings.fetch_timeout`` seconds, are retried
``settings.fetch_retries`` times with exponential backoff on timeouts, connection errors and
5xx answers, follow at most :data:`MAX_REDIRECTS` redirects (recorded in
``fields["redirects"]``; a loop is a failure) and stop reading past ``settings.max_input_bytes``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import Settings
from .documents import Document, Failure

__all__ = ["MAX_REDIRECTS", "HostRateLimit", "fetch_urls", "read_url_list"]

LOGGER = logging.getLogger(__name__)

MAX_REDIRECTS = 10
BACKOFF_SECONDS = 0.5
"""First wait before a retry; doubled for each further attempt."""
_MAX_BACKOFF_SECONDS = 30.0
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


class _Retry(Exception):
    """A failure worth another attempt (timeout, connection error, 5xx)."""


class _Refused(Exception):
    """A failure not worth retrying (too large, garbage, bad URL)."""


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a ``--urls`` file: one per line; blank lines and ``#`` comments skipped."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls


def fetch_urls(
    urls: Iterable[str], *, settings: Settings, limiter: HostRateLimit | None = None
) -> Iterator[Document | Failure]:
    """Fetch each URL; yield a ``url`` Document (raw bytes) or a Failure with the reason.

    Args:
        urls: absolute http(s) URLs.
        settings: user agent, timeout, retries, per-host rate and size limit.
        limiter: the per-host rate limit to share with other calls (a feed's items are
            fetched one call each); a new one from ``settings`` by default.

    Yields:
        Documents whose ``fields`` hold ``url`` (final URL), ``headers``, ``status``,
        ``redirects`` (the URLs left, in order) and ``fetched`` (UTC time of the fetch).
    """
    limiter = limiter or HostRateLimit(settings.fetch_rate_per_host)
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for url in urls:
            url = url.strip()
            if not url:
                continue
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                yield Failure(url, "not an http(s) URL")
                continue
            yield _fetch(client, url, settings=settings, limiter=limiter)


class HostRateLimit:
    """Waits so that one host gets at most ``rate`` requests per second."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        """Sleep until a request to this URL's host is allowed, then note it."""
        host = (urlsplit(url).hostname or "").lower()
        now = time.monotonic()
        ready = self._last.get(host, -1e9) + self.interval
        if ready > now:
            time.sleep(ready - now)
        self._last[host] = time.monotonic()


def _fetch(client: httpx.Client, url: str, *, settings: Settings, limiter: HostRateLimit) -> Document | Failure:
    redirects: list[str] = []
    seen = {url}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            answer = _get_with_retries(client, current, settings=settings, limiter=limiter)
        except _Retry as e:
            return Failure(url, f"{e} (after {settings.fetch_retries} retries)")
        except _Refused as e:
            return Failure(url, str(e))
        status, headers, body = answer
        if status in _REDIRECT_CODES:
            location = headers.get("location")
            if not location:
                return Failure(url, f"HTTP {status} redirect without a Location header")
            target = urljoin(current, location)
            if target in seen:
                return Failure(url, f"redirect loop ({' -> '.join([*redirects, current, target])})")
            redirects.append(current)
            seen.add(target)
            current = target
            continue
        if status >= 400:
            return Failure(url, f"HTTP {status}")
        content_type = headers.get("content-type", "").lower()
        if content_type and not content_type.startswith(_PAGE_TYPES):
            return Failure(url, f"not a web page (Content-Type {content_type.split(';')[0]})")
        fields = {
            "url": current,
            "headers": headers,
            "status": status,
            "redirects": redirects,
            "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return Document(url, "url", body, fields)
    return Failure(url, f"more than {MAX_REDIRECTS} redirects")


def _get_with_retries(
    client: httpx.Client, url: str, *, settings: Settings, limiter: HostRateLimit
) -> tuple[int, dict[str, str], bytes]:
    attempts = max(0, settings.fetch_retries) + 1
    for attempt in range(attempts):
        limiter.wait(url)
        try:
            return _get(client, url, limit=settings.max_input_bytes)
        except _Retry as e:
            if attempt == attempts - 1:
                raise
            delay = min(_MAX_BACKOFF_SECONDS, BACKOFF_SECONDS * 2**attempt)
            LOGGER.debug("retrying %s in %.1fs: %s", url, delay, e)
            time.sleep(delay)
    raise _Retry("no attempt made")  # pragma: no cover - attempts >= 1


def _get(client: httpx.Client, url: str, *, limit: int) -> tuple[int, dict[str, str], bytes]:
    try:
        with client.stream("GET", url) as response:
            status = response.status_code
            headers = {k.lower(): v for k, v in response.headers.items()}
            if status >= 500:
                raise _Retry(f"HTTP {status}")
            if status in _REDIRECT_CODES or status >= 400:
                return status, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _Refused(f"too large ({int(declared):,} bytes; the limit is {limit:,}, setting max_input_bytes)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _Refused(f"too large (more than {limit:,} bytes; setting max_input_bytes)")
                chunks.append(chunk)
            return status, headers, b"".join(chunks)
    except httpx.TimeoutException as e:
        raise _Retry(f"timed out ({type(e).__name__})") from e
    except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as e:
        raise _Retry(f"connection failed ({e})") from e
    except (httpx.RemoteProtocolError, httpx.DecodingError) as e:
        raise _Refused(f"the server sent a broken HTTP answer ({e})") from e
    except httpx.HTTPError as e:
        raise _Refused(f"fetch failed ({type(e).__name__}: {e})") from e
