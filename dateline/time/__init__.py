"""The time stage: every time expression of an article, resolved against its own clock.

:func:`find_times` fills ``article.times`` with TIMEX3-style expressions (type DATE, TIME,
DURATION or SET; TimeML value; enddate for spans; the anchor used). :func:`date_of` tells
the later stages which of them dates an event trigger or a speech cue.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime

from spacy.tokens import Doc

from ..model import Article, TimeExpression
from .calendar import Point
from .clock import Clock, Resolved, Tense, tense_of
from .days import DAY_HANDLERS
from .governing import date_of
from .periods import PERIOD_HANDLERS
from .rules import Candidate, choose, find_candidates

__all__ = ["date_of", "find_times", "resolve_times"]

_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
# rule name -> normaliser (see rules.py for the rules, days.py/periods.py for the readings)
_HANDLERS = {**DAY_HANDLERS, **PERIOD_HANDLERS}


def _creation_day(article: Article) -> date | None:
    """The article's own calendar day (in the UTC offset it was published in), or None."""
    try:
        when = article.published_datetime()
    except (ValueError, TypeError):
        return None
    if isinstance(when, datetime):
        return when.date()
    return when


def find_times(article: Article, doc: Doc) -> Article:
    """Fill ``article.times`` from the text, resolving values against ``article.published``.

    Args:
        article: the article; ``published`` (ISO 8601, a day, or None) is the anchor.
        doc: the spaCy parse of ``article.text`` (used for tense and sentences).

    Returns:
        The same article with ``times`` filled (an empty list when nothing is found).
    """
    try:
        article.times = resolve_times(article.text, _creation_day(article), doc)
    except (ValueError, IndexError, KeyError, OverflowError, TypeError):
        article.times = []
    return article


def resolve_times(text: str, dct: date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """The time expressions of ``text`` with values resolved against the day ``dct``.

    Args:
        text: the text (offsets of the result index it).
        dct: the document creation day; None leaves anchor-needing values None.
        doc: the spaCy parse of ``text``; without it tense is unknown and sentences are lines.
    """
    if not text:
        return []
    starts = [s.start_char for s in doc.sents] if doc is not None else [0]
    tenses: dict[tuple[int, int], str | None] = {}

    def tense(start: int, end: int) -> str | None:
        """The tense governing [start, end), parsed once."""
        if doc is None:
            return None
        key = (start, end)
        if key not in tenses:
            tenses[key] = tense_of(doc, start, end)
        return tenses[key]

    def sentence_of(offset: int) -> int:
        """The index of the sentence holding ``offset``."""
        return bisect.bisect_right(starts, offset) - 1

    probe = Clock(dct, sentence_of=sentence_of)
    valid = [c for c in find_candidates(text) if _safe(c, text, probe, tense) is not None]
    clock = Clock(dct, sentence_of=sentence_of)
    out: list[TimeExpression] = []
    for c in choose(valid):
        r = _safe(c, text, clock, tense)
        if r is None:
            continue
        try:
            out.append(_expression(text, c, r))
            _remember(clock, c, r)
        except (ValueError, OverflowError):  # a date at the edge of the calendar
            continue
    return out


def _safe(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Resolve one candidate; a failure drops it instead of failing the article."""
    handler = _HANDLERS.get(c.rule)
    if handler is None:
        return None
    try:
        return handler(c, text, clock, tense)
    except (ValueError, IndexError, KeyError, OverflowError, TypeError, AssertionError):
        return None


def _expression(text: str, c: Candidate, r: Resolved) -> TimeExpression:
    """The record of one resolved expression (enddate: last day of a coarse DATE)."""
    start = r.start if r.start is not None else c.start
    end = r.end if r.end is not None else c.end
    enddate = None
    if r.point is not None and r.type == "DATE" and r.point.grain != "day":
        enddate = r.point.days()[1].isoformat()
    return TimeExpression(
        text=text[start:end],
        start=start,
        end=end,
        type=r.type,  # type: ignore[arg-type]
        value=r.value,
        enddate=enddate,
        anchor=r.anchor,
    )


def _remember(clock: Clock, c: Candidate, r: Resolved) -> None:
    """Let a resolved date become the reference of later anaphoric expressions."""
    if r.point is None or r.type not in ("DATE", "TIME") or r.value in _VAGUE or r.anaphoric:
        return
    clock.last = Point(r.point.day, r.point.grain, part=r.point.part)
    clock.last_at = c.start
    if r.point.grain == "quarter":
        clock.last_quarter = r.point
        clock.last_quarter_at = c.start
