"""Normalisation of calendar dates and periods: month-days, months, years, decades, quarters,
seasons, "last week", "two years ago", "a year earlier"."""

from __future__ import annotations

import re
from datetime import date

from .calendar import Point, valid_day
from .clock import Clock, Resolved, Tense, dated, lower, year_for_month
from .lexicon import lexicon, year_number
from .quarters import QUARTER_HANDLERS
from .relative import RELATIVE_HANDLERS
from .rules import Candidate
from .spans import SPAN_HANDLERS

__all__ = ["PERIOD_HANDLERS"]

_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "dec", "sun", "sat", "wed"}
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|through|throughout|last|this|next|early|late|mid|"
    r"before|after|from|to|between|during|and|or|end|beginning|middle|start|around)\s+|mid-)$",
    re.IGNORECASE,
)


_AHEAD_CUE = re.compile(
    r"\b(?:effective|starting|beginning|payable|due|expires?|expiring|next)"
    r"\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
_WEAK_AHEAD_CUE = re.compile(
    r"\b(?:through|until|till|by|before)\s+(?:on\s+|in\s+)?(?:the\s+\w+\s+of\s+)?$", re.IGNORECASE
)
_BEHIND_CUE = re.compile(
    r"\b(?:ended|since|as\s+of|last|earlier)\s+(?:on\s+|in\s+)?$", re.IGNORECASE
)


def _cued_tense(c: Candidate, text: str, tense: Tense) -> str | None:
    """The tense for a date named without a year: a preposition before it ("effective",
    "until", "ended", "since") says more than the verb."""
    before = text[max(0, c.start - 20) : c.start]
    if _AHEAD_CUE.search(before):
        return "future"
    if _BEHIND_CUE.search(before):
        return "past"
    verb = tense(c.start, c.end)
    if verb != "past" and _WEAK_AHEAD_CUE.search(text[max(0, c.start - 30) : c.start]):
        return "future"
    return verb


def _month_ok(word: str, text: str, c: Candidate) -> bool:
    """Months are capitalised in news; words that are also verbs need a cue before them."""
    if not word[:1].isupper():
        return False
    if word.lower().rstrip(".") in _AMBIGUOUS_MONTHS and word[-1:] != ".":
        return bool(_MONTH_CUES.search(text[max(0, c.start - 12) : c.start])) or c.length > len(
            word
        )
    return True


def _day_number(word: str) -> int | None:
    """A day of the month from digits or an ordinal word."""
    if word.isdigit():
        return int(word)
    return lexicon().ordinals.get(word.lower())


def _date_md(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """June 5, 2013; Wednesday, June 11; Sept. 3 (year from the DCT and tense)."""
    g = c.groups
    if not _month_ok(g["month"], text, c):
        return None
    month = lexicon().month_number(g["month"]) or 1
    day_n = _day_number(g["day"])
    if day_n is None or day_n < 1 or day_n > 31:
        return None
    if g.get("year"):
        year: int | None = int(g["year"])
    elif g.get("wd") and clock.dct:
        year = _year_with_weekday(month, day_n, g["wd"], clock)
    else:
        year = year_for_month(month, day_n, clock, _cued_tense(c, text, tense))
    if year is None:
        return Resolved("DATE", None)
    day = valid_day(year, month, day_n)
    if day is None:
        return Resolved("DATE", None)
    return (
        dated(Point(day, "day"), clock=clock)
        if not g.get("year")
        else Resolved("DATE", day.isoformat(), Point(day, "day"))
    )


def _year_with_weekday(month: int, day_n: int, wd: str, clock: Clock) -> int | None:
    """The year near the DCT in which that month-day falls on that weekday."""
    assert clock.dct is not None
    want = lexicon().weekday_number(wd)
    for year in (clock.dct.year, clock.dct.year + 1, clock.dct.year - 1):
        d = valid_day(year, month, day_n)
        if d and d.isoweekday() == want:
            return year
    return clock.dct.year


def _date_dm(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """5 June 2013, the 5th of June."""
    return _date_md(c, text, clock, tense)


def _month_year(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """March 2011, January nineteen ninety-seven."""
    g = c.groups
    if not _month_ok(g["month"], text, c):
        return None
    month = lexicon().month_number(g["month"]) or 1
    year = year_number(g["year"])
    if year is None:
        return None
    return Resolved("DATE", f"{year:04d}-{month:02d}", Point(date(year, month, 1), "month"))


def _month(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """March, last April, mid-June, December last year."""
    g = c.groups
    if not _month_ok(g["month"], text, c):
        return None
    word = g["month"]
    if len(word) <= 3 and word.lower() != "may" and not g.get("rel"):
        return None
    month = lexicon().month_number(word) or 1
    if clock.dct is None:
        return Resolved("DATE", None)
    dct = clock.dct
    rel = lower(g.get("rel"))
    relyear = lower(g.get("relyear"))
    year = dct.year
    if relyear:
        year += {"last year": -1, "next year": 1}.get(relyear, 0)
    elif rel in ("last", "this past", "previous"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "that" and clock.last:
        return dated(
            Point(date(clock.last.day.year, month, 1), "month"), clock=clock, anaphoric=True
        )
    elif rel != "this":
        year = year_for_month(month, None, clock, _cued_tense(c, text, tense)) or year
    return dated(Point(date(year, month, 1), "month"), clock=clock)


def _year(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """2003, fiscal 2012, mid-1996, the first half of 2013; not counts ("2000 people")."""
    g = c.groups
    year = int(g["year"])
    mod = lower(g.get("mod"))
    if (
        year < 1800
        and not mod
        and not re.search(
            r"\b(?:in|since|of|by|until)\s+$", text[max(0, c.start - 7) : c.start], re.IGNORECASE
        )
    ):
        return None
    before = text[max(0, c.start - 2) : c.start]
    if before.endswith(("$", "#")) or re.search(r"[\d,]\s?$", before):
        return None
    if not mod and text[c.start - 1 : c.start] == "-":
        return None
    follower = re.match(r"\s+([a-z]+)\b", text[c.end : c.end + 20])
    previous = re.search(r"(\S+)\s+$", text[max(0, c.start - 20) : c.start])
    word = previous.group(1).lower() if previous else ""
    counted = (
        not word or word in lexicon().count_words or not re.fullmatch(r"[a-z]+|\w+['’]s", word)
    )
    if not mod and follower and follower.group(1) not in lexicon().year_followers and counted:
        return None  # "some 2000 people": a count, not a year
    if "half" in mod:
        h = 1 if "first" in mod else 2
        return Resolved("DATE", f"{year:04d}-H{h}", Point(date(year, 6 * h - 5, 1), "half"))
    return Resolved("DATE", f"{year:04d}", Point(date(year, 1, 1), "year"))


def _year_short(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """'98 after in/since/of/until/by."""
    yy = int(c.groups["yy"])
    year = 2000 + yy if yy <= 30 else 1900 + yy
    return Resolved("DATE", f"{year:04d}", Point(date(year, 1, 1), "year"))


def _spelled_year(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Nineteen ninety-six, the year two thousand."""
    year = year_number(c.groups["spelled"])
    if year is None:
        return None
    start = c.start
    if text[c.start : c.start + 3].lower() == "in ":
        start = c.start + 3
    return Resolved("DATE", f"{year:04d}", Point(date(year, 1, 1), "year"), start=start)


def _decade(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The 1990s, the '80s, the nineties."""
    g = c.groups
    if g.get("dec"):
        decade = int(g["dec"]) // 10
    elif g.get("dec2"):
        decade = 190 + int(g["dec2"]) // 10
    else:
        decade = 190 + lexicon().decade_words[g["decw"].lower()]
    return Resolved("DATE", f"{decade:03d}", Point(date(decade * 10 or 1, 1, 1), "decade"))


def _century(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The 20th century, the nineteenth century."""
    word = c.groups["cent"].lower()
    n = int(re.sub(r"\D", "", word)) if word[0].isdigit() else lexicon().ordinals.get(word)
    if not n or n > 21:
        return None
    return Resolved("DATE", f"{n - 1:02d}", Point(date(max((n - 1) * 100, 1), 1, 1), "century"))


PERIOD_HANDLERS = {
    "date_md": _date_md,
    "date_dm": _date_dm,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "year_short": _year_short,
    "spelled_year": _spelled_year,
    "decade": _decade,
    "century": _century,
    **QUARTER_HANDLERS,
    **RELATIVE_HANDLERS,
    **SPAN_HANDLERS,
}
