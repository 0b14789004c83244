"""News-specific cleaning of extracted main text: what general extractors leave in.

Applied to the paragraphs trafilatura returns: the headline repeated as the first line, the
byline, photo credits and captions, "Read more" / "Related" teasers, share prompts, and
a block repeated right after itself (mobile and desktop copies).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .dates import parse_printed_date
from .wire import WireText, agency_prefix, credit_via, known_agencies

__all__ = ["clean_paragraphs", "find_via", "fragment_paragraphs", "is_article_text"]

_TEASER = re.compile(
    r"^(?:read more|read also|see also|see more|related(?: articles?| stories| news| coverage)?|"
    r"more on this story|recommended|most read|you may also like|also read|also see|don'?t miss|"
    r"lesen sie auch|mehr zum thema|weiterlesen|lire aussi|à lire aussi|leer más|lee también|"
    r"leggi anche|advertisement|anzeige|werbung|publicité|publicidad|sponsored)\b.{0,120}$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|foto|bild|credit|source|quelle|illustration)s?\s*(?:credit)?\s*[:©]"
    r")",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^[-•*]?\s*(?:share|tweet|e-?mail|print|comments?|\d+\s+comments?|order reprints|text size|by|"
    r"tags?(?:\s*:.*)?|keywords?\s*:.*|schlagworte?\s*:.*|etiquetas?\s*:.*)\s*(?:this)?\s*(?:article|story)?\s*:?$",
    re.IGNORECASE,
)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
# "August 23, 2018" / "22.01.2018 12:13" / "Updated at 1:23 p.m." / "segunda-feira, 22 de janeiro de 2018 às 0:13"
_STAMP_WORDS = re.compile(
    r"\b(?:updated|published|posted|last modified|aktualisiert|veröffentlicht|publicado|publié|mis à jour|"
    r"pubblicato|aggiornato)\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b")
_MIN_DEDUP_CHARS = 30
# "AFP reports", "Xinhua reported", "(Reuters)": an agency the story is credited to.
_AGENCY_REPORTS = re.compile(
    r"(?:\b(?P<agency>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})\s+(?:news agency\s+)?"
    r"(?:reports?|reported|said|says|writes|wrote)\b"
    r"|\((?P<paren>[A-Z][\w.\- ]{1,30})\)\s*[-–—:])"
)


def clean_paragraphs(lines: list[str], *, title: str | None, authors: list[str]) -> list[str]:
    """Paragraphs of article text without news-page leftovers.

    Args:
        lines: the extractor's text, one paragraph (block) per item.
        title: the headline, dropped where the text repeats it as its first line.
        authors: byline names; a short first or last line that is only the byline is dropped.
    """
    paragraphs = [" ".join(line.split()) for line in lines]
    paragraphs = [p for p in paragraphs if p and not _URL_ONLY.match(p)]
    title_key = _key(title or "")
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        edge = i < 3 or i >= len(paragraphs) - 3
        if title_key and i < 5 and _repeats_title(para, title_key):
            continue
        if edge and (_is_byline(para, authors) or _is_stamp(para)):
            continue
        if len(para) <= 120 and _EMAIL.search(para) and not para.endswith((".", '"', "”")):
            continue
        if len(para) <= 160 and (_TEASER.match(para) or _CREDIT.match(para) or _SHARE.match(para)):
            continue
        # The same block twice in a row is a page-layout copy (mobile and desktop teaser).
        if out and len(para) >= _MIN_DEDUP_CHARS and _key(para) == _key(out[-1]):
            continue
        out.append(para)
    return out


def fragment_paragraphs(tree: HtmlElement) -> list[str]:
    """Paragraphs of a short HTML fragment (a feed item's content), block by block."""
    blocks = tree.xpath("//p | //li | //blockquote | //h2 | //h3 | //pre | //td")
    texts = [b.text_content() for b in blocks if not b.xpath("ancestor::p | ancestor::li")]
    if not any(t.strip() for t in texts):
        body = tree.find("body")
        texts = [(body if body is not None else tree).text_content()]
    return [" ".join(t.split()) for t in texts if t.strip()]


def find_via(paragraphs: list[str], *, source_name: str | None) -> list[str]:
    """News agencies a web story credits ("AFP reports", "quoting Xinhua", "(Reuters) -").

    Looks at the first two and the last paragraph, where credits stand; the publishing
    site itself is not its own ``via``.
    """
    page = WireText(source_name=source_name)
    where = paragraphs[:2] + paragraphs[2:][-1:]
    credit_via(where, page)
    agencies = known_agencies()
    site = (source_name or "").casefold()
    for para in where:
        for m in _AGENCY_REPORTS.finditer(para):
            words = m.group("agency") or m.group("paren") or ""
            # "Officials told AFP news agency" is not a credit; "AFP reports" is.
            name = agency_prefix(words.split()[-1], agencies) or agency_prefix(words, agencies)
            if name and name.casefold() != site and name != source_name and name not in page.via:
                page.via.append(name)
    return page.via


def is_article_text(paragraphs: list[str], *, min_words: int = 12) -> bool:
    """True when the text has prose: a paragraph of ``min_words`` words, not only link labels.

    Scripts written without spaces (Japanese, Chinese, Thai) count five letters a word.
    """
    return any(len(p.split()) >= min_words or _letters(p) >= min_words * 5 for p in paragraphs)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text[:2000])


def _repeats_title(para: str, title_key: str) -> bool:
    """The headline again, maybe with its kicker in front ("Transport Harbour authority ...")."""
    key = _key(para)
    if key == title_key:
        return True
    return key.endswith(title_key) and len(para.split()) - len(title_key) // 6 <= 12 and len(key) - len(title_key) <= 30


def _is_stamp(para: str) -> bool:
    """A line that only states when the piece was published or updated."""
    if len(para) > 70 or para.endswith((".", "!", "?")) and not para.endswith(("m.", "h.")):
        return False
    if not (_NUMERIC_DATE.search(para) or parse_printed_date(para)):
        return False
    words = re.findall(r"[^\W\d_]{2,}", para)
    if _STAMP_WORDS.search(para):
        return len(words) <= 8
    return parse_printed_date(para) is not None and len(words) <= 4 or len(words) <= 1 and bool(_NUMERIC_DATE.search(para)) and ":" in para


def _is_byline(para: str, authors: list[str]) -> bool:
    if len(para) > 100:
        return False
    if re.match(r"^(?:by|von|par|por)\s+[A-Z\u00c0-\u024f]", para, re.IGNORECASE) and len(para.split()) <= 12:
        return not para.rstrip().endswith((".", "!", "?", '"', "”"))
    if authors and any(name.casefold() in para.casefold() for name in authors):
        rest = para
        for name in authors:
            rest = re.sub(re.escape(name), "", rest, flags=re.IGNORECASE)
        return not re.search(r"[^\W\d_]{3,}", re.sub(r"\b(?:and|und|et|by|von|par|staff|writer|reporter)\b", "", rest, flags=re.IGNORECASE))
    return False


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
