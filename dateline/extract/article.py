"""Turn a raw :class:`~dateline.ingest.Document` into an :class:`~dateline.model.Article`."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..ingest.documents import Document
from ..model import Article, Source, parse_published, text_hash
from .decode import decode_text
from .language import detect_language
from .wire import read_wire_text


def to_article(
    doc: Document, *, published: str | None = None, source: Source | dict[str, Any] | None = None
) -> Article:
    """Extract one article from a raw document.

    Args:
        doc: what a reader found.
        published: a publication time to use when the document states none (ISO 8601).
        source: a source to use when the document names none.

    Raises:
        InputError: the document holds no readable article (empty, binary, no text).
    """
    if doc.kind == "record":
        try:
            return Article.model_validate(doc.fields)
        except ValidationError as e:
            raise InputError(doc.input, f"not a valid dateline record ({e.error_count()} errors: {e.errors()[0]['msg']})") from None
    if doc.kind == "jsonl":
        article = _from_fields(doc)
    elif doc.kind == "txt":
        article = _from_wire_text(doc)
    elif doc.kind in ("html", "feed-item", "warc-record", "url"):
        from .html import article_from_html

        article = article_from_html(doc)
    else:  # pragma: no cover - the readers produce only the kinds above
        raise InputError(doc.input, f"unknown document kind {doc.kind!r}")
    if not article.text.strip():
        raise InputError(doc.input, "no article text found")
    if article.published is None and published:
        article.published = published
    if source is not None and article.source.name is None:
        src = source if isinstance(source, Source) else Source.model_validate(source)
        article.source = src.model_copy(update={"via": article.source.via or src.via})
    if article.language is None:
        article.language = detect_language(article.text)
    return article


def _from_fields(doc: Document) -> Article:
    f = doc.fields
    text: str = f["text"]  # verbatim: offsets of gold annotations refer to it
    content_hash = text_hash(text)
    published = f.get("published")
    if published is not None and (not isinstance(published, str) or parse_published(published) is None):
        raise InputError(doc.input, f"\"published\" is not an ISO 8601 date: {published!r}")
    src = f.get("source")
    if isinstance(src, str):
        source = Source(name=src)
    elif isinstance(src, dict):
        source = Source.model_validate(src)
    else:
        source = Source()
    return Article(
        id=str(f.get("id") or content_hash[:16]),
        input=doc.input,
        url=f.get("url") if isinstance(f.get("url"), str) else None,
        title=f.get("title") if isinstance(f.get("title"), str) else None,
        published=published,
        language=f.get("language") if isinstance(f.get("language"), str) else None,
        source=source,
        authors=[a for a in f.get("authors") or [] if isinstance(a, str)],
        text=text,
        content_hash=content_hash,
    )


def _from_wire_text(doc: Document) -> Article:
    raw = decode_text(doc.data or b"", input=doc.input)
    page = read_wire_text(raw)
    text = page.text
    content_hash = text_hash(text)
    return Article(
        id=content_hash[:16],
        input=doc.input,
        title=page.title,
        published=page.published,
        source=Source(name=page.source_name, place=page.source_place, via=page.via),
        text=text,
        content_hash=content_hash,
    )
