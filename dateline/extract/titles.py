"""The headline of a web page, without the site name the ``<title>`` tag adds to it.

Pages state their headline several times: ``<title>`` (usually with ``| Site`` or
``- Site``), ``og:title``/``twitter:title``, JSON-LD ``headline`` and the visible ``<h1>``.
The visible heading is what a reader sees as the headline, so it wins when one of the
stated titles confirms it; otherwise the stated titles are used with the site name removed.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterable

from lxml.html import HtmlElement

__all__ = ["choose_title", "stated_titles", "strip_site_name"]

# " | Site", " - Site", " — Site", " :: Site", " » Site", " • Site", " · Site", " ⋆ Site"
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|«|•|·|⋆|~|/)\s+|\s*\|\s*")
_LD_HEADLINE = re.compile(r'"(?:headline|name)"\s*:\s*"((?:[^"\\]|\\.){3,400})"')
_MAX_WORDS_SITE = 6
_MIN_HEADLINE_CHARS = 8
# Parts of a heading that are not the headline: kicker/roofline, screen-reader labels, the ": ".
_NOT_HEADLINE = re.compile(
    r"roofline|overline|topline|kicker|dachzeile|eyebrow|colon|visually-?hidden|sr-only|screen-reader|"
    r"element-invisible|hidden|label|category|rubric|spitzmarke",
    re.IGNORECASE,
)
# A heading that is the site's logo or menu, not a headline.
_SITE_HEADING = re.compile(r"site-?title|site-?name|logo|brand|menu|masthead|navbar", re.IGNORECASE)
_ROOT_LINK = re.compile(r"^(?:/|\.?/?index\.\w+|(?:https?:)?//[^/]+/?)$")
_GENERIC_SEGMENTS = {"home", "startseite", "blog", "blogarchiv", "blogarchive", "news", "accueil", "inicio"}


def choose_title(tree: HtmlElement, *, site_name: str | None, host: str | None) -> str | None:
    """The page's headline, or None when it states none.

    Args:
        tree: the page.
        site_name: the site's name (``og:site_name``), removed from titles.
        host: the page's host name, whose label also marks a site-name segment.
    """
    raw = stated_titles(tree)
    h1s = list(_headings(tree, "h1"))
    site_headings = [h for h in h1s if _is_site(h, site_name, host)]
    stated = [_cut_site_headings(t, site_headings) for t in raw]
    stated = [s for s in (strip_site_name(t, site_name=site_name, host=host) for t in stated) if s]
    # A heading that is only the first or last part of a stated title ("Blog | Story") is
    # the site's name, unless some stated title is exactly that heading.
    exact = {_key(t) for t in raw + stated}
    segments = _end_segments(raw) - exact
    headings = [h for h in h1s if h not in site_headings and _key(h) not in segments]
    for heading in headings + list(_headings(tree, "h2")):
        if any(_confirms(heading, t) for t in stated):
            return strip_site_name(heading, site_name=site_name, host=host, pipes=False)
    # A single visible headline is what readers see, even when the stated titles differ
    # (an SEO title, an older version of the headline).
    if len(headings) == 1 and len(headings[0]) >= _MIN_HEADLINE_CHARS:
        return strip_site_name(headings[0], site_name=site_name, host=host, pipes=False)
    return stated[0] if stated else None


def stated_titles(tree: HtmlElement) -> list[str]:
    """Titles the page states in its head, best first: og, twitter, JSON-LD, ``<title>``."""
    found: list[str] = []
    found += tree.xpath('//meta[@property="og:title" or @name="og:title"]/@content')
    found += tree.xpath('//meta[@name="twitter:title" or @property="twitter:title"]/@content')
    found += _ld_headlines(tree)
    found += [t.text_content() for t in tree.xpath("//head/title | //title")[:1]]
    out: list[str] = []
    for title in found:
        title = _clean(str(title))
        if title and title not in out:
            out.append(title)
    return out


def strip_site_name(
    title: str, *, site_name: str | None, host: str | None, pipes: bool = True
) -> str | None:
    """Remove site-name segments (``... | Reuters``, ``BBC News - ...``) from a title.

    Args:
        title: a stated title or heading.
        site_name: the site's name, if known.
        host: the page's host name, if known.
        pipes: also treat the other sides of a ``|`` as section or site names and keep the
            longest part (right for ``<title>``, wrong for a visible heading).
    """
    title = _clean(title)
    if not title:
        return None
    parts = _SEPARATOR.split(title)
    if len(parts) == 1:
        return title
    separators = _SEPARATOR.findall(title)
    # Drop site segments from both ends, with a short tag beside them ("- Site (xyz) - XYZ").
    for _ in range(2):
        for end in (-1, -2):
            tag_after = end == -1 or _is_tag(parts[-1])
            if len(parts) > -end and tag_after and _is_site(parts[end], site_name, host):
                del parts[end:], separators[end:]
        for start in (0, 1):
            tag_before = start == 0 or _is_tag(parts[0])
            if len(parts) > start + 1 and tag_before and _is_site(parts[start], site_name, host, leading=True):
                del parts[: start + 1], separators[: start + 1]
    # A pipe marks a section or site name: the longest part is the headline.
    if pipes and len(parts) > 1 and any("|" in s for s in separators):
        longest = max(parts, key=len)
        if len(longest.split()) >= 3:
            return longest.strip()
    out = parts[0]
    for sep, part in zip(separators, parts[1:], strict=False):
        out += sep + part
    return out.strip() or None


def _cut_site_headings(title: str, site_headings: list[str]) -> str:
    """``"Story - Blog Name"`` -> ``"Story"`` when the page's logo heading reads ``Blog Name``."""
    for heading in site_headings:
        for sep in (" - ", " – ", " — ", " | ", " » ", " « ", " :: ", ": "):
            if title.endswith(sep + heading) and len(title) > len(heading) + len(sep):
                return title[: -len(sep + heading)].strip()
            if title.startswith(heading + sep) and len(title) > len(heading) + len(sep):
                return title[len(heading + sep):].strip()
    return title


