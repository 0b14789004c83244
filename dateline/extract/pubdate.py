"""Publication time of a web page: htmldate's pick, kept with its time and UTC offset.

htmldate finds the day well but prints a day alone as midnight, and drops the offset when
it reads a day from the text; the page's own machine-readable stamps (``article:published_time``,
JSON-LD ``datePublished``, ``<time datetime>``) often carry the full time for that same day.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml.html import HtmlElement

from ..model import parse_published

__all__ = [
    "DATE_PARAMS", "find_published", "iso_published", "month_names", "page_timestamps",
    "parse_visible_date", "published_value", "visible_date",
]

DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
"""htmldate options: the first publication (not the last change), time and offset kept."""

LOGGER = logging.getLogger(__name__)

_STAMP_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate"'
    ' or @name="date" or @name="DC.date.issued" or @name="dcterms.created"'
    ' or @property="og:published_time" or @name="sailthru.date" or @name="parsely-pub-date"]/@content'
    ' | //time[@itemprop="datePublished" or contains(@class, "publish") or @pubdate]/@datetime'
    ' | //*[@itemprop="datePublished"]/@datetime | //time/@datetime'
)
_LD_PUBLISHED = re.compile(r'"(?:datePublished|dateCreated|uploadDate)"\s*:\s*"([^"]{10,40})"')
_ISO = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def find_published(tree: HtmlElement, *, url: str | None = None) -> str | None:
    """The publication time as ISO 8601: with offset when the page gives one, else a day.

    htmldate looks at the page's markup first and searches the text only when the markup
    states no date (the text search is slow and, where markup exists, rarely better). The
    date printed under the headline wins over htmldate's pick, unless it is much later
    (then it is the day the page was viewed or updated).

    Args:
        tree: the page (not modified).
        url: the page's address, whose path often holds the day.
    """
    from htmldate import find_date

    def htmldate(extensive: bool) -> str | None:
        try:
            return find_date(tree, url=url, extensive_search=extensive, **DATE_PARAMS)
        except (ValueError, TypeError, AttributeError, OverflowError) as e:
            LOGGER.debug("htmldate failed: %s", e)
            return None

    found = htmldate(False)
    seen = visible_date(tree)
    if seen and not _fits_url(seen, url):
        seen = None
    if found is None and seen is None:
        found = htmldate(True)  # the slow search of the whole text, when nothing else dates it
    value = published_value(tree, found=found)
    if seen and (value is None or (seen != value[:10] and not _much_later(seen, value[:10]))):
        return published_value(tree, found=seen)
    return value


def _fits_url(day: str, url: str | None) -> bool:
    """False when the page's address dates it (``/2019/10/``) to another month than ``day``."""
    m = _URL_DATE.search(url or "")
    if not m:
        return True
    year, month = m.group(1), m.group(2)
    return day[:7] == f"{year}-{month}"  # not the day: pages are often dated the day after


def _much_later(seen: str, found: str) -> bool:
    """The visible day is well after htmldate's, and not just its day and month swapped."""
    if seen[:4] == found[:4] and seen[5:7] == found[8:10] and seen[8:10] == found[5:7]:
        return False  # 01.11 read as 11 January: the page prints it, so the page's reading wins
    return date.fromisoformat(seen) > date.fromisoformat(found) + timedelta(days=_LATER_DAYS)


def published_value(tree: HtmlElement, *, found: str | None) -> str | None:
    """htmldate's result (:data:`DATE_PARAMS` format) as ISO 8601, with the page's offset.

    Args:
        tree: the page, whose machine-readable stamps may give the time of the same day.
        found: ``2021-03-04T10:20:30+0200``, or ``2021-03-04T00:00:00`` when htmldate
            knows the day only, or None.
    """
    value = iso_published(found)
    if value is None:
        return None
    if len(value) > 10 and value[10:19] == "T00:00:00" and not _has_offset(value):
        value = value[:10]
    if _has_offset(value):
        return value
    # Same day, but with a time and offset stated in the page's own stamps.
    for stamp in page_timestamps(tree):
        if stamp[:10] == value[:10] and _has_offset(stamp):
            return stamp
    return value


def page_timestamps(tree: HtmlElement) -> list[str]:
    """The page's machine-readable publication stamps, as ISO 8601 strings, in page order."""
    raw: list[str] = [str(v) for v in tree.xpath(_STAMP_XPATH)]
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        raw.extend(m.group(1) for m in _LD_PUBLISHED.finditer(str(script)[:200_000]))
    out = []
    for value in raw:
        iso = iso_published(value)
        if iso and iso not in out:
            out.append(iso)
    return out


