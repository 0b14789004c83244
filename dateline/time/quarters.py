"""Normalisation of business and natural periods: quarters, halves, seasons, "year-earlier".

Company reports speak of "the quarter", "the year-earlier period", "a year ago" meaning the
quarter under discussion (or the same quarter a year before): those resolve against the
last quarter the text named, else the last completed quarter before publication.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar import Point
from .clock import Clock, Resolved, Tense, dated, lower
from .lexicon import lexicon, year_number
from .rules import Candidate

__all__ = ["QUARTER_HANDLERS", "year_back_quarter"]

_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def _quarter_point(year: int, q: int) -> Point:
    """The quarter ``q`` of ``year`` as a point."""
    return Point(date(year, 3 * q - 2, 1), "quarter")


def _dct_quarter(clock: Clock) -> int:
    """The quarter the DCT falls in."""
    assert clock.dct is not None
    return (clock.dct.month - 1) // 3 + 1


def year_back_quarter(clock: Clock, at: int, *, within: int = 1) -> Point | None:
    """The quarter named at most ``within`` sentences before, a year back; else None."""
    if clock.last_quarter is None:
        return None
    if clock.sentence_of(at) - clock.sentence_of(clock.last_quarter_at) > within:
        return None
    return clock.last_quarter.shift(-4, "quarter")


def _quarter(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The third quarter, third-quarter, the quarter, the year-ago period, the 1988 quarter."""
    g = c.groups
    what = lower(g["what"])
    det, adjs, ord_ = lower(g.get("det")), lower(g.get("adjs")), lower(g.get("ord"))
    matched = lower(text[c.start : c.end])
    start = c.start
    if what == "half" and not ord_:
        return None
    if not ord_ and not adjs and det in ("", "a", "an", "their", "his", "her", "our"):
        return None
    if what == "period" and not adjs:
        return None
    if g.get("plural"):
        if ord_ in _ORD and what == "quarter":
            return Resolved("SET", f"XXXX-Q{_ORD[ord_]}")
        return None
    # "the third-quarter results": the determiner belongs to the noun after the adjective
    if det and re.search(r"-quarter$", matched) and re.match(r"\s+[a-z]", text[c.end : c.end + 2]):
        start = c.start + len(g["det"]) + 1
        while text[start].isspace():
            start += 1
    year_ago = bool(
        re.search(r"year[-\s](?:earlier|ago)|comparable|corresponding|last\s+year's", adjs)
    ) or bool(g.get("ago"))
    explicit = g.get("year") or next(iter(re.findall(r"\b(1\d\d\d|20\d\d)\b", adjs)), None)
    if what == "half":
        return _half(ord_, explicit, g, clock, tense, c, start)
    if ord_ in _ORD or (ord_ == "last" and det != "the"):
        q = _ORD.get(ord_, 4)
        if explicit and explicit.isdigit():
            year = int(explicit)
        elif clock.dct is None:
            return Resolved("DATE", None, start=start)
        else:
            year = clock.dct.year
            rel = lower(g.get("year"))
            if "next year" in adjs or rel == "next year":
                year += 1
            elif q > _dct_quarter(clock) and tense(c.start, c.end) != "future":
                year -= 1
            if "last year" in rel:
                year -= 1
        point = _quarter_point(year, q)
        if year_ago:
            point = point.shift(-4, "quarter")
        return Resolved(
            "DATE",
            point.value,
            point,
            start=start,
            anchor=clock.anchor().value if clock.dct else None,
        )
    if explicit and explicit.isdigit() and what == "quarter" or what == "period" and explicit:
        year = int(explicit)
        if clock.last_quarter is None:
            return Resolved("DATE", f"{year:04d}", Point(date(year, 1, 1), "year"), start=start)
        q = (clock.last_quarter.day.month - 1) // 3 + 1
        return dated(_quarter_point(year, q), clock=clock, anaphoric=True)
    if clock.dct is None:
        return Resolved("DATE", None, start=start)
    current = _quarter_point(clock.dct.year, _dct_quarter(clock))
    if "current" in adjs or det == "this" and clock.last_quarter is None:
        point = current
    elif det == "next":
        point = current.shift(1)
    elif det == "last" or ord_ == "last" or re.search(r"previous|prior|preceding", adjs):
        base = clock.last_quarter if det != "last" and clock.last_quarter else current
        point = base.shift(-1)
    elif "latest" in adjs:
        done = current.shift(-1)
        point = (
            clock.last_quarter
            if clock.last_quarter and clock.last_quarter.day <= done.day
            else done
        )
    else:
        point = clock.last_quarter or current.shift(-1)
    if year_ago:
        point = point.shift(-4, "quarter")
    return dated(point, clock=clock, anaphoric=clock.last_quarter is not None)


