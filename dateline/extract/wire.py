"""Wire-style text pages: title (often repeated), a ``# <date> (UTC +HH:MM)`` line, a dateline
(``Baku-APA.``, ``WASHINGTON (Reuters) -``), body paragraphs, and site boilerplate to drop."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .dates import parse_printed_date

# "Baku-APA." / "Moscow - TASS." / "BAKU, June 16 (Reuters) -" / "Moscow, June 16 /TASS/."
_PLACE = r"(?P<place>[A-Z][A-Za-z\u00c0-\u024f.' ]{1,40}?)"
_DATELINES = [
    re.compile(rf"^{_PLACE}\s*[-–—]\s*(?P<agency>[A-Z][\w&.\-]{{1,24}}?)\.\s+"),
    re.compile(
        rf"^{_PLACE}(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)??(?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?"
        rf"\s*\((?P<agency>[A-Z][A-Za-z&. \-]{{1,30}})\)\s*[-–—:]+\s*"
    ),
    re.compile(rf"^{_PLACE}(?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*/\s*(?P<agency>[A-Z][\w\-]{{1,24}})\s*/\.?\s*[-–—]?\s*"),
    re.compile(r"^(?P<place>[A-Z][A-Z.' ]{2,40}?)\s*[-–—]\s+(?=[A-Z])"),
]
# "APA reports quoting Xinhua", "citing Reuters", "according to AFP", "AFP reported".
_VIA = re.compile(
    r"\b(?:(?P<reporter>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?) (?:reports?|reported|said|says),? )?"
    r"(?:quoting|citing|according to|as reported by|reports? from) (?:the )?"
    r"(?P<via>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})"
)
_DATE_LINE = re.compile(r"^\s*#\s*(?P<date>.+)$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_SHARE_WORDS = re.compile(
    r"^(share|share this( article| story)?|print|print this|e-?mail|tweet|facebook|twitter|"
    r"whatsapp|telegram|linkedin|related( articles| news| stories)?|read (more|also)|"
    r"see also|follow us( on .*)?|subscribe|comments?|tags?:.*|keywords?:.*|source:.*|"
    r"advertisement|©.*|copyright.*|all rights reserved.*|"
    r"поделиться|печать|читайте также|paylaş|yazdır|paylash|çap et|partager|imprimer|"
    r"lire aussi|teilen|drucken|mehr zum thema|compartir|imprimir|leer más|condividi|stampa|"
    r"مشاركة|طباعة|اقرأ أيضا|分享|打印)\W*$",
    re.IGNORECASE,
)
_PAGINATION = re.compile(
    r"^(?:[«‹<»›>]+|prev(?:ious)?|next|first|last|page|of|\d+|[|/·•-])(?:\s+(?:[«‹<»›>]+|prev(?:ious)?|next|first|last|page|of|\d+|[|/·•-]))*$",
    re.IGNORECASE,
)


@dataclass
class WireText:
    """What the reader found on a wire-text page."""

    title: str | None = None
    published: str | None = None
    source_name: str | None = None
    source_place: str | None = None
    via: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@lru_cache(maxsize=1)
def known_agencies() -> dict[str, str]:
    """Every agency name and alias (casefolded) -> the agency's canonical name."""
    out: dict[str, str] = {}
    data = resources.files(__package__).joinpath("data/agencies.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, *_ = (line.split("\t") + ["", ""])[:3]
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                out[alias.strip().casefold()] = name.strip()
    return out


def read_wire_text(raw: str) -> WireText:
    """Read a wire-style text page into title, publication time, source and clean paragraphs."""
    paragraphs = _paragraphs(raw)
    page = WireText()
    if not paragraphs:
        return page
    # Title: the first paragraph when it is a short line without a final full stop.
    first = paragraphs[0]
    if len(first) <= 300 and "\n" not in first and not first.rstrip().endswith((".", '"', "”")):
        page.title = first.strip()
        paragraphs = paragraphs[1:]
        while paragraphs and _same(paragraphs[0], page.title):
            paragraphs = paragraphs[1:]
    body: list[str] = []
    for para in paragraphs:
        m = _DATE_LINE.match(para)
        if m and page.published is None and not body:
            page.published = parse_printed_date(m.group("date"))
            continue
        if page.published is None and not body and _is_date_only(para):
            page.published = parse_printed_date(para)
            continue
        body.append(para)
    body = _drop_boilerplate(body)
    if body:
        body[0] = _take_dateline(body[0], page)
    credit_via(body[:2] + body[-1:], page)
    page.paragraphs = [p for p in body if p]
    return page


def _paragraphs(raw: str) -> list[str]:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = re.split(r"\n\s*\n", raw)
    out = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if len(lines) > 1:  # furniture lines inside a block ("Share\nPrint") go line by line
            lines = [ln for ln in lines if not is_boilerplate(ln)]
        if not lines:
            continue
        # A date line glued under the title stays its own paragraph.
        current: list[str] = []
        for ln in lines:
            if _DATE_LINE.match(ln) or (current and _DATE_LINE.match(current[-1])):
                if current:
                    out.append(" ".join(current))
                current = [ln]
            else:
                current.append(ln)
        if current:
            out.append(" ".join(current))
    # Split a title line off a block when the block started with "Title\n# date".
    return [re.sub(r"[ \t]+", " ", p).strip() for p in out]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_date_only(para: str) -> bool:
    if len(para) > 60 or parse_printed_date(para) is None:
        return False
    return not re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", para.lower().replace("utc", ""))


def is_boilerplate(para: str) -> bool:
    """True for site furniture: pagination, section menus (any language), share/print/related."""
    stripped = para.strip()
    if not stripped:
        return True
    if _SHARE_WORDS.match(stripped) or _PAGINATION.match(stripped):
        return True
    tokens = [t for t in re.split(r"[\s|•·/»«>]+", stripped) if t]
    if tokens and len(tokens) <= 12 and not _SENTENCE_END.search(stripped):
        menu = [t for t in tokens if t.isdigit() or (t.isupper() and len(t) > 1) or t in {"-", "–"}]
        if len(menu) == len(tokens):
            return True
        # "Home World Politics Sport": every word capitalised, no verb-like lower-case word.
        if len(tokens) >= 3 and all(t[:1].isupper() or t.isdigit() for t in tokens) and len(stripped) < 60:
            return True
    return False


def _drop_boilerplate(body: list[str]) -> list[str]:
    kept = [p for p in body if not is_boilerplate(p)]
    # Trailing fragments with no sentence end after the last real paragraph.
    while kept and len(kept[-1].split()) <= 4 and not _SENTENCE_END.search(kept[-1]):
        kept.pop()
    return kept


def split_dateline(first: str) -> tuple[str, str | None, str | None]:
    """A first paragraph's dateline: (the rest, place, agency), or (first, None, None).

    "Baku-APA. The ..." and "CAIRO, Aug 26 (Reuters) - The ..." are datelines whatever the
    agency; "Moscow (Interfax) - ..." needs an all-capitals place or an agency we know.
    """
    agencies = known_agencies()
    for pattern in _DATELINES:
        m = pattern.match(first)
        if not m:
            continue
        place = m.group("place").strip(" .,")
        agency = (m.groupdict().get("agency") or "").strip(" .")
        if (
            agency and pattern is not _DATELINES[0] and not place.isupper()
            and agency.casefold() not in agencies and not agency.isupper()
        ):
            continue
        if not agency and not place.isupper():
            continue
        place = place.title() if place.isupper() else place
        name = agencies.get(agency.casefold(), agency) if agency else None
        return first[m.end():].lstrip(), place, name
    return first, None, None


def _take_dateline(first: str, page: WireText) -> str:
    rest, place, agency = split_dateline(first)
    if place:
        page.source_place = place
        page.source_name = agency or page.source_name
    return rest


def credit_via(paragraphs: list[str], page: WireText) -> None:
    """Add the agencies the paragraphs credit ("quoting Xinhua", "citing Reuters") to ``page.via``."""
    agencies = known_agencies()
    for para in paragraphs:
        for m in _VIA.finditer(para):
            reporter, via = m.group("reporter"), m.group("via")
            name = agency_prefix(via, agencies)
            if name is None:
                continue
            if reporter and page.source_name is None and reporter.casefold() in agencies:
                page.source_name = agencies[reporter.casefold()]
            if name != page.source_name and name not in page.via:
                page.via.append(name)


def agency_prefix(words: str, agencies: dict[str, str]) -> str | None:
    """The agency named at the start of ``words`` ("Xinhua news agency said" -> Xinhua)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        cand = " ".join(parts[:n]).strip(".,")
        if cand.casefold() in agencies:
            return agencies[cand.casefold()]
    return None
