"""Web pages -> :class:`~dateline.model.Article`: main text, title, publication time, byline, site.

One parse per page: the lxml tree goes to trafilatura for the main text, then to our
readers of the title (``titles``), the byline (``bylines``), the publication time
(``pubdate``, around htmldate) and to the news-specific cleaning (``news_text``).
Used for the document kinds ``html``, ``feed-item``, ``warc-record`` and ``url``; what the
input itself states (``fields``: HTTP headers, URL, a feed's title and date) is the fallback.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from ..errors import InputError
from ..ingest.documents import Document
from ..model import Article, Source, text_hash
from .bylines import find_authors, meta_authors
from .decode import decode_text
from .news_text import clean_paragraphs, find_via, fragment_paragraphs, is_article_text
from .pubdate import find_published, iso_published
from .titles import choose_title, strip_site_name
from .wire import split_dateline

__all__ = ["article_from_html", "declared_charsets", "decode_page", "main_text", "parse_html"]

LOGGER = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.IGNORECASE)
_SITE_NAME_XPATH = (
    '//head/meta[@property="og:site_name" or @name="og:site_name" or @name="application-name"'
    ' or @name="apple-mobile-web-app-title"]/@content'
)
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)[\s>]", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]{2,40})", re.IGNORECASE)


def article_from_html(doc: Document) -> Article:
    """Extract one article from a web page (or a feed item's HTML).

    Args:
        doc: a document of kind ``html``, ``feed-item``, ``warc-record`` or ``url``; its
            ``fields`` may hold ``headers`` (HTTP), ``url``, ``title`` and ``published``
            (from a feed), which are used when the page itself says nothing better.

    Raises:
        InputError: the page is empty, not HTML, or holds no article text.
    """
    fields = doc.fields or {}
    html = decode_page(doc.data or b"", input=doc.input, headers=fields.get("headers"))
    tree = parse_html(html)
    if tree is None:
        raise InputError(doc.input, "not an HTML page (no document tree could be built)")
    page_url = _str(fields.get("url"))
    url = _canonical_url(tree, page_url)
    site_name = _site_name(tree, url, stated=_str(fields.get("source")))
    host = urlsplit(url or "").hostname
    stated_title = _str(fields.get("title"))
    if doc.kind == "feed-item" and stated_title:
        title: str | None = stated_title  # a content fragment has no headline of its own
    else:
        title = choose_title(tree, site_name=site_name, host=host)
        if title is None and stated_title:
            title = strip_site_name(stated_title, site_name=site_name, host=host)
    authors = find_authors(tree, meta_author=meta_authors(tree), site_name=site_name)

    lines = main_text(tree, url=url).split("\n")
    if not "".join(lines).strip() and doc.kind == "feed-item":
        lines = fragment_paragraphs(tree)
    paragraphs = clean_paragraphs(lines, title=title, authors=authors)
    # "CAIRO, Aug 26 (Reuters) - ...": the dateline is metadata, not text
    place = agency = None
    if paragraphs:
        paragraphs[0], place, agency = split_dateline(paragraphs[0])
    if not is_article_text(paragraphs, min_words=5 if doc.kind == "feed-item" else 12):
        raise InputError(doc.input, "no article text found on the page (navigation, index or empty page?)")
    text = "\n\n".join(paragraphs)

    stated_published = iso_published(fields.get("published"))
    if doc.kind == "feed-item" and stated_published:
        published: str | None = stated_published
    else:
        published = find_published(tree, url=url) or stated_published

    content_hash = text_hash(text)
    return Article(
        id=content_hash[:16],
        input=doc.input,
        url=url,
        title=title,
        published=published,
        language=_language(tree),
        source=_source(site_name, place, agency, find_via(paragraphs, source_name=site_name)),
        authors=authors,
        text=text,
        content_hash=content_hash,
    )


def _source(site_name: str | None, place: str | None, agency: str | None, via: list[str]) -> Source:
    """The outlet, its dateline place, and the agencies it credits (a dateline's agency among them)."""
    if agency and site_name is None:
        site_name, agency = agency, None
    if agency and agency.casefold() != (site_name or "").casefold() and agency not in via:
        via = [agency, *via]
    return Source(name=site_name, place=place, via=via)


def decode_page(data: bytes, *, input: str, headers: Any = None) -> str:
    """Bytes -> text: the HTTP header's charset, then the page's meta charset, then guessing.

    A declared encoding is used only when the bytes decode with it (a latin-1 page sent
    as ``utf-8`` is therefore guessed, not garbled).

    Raises:
        InputError: empty or binary data.
    """
    for charset in declared_charsets(data, headers=headers):
        try:
            data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        return decode_text(data, input=input, declared=charset)
    return decode_text(data, input=input)


def declared_charsets(data: bytes, *, headers: Any = None) -> list[str]:
    """Encodings a page declares, most authoritative first: HTTP ``Content-Type``, then meta."""
    found: list[str] = []
    content_type = _header(headers, "content-type")
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            found.append(m.group(1).lower())
    m = _CHARSET.search(data[:8192])
    if m:
        found.append(m.group(1).decode("ascii", "ignore").lower())
    # Browsers read "latin-1"/"iso-8859-1" as windows-1252; so do we.
    return ["cp1252" if c in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else c for c in found]


def parse_html(html: str) -> HtmlElement | None:
    """An lxml tree of the page, or None when nothing parses."""
    from trafilatura.utils import load_html

    if not _DOCUMENT_TAG.search(html[:4096]):
        html = f"<html><body>{html}</body></html>"  # a fragment (feed item content)
    try:
        tree = load_html(html)
    except (ValueError, TypeError) as e:  # pragma: no cover - load_html catches most itself
        LOGGER.debug("cannot parse HTML: %s", e)
        return None
    return tree if isinstance(tree, HtmlElement) else None


def main_text(tree: HtmlElement, *, url: str | None) -> str:
    """The page's main text, one block a line, by trafilatura; empty when it finds none.

    Recall-oriented settings without the slower fallback extractors: on news pages this
    keeps more of the story, and the news-specific cleaning afterwards removes what it
    should not have kept.
    """
    from trafilatura import bare_extraction

    try:
        found = bare_extraction(tree, url=url, include_comments=False, favor_recall=True, fast=True)
    except (ValueError, TypeError, AttributeError, RecursionError) as e:
        LOGGER.debug("trafilatura failed: %s", e)
        return ""
    return (getattr(found, "text", None) or "") if found is not None else ""


def _site_name(tree: HtmlElement, url: str | None, *, stated: str | None) -> str | None:
    """og:site_name (or the like), the feed's name, else the host name."""
    for value in tree.xpath(_SITE_NAME_XPATH):
        name = " ".join(str(value).split())
        if name and not name.startswith("http"):
            return name
    if stated:
        return stated
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


def _canonical_url(tree: HtmlElement, page_url: str | None) -> str | None:
    """The page's canonical address; the fetched one when the page names only its home page."""
    for href in tree.xpath('//head/link[@rel="canonical"]/@href | //head/meta[@property="og:url"]/@content'):
        href = str(href).strip()
        if href.startswith("/") and page_url:
            href = urljoin(page_url, href)
        if not href.startswith(("http://", "https://")):
            continue
        if page_url and urlsplit(href).path.strip("/") == "" and urlsplit(page_url).path.strip("/"):
            continue  # a canonical link to the site's root is a template mistake
        return href
    return page_url


def _language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*", lang.strip()):
        primary = re.split(r"[-_]", lang.strip())[0].lower()
        return primary if len(primary) == 2 else None
    return None


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    try:
        items = headers.items() if hasattr(headers, "items") else headers
        for key, value in items:
            if str(key).lower() == name:
                return str(value)
    except (TypeError, ValueError):
        return None
    return None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
