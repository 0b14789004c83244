"""Which time expression dates a stretch of text (an event trigger, a speech cue).

Rule: an expression attached to the verb of the span, or to a verb above it (the date of
"said" also dates what was said), wins; else the nearest day-resolvable expression in the
same sentence. Vague values (PAST_REF) and sets never date anything.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..model import Article, TimeExpression
from .calendar import day_span
from .clock import governing_verb, token_span

__all__ = ["date_of"]


def _sentence_bounds(article: Article, doc: Doc | None) -> list[tuple[int, int]]:
    """Sentence spans from the NLP stage (computed once), the parse, or a full-stop split."""
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    if doc is not None:
        return [(s.start_char, s.end_char) for s in doc.sents]
    bounds, start = [], 0
    for m in re.finditer(r"[.!?][\"')\]]*\s+(?=[A-Z\"'])|\n\s*\n", article.text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(article.text)))
    return bounds


def _sentence_index(bounds: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence holding ``offset``."""
    starts = [b[0] for b in bounds]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _verb_of(doc: Doc, start: int, end: int) -> Token | None:
    """The verb governing the characters [start, end)."""
    span = token_span(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return governing_verb(span.root)


def date_of(
    article: Article, start: int, end: int, doc: Doc | None = None
) -> tuple[str, str | None] | None:
    """The (date, enddate) of the time expression that governs the text span [start, end).

    Args:
        article: an article whose ``times`` the time stage has filled.
        start: first character of the span (an event trigger, a speech cue ...).
        end: character after the span.
        doc: the spaCy parse of ``article.text``; without it only sentence proximity is used.

    Returns:
        ``(first day, last day or None)`` as ISO dates, e.g. ``("2014-06-09", "2014-06-15")``
        for "last week"; None when no dated expression governs the span.
    """
    try:
        usable = [(t, day_span(t.value)) for t in article.times if t.type in ("DATE", "TIME")]
        dated = [(t, d) for t, d in usable if d is not None]
        if not dated:
            return None
        bounds = _sentence_bounds(article, doc)
        here = _sentence_index(bounds, start)
        same = [(t, d) for t, d in dated if _sentence_index(bounds, t.start) == here]
        if not same:
            return None
        if doc is not None:
            chosen = _attached(doc, start, end, same)
            if chosen is not None:
                return chosen
        middle = (start + end) / 2
        best = min(same, key=lambda td: abs((td[0].start + td[0].end) / 2 - middle))
        return best[1]
    except (ValueError, IndexError, AttributeError):
        return None


def _attached(
    doc: Doc, start: int, end: int, times: list[tuple[TimeExpression, tuple[str, str | None]]]
) -> tuple[str, str | None] | None:
    """The date of an expression attached to the span's verb or to a verb that governs it."""
    verb = _verb_of(doc, start, end)
    if verb is None:
        return None
    by_verb: dict[int, list[tuple[TimeExpression, tuple[str, str | None]]]] = {}
    for t, d in times:
        v = _verb_of(doc, t.start, t.end)
        if v is not None:
            by_verb.setdefault(v.i, []).append((t, d))
    node: Token = verb
    for _ in range(32):
        if node.i in by_verb:
            hits = by_verb[node.i]
            return min(hits, key=lambda td: abs(td[0].start - start))[1]
        if node.head.i == node.i:
            break
        nxt = governing_verb(node.head)
        if nxt is None or nxt.i == node.i:
            break
        node = nxt
    return None
