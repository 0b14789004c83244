"""Quotation marks -> quoted stretches of text, paragraph by paragraph.

News style lets a quotation run over several paragraphs: a paragraph that opens a quote
without closing it is continued by the next paragraph when that one opens with a quotation
mark again. A quote that never closes is cut at the end of its paragraph, so that one stray
mark can never swallow the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "paragraph_bounds"]

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
DOUBLE_APOSTROPHES = ("''", "``")
# What may stand before an opening straight quote: start, space, or an opening bracket/dash.
_OPENING_CONTEXT = " \t\n([{—–-/:"
_PARAGRAPH_BREAK = re.compile(r"\n")


@dataclass
class Quote:
    """A quoted stretch: ``start``/``end`` include the quotation marks that are there.

    Attributes:
        start: offset of the opening mark.
        end: offset just after the closing mark (or after the last quoted character when the
            quote is not closed).
        closed: whether a closing mark was found.
        paragraphs: how many paragraphs the quote runs over.
        single: quoted with single marks (‘ ’).
    """

    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1
    single: bool = False

    def inner(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words without the marks and edge spaces."""
        a, b = self.start, self.end
        while a < b and (
            text[a] in DOUBLE_OPEN + STRAIGHT + SINGLE_OPEN + "'`" or text[a].isspace()
        ):
            a += 1
        while b > a and (
            text[b - 1] in DOUBLE_CLOSE + STRAIGHT + SINGLE_CLOSE + "'" or text[b - 1].isspace()
        ):
            b -= 1
        return a, b

    def word_count(self, text: str) -> int:
        """Number of words inside the marks."""
        a, b = self.inner(text)
        return len(text[a:b].split())


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) offsets, split at line breaks, blank ones left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append(_strip(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append(_strip(text, pos, len(text)))
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_opening_straight(text: str, i: int, para_start: int) -> bool:
    if i == para_start or text[i - 1] in _OPENING_CONTEXT:
        return i + 1 < len(text) and not text[i + 1].isspace()
    return False


def _looks_closing(text: str, i: int, para_end: int) -> bool:
    """A mark after a word and before a space, punctuation or the paragraph end."""
    after = text[i + 1] if i + 1 < para_end else " "
    return not text[i - 1].isspace() and (after.isspace() or after in ".,;:!?)—–-")


def _looks_opening(text: str, i: int, para_start: int) -> bool:
    """A mark at the paragraph start or after a space, before a word."""
    before_ok = i == para_start or text[i - 1] in _OPENING_CONTEXT or not text[i - 1].isprintable()
    return before_ok and i + 1 < len(text) and text[i + 1].isalnum()


def _opens_with_apostrophes(text: str, i: int, para_start: int) -> bool:
    before_ok = i == para_start or text[i - 1] in _OPENING_CONTEXT
    return before_ok and i + 2 < len(text) and not text[i + 2].isspace()


def _is_single_open(text: str, i: int, para_start: int) -> bool:
    if text[i + 1 : i + 3].isdigit():
        return False  # ‘08, ‘90s: an elided year, not a quotation
    return (i == para_start or text[i - 1] in _OPENING_CONTEXT + '"“') and (
        i + 1 < len(text) and text[i + 1].isalnum()
    )


def _is_single_close(text: str, i: int) -> bool:
    # Not an apostrophe: the next character is no letter ("don’t", "Clintons’s").
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not nxt.isalnum() and not text[i - 1].isspace()


def _quotes_in_paragraph(text: str, a: int, b: int) -> tuple[list[Quote], int | None]:
    """Top-level quotes of one paragraph and the offset of a quote left open at its end."""
    quotes: list[Quote] = []
    open_at: int | None = None
    open_kind = ""
    i = a
    while i < b:
        ch = text[i]
        pair = text[i : i + 2]
        if pair in DOUBLE_APOSTROPHES:
            # '' or `` standing for a double quotation mark (newspaper archives, PTB text)
            if open_at is None and (pair == "``" or _opens_with_apostrophes(text, i, a)):
                open_at, open_kind = i, "apostrophes"
                i += 2
                continue
            if open_at is not None and open_kind == "apostrophes" and pair == "''":
                quotes.append(Quote(open_at, i + 2))
                open_at = None
                i += 2
                continue
        if open_at is None:
            if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE and _looks_opening(text, i, a):
                open_at, open_kind = i, "curly"
            elif ch == STRAIGHT and _is_opening_straight(text, i, a):
                open_at, open_kind = i, "straight"
            elif ch == SINGLE_OPEN and _is_single_open(text, i, a):
                open_at, open_kind = i, "single"
        elif open_kind == "curly" and (
            ch in DOUBLE_CLOSE or ch in DOUBLE_OPEN + STRAIGHT and _looks_closing(text, i, b)
        ):
            # Mixed or wrong marks (“...,“ or “..." ) still close a quote.
            quotes.append(Quote(open_at, i + 1))
            open_at = None
        elif open_kind == "curly" and ch in DOUBLE_OPEN and i > open_at + 1:
            # A second opening mark before any close: the first one was stray.
            if text[i - 1] in _OPENING_CONTEXT:
                quotes.append(Quote(open_at, _back_to_space(text, open_at, i), closed=False))
                open_at = i
        elif open_kind == "straight" and (ch == STRAIGHT or ch in DOUBLE_CLOSE):
            quotes.append(Quote(open_at, i + 1))
            open_at = None
        elif open_kind == "single" and ch == SINGLE_CLOSE and _is_single_close(text, i):
            quotes.append(Quote(open_at, i + 1, single=True))
            open_at = None
        i += 1
    if open_kind == "single" and open_at is not None:
        # An unclosed single mark is far more often an apostrophe-like use: drop it.
        return quotes, None
    return quotes, open_at


def _back_to_space(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotes of a text, in order.

    Args:
        text: the article text (paragraphs separated by line breaks).

    Returns:
        Quotes with offsets into ``text``. A quote left open at the end of a paragraph runs
        on into the next paragraph when that paragraph opens with a quotation mark (and so on);
        otherwise it is cut at its paragraph's end with ``closed=False``.
    """
    paragraphs = paragraph_bounds(text)
    out: list[Quote] = []
    carry: Quote | None = None  # a quote running on from the previous paragraph
    for a, b in paragraphs:
        quotes, open_at = _quotes_in_paragraph(text, a, b)
        if carry is not None:
            if quotes and quotes[0].start == a:
                first = quotes.pop(0)
                carry.end, carry.closed = first.end, True
                carry.paragraphs += 1
                out.append(carry)
                carry = None
            elif open_at == a and not quotes:
                carry.end = b
                carry.paragraphs += 1
                open_at = None
            else:
                carry.closed = False
                out.append(carry)
                carry = None
        out.extend(quotes)
        if open_at is not None and carry is None:
            carry = Quote(open_at, b, closed=False)
    if carry is not None:
        carry.closed = False
        out.append(carry)
    out.sort(key=lambda q: q.start)
    return out
