"""When a statement was made: the time its cue names, else the article's day.

The time stage's ``date_of(article, start, end, doc)`` gives the day a stretch of text refers
to ("said on Monday"). Until that function exists, the time expressions the time stage left
in ``article.times`` inside the cue's sentence are used instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from typing import Any

from spacy.tokens import Doc

from ..model import Article

__all__ = ["StatementDater"]

log = logging.getLogger(__name__)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
DateOf = Callable[..., Any]


@lru_cache(maxsize=1)
def _date_of() -> DateOf | None:
    """``dateline.time.date_of`` when the time stage provides it."""
    try:
        func = getattr(import_module("dateline.time"), "date_of", None)
    except ImportError:  # the time package failed to import: date by the article's day
        log.warning("dateline.time could not be imported; statements dated by publication day")
        return None
    return func if callable(func) else None


def _day(value: Any) -> str | None:
    if isinstance(value, tuple | list):
        value = value[0] if value else None
    if isinstance(value, str) and _DAY.match(value):
        return value[:10]
    return None


class StatementDater:
    """Dates the statements of one article.

    Args:
        article: the article (``published`` and, from the time stage, ``times``).
        doc: its spaCy Doc.
    """

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.published_day = _day(article.published)
        self.date_of = _date_of()

    def from_text(self, cue_start: int, cue_end: int) -> str | None:
        """The day the text gives for a cue at ``cue_start:cue_end``, or None."""
        if self.date_of is not None:
            try:
                return _day(self.date_of(self.article, cue_start, cue_end, doc=self.doc))
            except (ValueError, TypeError, IndexError, KeyError) as e:
                log.debug("date_of failed on %s: %s", self.article.id, e)
                return None
        return self._from_times(cue_start, cue_end)

    def _from_times(self, cue_start: int, cue_end: int) -> str | None:
        """The nearest dated time expression in the cue's sentence (fallback)."""
        if not self.article.times or cue_start >= self.doc[-1].idx + len(self.doc[-1]):
            return None
        sent = self.doc.char_span(cue_start, cue_end, alignment_mode="expand")
        if sent is None or len(sent) == 0:
            return None
        s = sent[0].sent
        best: tuple[int, str] | None = None
        for t in self.article.times:
            day = _day(t.value)
            if t.type != "DATE" or day is None or not (s.start_char <= t.start < s.end_char):
                continue
            gap = abs(t.start - cue_start)
            if best is None or gap < best[0]:
                best = (gap, day)
        return best[1] if best else None

    def fallback(self) -> str | None:
        """The article's day, when the text names none."""
        return self.published_day
