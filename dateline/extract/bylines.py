"""Authors of a web page: the visible byline first, the page's author metadata second.

Author metadata is often junk (the publisher, "admin", a profile URL, a list of every
staff member); the byline a reader sees under the headline names the writers of this piece.
"""

from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement

__all__ = ["find_authors", "meta_authors", "split_byline"]

LOGGER = logging.getLogger(__name__)

_BYLINE_XPATH = '//body//*[@rel="author" or @itemprop="author" or contains(@class, "byline") or contains(@class, "author")]'
# Class names that mark a byline (not "author-bio", "authors-list" or "author-box" widgets).
_BYLINE_CLASS = re.compile(r"(?:^|\s)(?:byline|author|author-?name|byline__name|byline-name|article-author)(?:\s|$)", re.IGNORECASE)
_AUTHORISH_XPATH = (
    '//body//*[@rel="author" or @rel="me" or contains(@itemprop, "author") or contains(@class, "uthor")'
    ' or contains(@id, "uthor") or contains(@class, "yline") or contains(@class, "byl")'
    ' or contains(@class, "BBL") or contains(@class, "writer") or contains(@class, "-by")'
    ' or contains(@class, "username") or contains(@class, "journalist") or contains(@class, "screenname")'
    ' or contains(@data-component, "Byline") or contains(@data-testid, "Author")'
    ' or contains(@class, "channel-name") or contains(@id, "zuozhe") or contains(@class, "zuozhe")'
    ' or contains(@id, "bianji") or contains(@class, "bianji") or contains(@class, "xiaobian")][1]'
    ' | //author[1] | //head/link[@rel="author"]'
)
_META_AUTHOR_XPATH = (
    '//head/meta[@name="author" or @property="author" or @name="article:author"'
    ' or @property="article:author" or @name="dc.creator" or @name="DC.creator"'
    ' or @name="parsely-author" or @name="sailthru.author" or @name="byl"]/@content'
)
_LD_AUTHOR = re.compile(r'"author"\s*:\s*(\[[^\]]{0,2000}\]|\{[^{}]{0,1000}\})')
_LD_NAME = re.compile(r'"name"\s*:\s*"((?:[^"\\]|\\.){2,100})"')
# "By", "Von", "Par", "Por", "Di", "Door", "Av", "Text:", "Autor:", "Written by" ...
_LEAD = re.compile(
    r"^(?:(?:written|posted|published|reported)\s+by|by|von|par|por|di|da|door|av|af|text|texte|"
    r"autor(?:in)?|author|redakteur(?:in)?)\s*:?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.IGNORECASE)
_JUNK = re.compile(r"https?:|www\.|@|\d|\b(?:admin|administrator|staff|editor|team|no author|unknown)\b", re.IGNORECASE)
_MAX_NAME_WORDS = 5


def find_authors(tree: HtmlElement, *, meta_author: str | None, site_name: str | None) -> list[str]:
    """Names of the page's authors, in byline order; empty when none is credible.

    Args:
        tree: the page.
        meta_author: trafilatura's author metadata (names joined by ``"; "``), or None.
        site_name: the site's name: a byline that is the site itself names no author.
    """
    visible = _visible_byline(tree, site_name)
    if visible:
        return visible
    for source in (meta_author, _trafilatura_author(tree)):
        if not source:
            continue
        names = [" ".join(n.split()) for n in source.split(";")]
        names = _dedupe([n for n in names if _credible(n, site_name)])
        if names:
            return names
    return []


def meta_authors(tree: HtmlElement) -> str | None:
    """Author names the page states in its head or JSON-LD, joined by ``"; "``, or None."""
    names: list[str] = []
    for value in tree.xpath(_META_AUTHOR_XPATH):
        value = " ".join(str(value).split())
        if value and not value.startswith(("http://", "https://")):
            names.extend(n.strip() for n in re.split(r"\s*[;|]\s*|\s*,\s*(?=\S+\s+\S+)", value) if n.strip())
    if not names:
        for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
            for block in _LD_AUTHOR.finditer(str(script)[:200_000]):
                names.extend(m.group(1) for m in _LD_NAME.finditer(block.group(1)))
            if names:
                break
    return "; ".join(_dedupe(names)) or None


def split_byline(text: str) -> list[str]:
    """``"By Jane Doe and John Roe | Reuters"`` -> ``["Jane Doe", "John Roe"]`` (junk dropped)."""
    text = " ".join(text.split())
    text = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+(?=\d)", text)[0]
    text = _LEAD.sub("", text).strip(" ,.:|")
    if not text:
        return []
    names = [n.strip(" ,.:|") for n in _SPLIT.split(text)]
    return [n for n in names if n]


def _trafilatura_author(tree: HtmlElement) -> str | None:
    """trafilatura's search of author elements (its XPath list), names joined by ``"; "``."""
    from trafilatura.metadata import extract_author

    if not tree.xpath(_AUTHORISH_XPATH):
        return None  # its search copies the whole page first: skip pages it cannot match
    try:
        return extract_author(tree)
    except (ValueError, TypeError, AttributeError) as e:
        LOGGER.debug("trafilatura author search failed: %s", e)
        return None


def _visible_byline(tree: HtmlElement, site_name: str | None) -> list[str]:
    for el in tree.xpath(_BYLINE_XPATH)[:12]:
        if el.tag in {"meta", "link", "script", "style"}:
            continue
        if not (el.get("rel") == "author" or el.get("itemprop") == "author" or _BYLINE_CLASS.search(el.get("class") or "")):
            continue
        text = el.text_content()
        if not text.strip() or len(text) > 120:
            continue
        names = [n for n in split_byline(text) if _credible(n, site_name)]
        if names:
            return _dedupe(names)
    return []


def _credible(name: str, site_name: str | None) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or len(name) < 2:
        return False
    if _JUNK.search(name):
        return False
    if site_name and _key(name) == _key(site_name):
        return False
    return any(ch.isalpha() for ch in name)


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