def iso_published(value: Any) -> str | None:
    """A date or timestamp string -> ISO 8601 (``+HH:MM`` offsets), or None if it is not one."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day, hour, minute, second, offset = m.groups()
    try:
        day_value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is None:
        return day_value.isoformat()
    try:
        stamp = datetime(day_value.year, day_value.month, day_value.day, int(hour), int(minute), int(second or 0))
    except ValueError:
        return day_value.isoformat()
    tz = _offset(offset)
    if tz is not None:
        stamp = stamp.replace(tzinfo=tz)
    text = stamp.isoformat()
    return text if parse_published(text) else None


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if text[0] == "-" else delta)


def _has_offset(value: str) -> bool:
    return len(value) > 19 and bool(re.search(r"(?:Z|[+-]\d{2}:\d{2})$", value))


# Visible dates: what a reader sees under the headline ("20. März 2021 - 15:00 Uhr").
_DATE_CLASS = re.compile(r"date|time|datum|fecha|publi|posted|meta|byline|entry-?info|dateline", re.IGNORECASE)
_NOT_STORY = re.compile(
    r"related|teaser|footer|comment|widget|recent|popular|nav|menu|more-|read-?more|"
    r"recommend|trending|newsletter|cookie|event|calendar",
    re.IGNORECASE,
)
_PUBLISHED_CUE = re.compile(r"published|posted on|erstellt am|veröffentlicht|publié le|publicado|pubblicato", re.IGNORECASE)
_MAX_VISIBLE_CHARS = 80
_TEASER_DEPTH = 6
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
_LATER_DAYS = 7
"""A visible date more than this after htmldate's is a "today" or teaser date, not the story's."""
_MAX_CANDIDATES = 40
_NEAR_HEADLINE = 6


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations in the languages of the news (lower case) -> month number."""
    out: dict[str, int] = {}
    data = resources.files(__package__).joinpath("data/months.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, names = line.split("\t")[:2]
        for name in names.split("|"):
            if name.strip():
                out[name.strip()] = int(number)
    return out


@lru_cache(maxsize=1)
def _visible_patterns() -> list[re.Pattern[str]]:
    months = "|".join(sorted((re.escape(m) for m in month_names()), key=len, reverse=True))
    return [
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)?\d{2})(?![\d.])"),
        re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)"),
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<mn>{months})\.?,?\s*(?:de\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE),
        re.compile(rf"\b(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE),
    ]


def visible_date(tree: HtmlElement) -> str | None:
    """The first date printed in a date/byline element of the story (not a teaser), as a day.

    Elements after the first ``<h1>`` come first: the story's date stands near its headline.
    """
    before: list[HtmlElement] = []
    seen_headline = False
    looked = 0
    near = 0  # text blocks seen since the headline: a short dated line there is the story's date
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "h1":
            seen_headline = True
            continue
        if seen_headline and near < _NEAR_HEADLINE and el.text and el.text.strip():
            near += 1
            if len(el.text) <= _MAX_VISIBLE_CHARS and tag in ("p", "span", "div", "small", "li"):
                day = _printed_day(el)
                if day:
                    return day
        if not _date_marked(el):
            continue
        if not seen_headline:
            if len(before) < _MAX_CANDIDATES:
                before.append(el)
            continue
        day = _printed_day(el)
        if day:
            return day
        looked += 1
        if looked >= _MAX_CANDIDATES:
            break
    for el in before:
        day = _printed_day(el)
        if day:
            return day
    return None


def _date_marked(el: HtmlElement) -> bool:
    """A ``<time>``, an element whose class names a date or byline, or a "Published ..." line."""
    if el.tag == "time":
        return True
    cls = el.get("class")
    if cls and _DATE_CLASS.search(cls):
        return True
    text = el.text
    return bool(text) and len(text) <= _MAX_VISIBLE_CHARS and bool(_PUBLISHED_CUE.search(text))


def _printed_day(el: HtmlElement) -> str | None:
    if _in_teaser(el):
        return None
    text = " ".join(el.text_content().split())
    if not text or len(text) > _MAX_VISIBLE_CHARS:
        return None
    return parse_visible_date(text)


def _in_teaser(el: HtmlElement) -> bool:
    """The element or one of its near containers is a teaser, menu or sidebar widget.

    Only the nearest containers count: wrappers further out (and ``main``, ``body``) name
    the page layout, not the block the date belongs to.
    """
    for n, node in enumerate([el, *el.iterancestors()]):
        if n > _TEASER_DEPTH or (n and node.tag in ("main", "body", "html")):
            return False
        if _NOT_STORY.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def parse_visible_date(text: str, *, month_first: bool = False) -> str | None:
    """A day printed in words or digits, in the common news formats of several languages."""
    names = month_names()
    for pattern in _visible_patterns():
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y"]) if len(g["y"]) == 4 else 2000 + int(g["y"])
        if g.get("mn"):
            month, day = names.get(g["mn"].lower().rstrip(".")), int(g["d"])
        elif g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            day, month = (b, a) if (month_first and a <= 12) or b > 12 else (a, b)
        else:
            month, day = int(g["m"]), int(g["d"])
        try:
            return date(year, month or 0, day).isoformat()
        except ValueError:
            continue
    return None
