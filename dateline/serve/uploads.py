"""``POST /api/articles``: ingest over HTTP (a page upload, a URL, or a JSONL batch).

The body is one of:

- ``multipart/form-data`` with a ``file`` field (``.txt``, ``.html``, ``.jsonl`` ... read by
  its name as ``dateline ingest`` reads files) or a ``url`` field;
- ``application/json``: ``{"url": "https://..."}``, or one article ``{"text", "title"?, ...}``;
- ``application/x-ndjson`` / ``application/jsonl``: a JSONL batch, one article a line;
- ``text/plain`` or ``text/html``: one page.

Access needs ``Authorization: Bearer <settings.api_token>``; without a configured token the
endpoint is off. The body size is capped by ``settings.max_input_bytes``.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..config import Settings
from ..ingest import Document, Failure
from ..ingest.sources import FEED_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, read_jsonl
from ..model import Article
from ..run import extract_documents
from ..store.store import Store
from .problems import ApiError

__all__ = ["IngestResult", "Ingester", "check_token", "documents_from_request"]

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines")


def check_token(request: Request, settings: Settings) -> None:
    """Allow the request only with the configured token.

    Raises:
        ApiError: 403 when no token is configured (ingest over HTTP is off), 401 when the
            request has no token or a wrong one.
    """
    expected = settings.api_token
    if not expected:
        raise ApiError(403, "ingest_disabled",
                       "ingest over HTTP is off: start the server with a token "
                       "(DATELINE_API_TOKEN=... or -s api_token=...) to turn it on")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not token:
        token = request.headers.get("x-api-token", "")
    if not token or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "a valid token is required: send Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": "Bearer"})


def _kind_of(name: str) -> str:
    low = name.lower()
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    return "txt"


def _documents_of(name: str, data: bytes, settings: Settings) -> Iterator[Document | Failure]:
    kind = _kind_of(name)
    if kind == "jsonl":
        yield from read_jsonl(data, input=name)
    elif kind == "feed":
        from ..ingest.feeds import read_feed

        yield from read_feed(data, input=name, settings=settings)
    else:
        yield Document(name, "html" if kind == "html" else "txt", data)


def _url_documents(url: str, settings: Settings) -> Iterator[Document | Failure]:
    if not url.startswith(("http://", "https://")):
        raise ApiError(422, "invalid_request", f"url {url[:200]!r}: expected an http:// or https:// URL")
    from ..ingest.urls import fetch_urls

    return fetch_urls([url], settings=settings)


async def documents_from_request(request: Request, settings: Settings) -> Iterable[Document | Failure]:
    """The raw documents a request carries, by its content type (a URL is fetched lazily,
    by whoever iterates, so that the fetch runs off the event loop).

    Raises:
        ApiError: 415 for a content type it does not read, 422 for a body without an article.
        BodyTooLarge: the body is over the limit (raised while reading).
    """
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_input_bytes)
        try:
            upload = form.get("file")
            url = form.get("url")
            if upload is not None and not isinstance(upload, str):
                data = await upload.read()
                name = f"upload:{upload.filename or 'page.txt'}"
                return list(_documents_of(name, data, settings))
            if isinstance(url, str) and url.strip():
                return _url_documents(url.strip(), settings)
        finally:
            await form.close()
        raise ApiError(422, "invalid_request", "the form has neither a 'file' nor a 'url' field")
    body = await request.body()
    if not body.strip():
        raise ApiError(422, "invalid_request", "the request body is empty")
    if ctype in JSONL_TYPES:
        return list(read_jsonl(body, input="upload:batch.jsonl"))
    if ctype == "application/json":
        try:
            obj = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiError(422, "invalid_request", f"the body is not valid JSON ({e})") from None
        if isinstance(obj, dict) and isinstance(obj.get("url"), str) and "text" not in obj:
            return _url_documents(obj["url"].strip(), settings)
        if isinstance(obj, dict):
            return list(read_jsonl(json.dumps(obj).encode(), input="upload:article.json"))
        if isinstance(obj, list):
            lines = b"\n".join(json.dumps(x).encode() for x in obj)
            return list(read_jsonl(lines, input="upload:articles.json"))
        raise ApiError(422, "invalid_request", "expected a JSON object ({\"url\"} or {\"text\", ...}) or a list")
    if ctype in ("text/plain", "text/html", ""):
        name = "upload:page.html" if ctype == "text/html" else "upload:page.txt"
        return list(_documents_of(name, body, settings))
    raise ApiError(415, "unsupported_media_type",
                   f"cannot read {ctype!r}: send multipart/form-data, application/json, "
                   "application/x-ndjson, text/plain or text/html")


@dataclass
class IngestResult:
    """What one ``POST /api/articles`` stored."""

    articles: list[Article] = field(default_factory=list)
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer: stored articles (id, title, counts, page URL), duplicates, failures."""
        return {
            "stored": [
                {"id": a.id, "title": a.title, "published": a.published, "events": len(a.events),
                 "statements": len(a.statements), "page": f"/articles/{a.id}", "api": f"/api/articles/{a.id}"}
                for a in self.articles
            ],
            "duplicates": self.duplicates,
            "failures": [{"input": f.input, "reason": f.reason} for f in self.failures],
        }


class Ingester:
    """Extracts, analyses and stores uploaded documents; one upload at a time.

    The spaCy pipeline is loaded on the first upload and kept.
    """

    def __init__(self, store: Store, settings: Settings, *, on_stored: Callable[[], None] | None = None) -> None:
        self.store = store
        self.settings = settings
        self.on_stored = on_stored
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def ingest(self, documents: Iterable[Document | Failure], *, analyse: bool = True) -> IngestResult:
        """Store the documents' articles (skipping ones already stored) and record failures."""
        with self._lock:
            documents = list(documents)
            result = IngestResult()
            articles: list[Article] = []
            for item in extract_documents(documents):
                if isinstance(item, Failure):
                    result.failures.append(item)
                else:
                    articles.append(item)
            fresh = [a for a in articles if a.analysis is None]
            if analyse and fresh:
                if self._pipeline is None:
                    from ..pipeline import Pipeline

                    self._pipeline = Pipeline(self.settings)
                done = {id(a): b for a, b in zip(fresh, self._pipeline.analyse(fresh), strict=True)}
                articles = [done.get(id(a), a) for a in articles]
            run_id = self.store.start_run("serve", [str(getattr(d, "input", "")) for d in documents][:100])
            for failure in result.failures:
                self.store.add_failure(failure.input, failure.reason, run_id=run_id)
            stored: list[Article] = []
            for article in articles:
                added, dups = self.store.add_articles([article], run_id=run_id)
                if added:
                    stored.append(article)
                result.duplicates += dups
            result.articles = stored
            if stored and self.on_stored:
                self.on_stored()
            self.store.finish_run(run_id, articles=len(stored), duplicates=result.duplicates,
                                  failures=len(result.failures))
            return result