def _is_tag(segment: str) -> bool:
    """A short label beside a site name: ``EJW``, ``Video``, ``News``."""
    return len(segment.split()) <= 2 and len(segment) <= 14


def _segment_keys(title: str) -> set[str]:
    return {_key(p) for p in _SEPARATOR.split(title)}


def _end_segments(stated: list[str]) -> set[str]:
    """Short first/last segments of stated titles: a heading equal to one is the site's name."""
    out: set[str] = set()
    for title in stated:
        parts = _SEPARATOR.split(title)
        if len(parts) < 2:
            continue
        longest = max(len(p) for p in parts)
        out.update(_key(p) for p in (parts[0], parts[-1]) if len(p) < longest)
    return out


def _is_site(segment: str, site_name: str | None, host: str | None, *, leading: bool = False) -> bool:
    """True when a title segment is the site's name or domain (exactly so when ``leading``)."""
    seg = _key(segment)
    if not seg or seg in _GENERIC_SEGMENTS:
        return True
    if len(segment.split()) > _MAX_WORDS_SITE:
        return False
    if site_name:
        site = _key(site_name)
        if seg == site or (not leading and site and (len(seg) >= 4 and seg in site or len(site) >= 4 and site in seg)):
            return True
    if host:
        labels = [lbl for lbl in host.lower().split(".") if lbl not in {"www", "m", "amp", "com", "org", "net"}]
        for label in labels[:-1] or labels:
            key = _key(label)
            if len(key) >= 3 and (key == seg or (not leading and key in seg and len(seg) <= len(key) + 12)):
                return True
    return bool(re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-z]{2,6}/?", segment.strip(), re.IGNORECASE))


def _confirms(heading: str, stated: str) -> bool:
    a, b = _key(heading), _key(stated)
    if not a or not b:
        return False
    if a == b:
        return True
    if a in b and (len(heading.split()) >= 2 or len(a) >= 0.5 * len(b) or a in _segment_keys(stated)):
        return True  # the stated title adds a site name, a section or a kicker
    return len(b) >= 0.6 * len(a) and b in a


def _headings(tree: HtmlElement, tag: str) -> Iterable[str]:
    for el in tree.iter(tag):
        if _SITE_HEADING.search(str(el.get("class") or "")) or any(
            _ROOT_LINK.match(str(href)) for href in el.xpath('.//a[@rel="home"]/@href | .//a/@href')
        ):
            continue
        text = _clean("".join(_headline_text(el, top=True)))
        if text and 2 <= len(text) <= 400:
            yield text


def _headline_text(el: HtmlElement, *, top: bool = False) -> Iterable[str]:
    """The text of a heading without its kicker, hidden labels and ``<small>`` parts."""
    skip = not isinstance(el.tag, str) or not top and (
        el.tag in {"small", "script", "style", "button", "svg", "noscript"}
        or bool(_NOT_HEADLINE.search(str(el.get("class") or "")))
    )
    if not skip:
        if el.text:
            yield el.text
        for child in el:
            yield from _headline_text(child)
            if child.tail:
                yield child.tail


def _ld_headlines(tree: HtmlElement) -> list[str]:
    out = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        for m in _LD_HEADLINE.finditer(str(script)[:200_000]):
            if not m.group(0).startswith('"headline"'):
                continue
            try:
                out.append(json.loads(f'"{m.group(1)}"'))
            except ValueError:
                continue
    return out


def _clean(text: str) -> str:
    return " ".join(html_lib.unescape(text).split())


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
