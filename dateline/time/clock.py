"""The article's clock: what relative time expressions are resolved against.

Deictic expressions ("yesterday", "last week", "on Friday") are resolved against the
document creation time (``published``); anaphoric ones ("the following day", "a year
earlier", "that year") against the last date the text itself mentioned. The tense of the
governing verb, read from the spaCy parse, decides the direction of bare weekdays and
months: "met on Friday" is the Friday before publication, "will meet on Friday" the one
after. Without a usable ``published`` every value that needs an anchor stays None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .calendar import Point, weekday_near
from .lexicon import lexicon

__all__ = [
    "Clock",
    "Resolved",
    "Tense",
    "dated",
    "governing_verb",
    "lower",
    "tense_of",
    "token_span",
    "weekday_day",
    "year_for_month",
]

Tense = Callable[[int, int], str | None]


@dataclass
class Clock:
    """What relative expressions are resolved against while reading one article."""

    dct: date | None
    last: Point | None = None
    last_quarter: Point | None = None
    last_quarter_at: int = -1
    last_at: int = -1
    sentence_of: Callable[[int], int] = field(default=lambda offset: 0)

    def anchor(self) -> Point | None:
        """The document creation day as a point."""
        return Point(self.dct, "day") if self.dct else None

    def reference(self) -> Point | None:
        """The last date the text mentioned, else the document creation day."""
        return self.last or self.anchor()

    def nearby(self, at: int) -> Point | None:
        """The last date mentioned when it was in the same sentence as ``at``, else the DCT."""
        if self.last is not None and self.sentence_of(self.last_at) == self.sentence_of(at):
            return self.last
        return self.anchor()


@dataclass
class Resolved:
    """The reading of one candidate: TIMEX3 type and value, and possibly a trimmed span."""

    type: str
    value: str | None
    point: Point | None = None
    start: int | None = None
    end: int | None = None
    anchor: str | None = None
    anaphoric: bool = False


def lower(s: str | None) -> str:
    """Lower case with runs of white space made single spaces."""
    return " ".join((s or "").lower().split())


def dated(
    point: Point | None, kind: str = "DATE", *, clock: Clock, anaphoric: bool = False
) -> Resolved:
    """A resolved point, recording the anchor (DCT, or the reference when anaphoric)."""
    anchor = clock.reference() if anaphoric else clock.anchor()
    return Resolved(
        kind,
        point.value if point else None,
        point,
        anchor=anchor.value if (anchor and point) else None,
        anaphoric=anaphoric,
    )


def year_for_month(month: int, day: int | None, clock: Clock, tense: str | None) -> int | None:
    """The year of a month (and day) named without one.

    News names dates near its own: the year that puts the date nearest the DCT wins, except
    that a past-tense verb picks the last such date before the DCT (and a future-tense one
    the next after it) when that lies within ten months.
    """
    if clock.dct is None:
        return None
    dct = clock.dct
    here = dct.year * 372 + dct.month * 31 + (dct.day if day else 1)
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        options.append((year, year * 372 + month * 31 + (day or 1) - here))
    if tense == "past":
        past = [o for o in options if o[1] <= 0 and -o[1] <= 310]
        if past:
            return max(past, key=lambda o: o[1])[0]
    if tense == "future":
        ahead = [o for o in options if o[1] >= 0 and o[1] <= 310]
        if ahead:
            return min(ahead, key=lambda o: o[1])[0]
    return min(options, key=lambda o: (abs(o[1]), o[1] > 0))[0]


def weekday_day(wd: int, rel: str | None, dct: date, tense: str | None) -> date:
    """The day a weekday name refers to: the DCT itself on that weekday, else back or forward."""
    rel = lower(rel)
    if rel in ("last", "this past", "previous", "the previous"):
        return weekday_near(dct, wd, -1)
    if rel in ("next", "coming", "this coming", "the following", "the next"):
        return weekday_near(dct, wd, +1)
    if wd == dct.isoweekday():
        return dct
    if rel == "this" or tense in ("future", "scheduled"):
        return weekday_near(dct, wd, +1)
    return weekday_near(dct, wd, -1)


def _tense_words(kind: str) -> frozenset[str]:
    """A word list of the lexicon's ``tense`` table."""
    return lexicon().tense[kind]


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering the characters [start, end), or None."""
    try:
        return doc.char_span(start, end, alignment_mode="expand")
    except (IndexError, ValueError):
        return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the dependency tree."""
    t = token
    for _ in range(64):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _verb_tense(verb: Token, depth: int = 0) -> str | None:
    """Tense of one verb from its tag and auxiliaries (following to-infinitives up)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _tense_words("future_auxiliaries"):
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (
        verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if words & _tense_words("modals"):
        return "future"
    if verb.tag_ == "VB" and "to" in words and depth < 3 and verb.head.i != verb.i:
        head = governing_verb(verb.head)
        if head is not None and head.i != verb.i:
            outer = _verb_tense(head, depth + 1)
            if outer == "past":
                return "past"
            be_to = head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")  # "is to resume"
            if head.lemma_ in _tense_words("future_verbs") or be_to:
                return "future"
            return outer
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in _tense_words("future_verbs"):
        return "future"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present" if verb.lemma_ in _tense_words("reporting_verbs") else "scheduled"
    if verb.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def tense_of(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb governing [start, end), or None.

    ``"past"``, ``"present"`` (reporting verbs, be, have), ``"scheduled"`` (other simple
    present verbs, which with a day name announce what is to come) or ``"future"``.
    """
    span = token_span(doc, start, end)
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.dep_ == "poss":
        return None  # "Tuesday's declaration": a day spoken of as done
    verb = governing_verb(root)
    if verb is None:
        return None
    tense = _verb_tense(verb)
    if tense == "scheduled" and verb.i not in (root.head.i, root.head.head.i):
        return "present"
    return tense