def _half(
    ord_: str,
    explicit: str | None,
    g: dict[str, str],
    clock: Clock,
    tense: Tense,
    c: Candidate,
    start: int,
) -> Resolved | None:
    """The first or second half, of a named year or the DCT's."""
    h = 1 if ord_ in ("first", "1st") else 2
    if explicit and explicit.isdigit():
        year = int(explicit)
    elif clock.dct is None:
        return Resolved("DATE", None, start=start)
    else:
        year = clock.dct.year
        rel = lower(g.get("year"))
        year += 1 if "next" in rel else (-1 if "last" in rel else 0)
        if not rel and h == 2 and clock.dct.month <= 6 and tense(c.start, c.end) == "past":
            year -= 1
    return Resolved(
        "DATE", f"{year:04d}-H{h}", Point(date(year, 6 * h - 5, 1), "half"), start=start
    )


def _halfyear(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The first two quarters of 1990."""
    h = 1 if c.groups["what"].lower() == "first" else 2
    year = int(c.groups["year"])
    return Resolved("DATE", f"{year:04d}-H{h}", Point(date(year, 6 * h - 5, 1), "half"))


def _season(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """This summer, last fall, the winter of 1994."""
    g = c.groups
    code = lexicon().seasons[g["season"].lower()]
    rel = lower(g.get("rel"))
    if g.get("year"):
        year = year_number(g["year"])
        if year is None:
            return None
        return Resolved("DATE", f"{year:04d}-{code}", Point(date(year, 1, 1), "season", part=code))
    if not rel and not g.get("rel2"):
        before = text[max(0, c.start - 12) : c.start].lower()
        if not re.search(r"\b(?:in|during|by|until|since|through|over|every|all)\s+$", before):
            return None
    if rel == "the" and code == "FA" and not g.get("rel2"):
        before = text[max(0, c.start - 12) : c.start].lower()
        if not re.search(r"\b(?:in|during|by|until|since|through|over)\s+$", before):
            return None
    if clock.dct is None:
        return Resolved("DATE", None)
    dct = clock.dct
    now = _SEASON_ORDER[_season_of(dct)]
    want = _SEASON_ORDER[code]
    year = dct.year
    if rel in ("last", "this past"):
        year = dct.year if want < now else dct.year - 1
    elif rel in ("next", "this coming"):
        year = dct.year if want > now else dct.year + 1
    elif rel == "that" and clock.last:
        year = clock.last.day.year
    elif rel not in ("this",) and tense(c.start, c.end) == "past" and want > now:
        year -= 1
    return dated(Point(date(year, 1, 1), "season", part=code), clock=clock)


def _season_of(day: date) -> str:
    """The season a day falls in (northern meteorological seasons)."""
    m = day.month
    return "WI" if m in (12, 1, 2) else "SP" if m <= 5 else "SU" if m <= 8 else "FA"


def _year_ago_adj(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Year-earlier, the year-ago quarter: the quarter in question a year back."""
    what = lower(c.groups.get("what"))
    if what.endswith("months"):
        n = 9 if what.startswith("nine") else 6
        return Resolved("DURATION", f"P{n}M")
    start = None
    if not what and text[c.start : c.start + 4].lower() == "the ":
        start = c.start + 4
    back = year_back_quarter(clock, c.start, within=1000)
    if back is not None:
        r = dated(back, clock=clock, anaphoric=True)
    elif clock.dct is None:
        return Resolved("DATE", None, start=start)
    else:
        r = dated(Point(date(clock.dct.year - 1, 1, 1), "year"), clock=clock, anaphoric=True)
    r.start = start
    return r


def _year_end(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Year-end, year's end: the year in question."""
    if clock.dct is None:
        return Resolved("DATE", None)
    ref = clock.nearby(c.start)
    year = ref.day.year if ref else clock.dct.year
    return dated(Point(date(year, 1, 1), "year"), clock=clock)


QUARTER_HANDLERS = {
    "quarter": _quarter,
    "halfyear": _halfyear,
    "season": _season,
    "year_ago_adj": _year_ago_adj,
    "year_end": _year_end,
}
