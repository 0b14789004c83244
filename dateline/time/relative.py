"""Normalisation of relative periods: "last week", "this month", "two years ago", "a year
earlier", "the following day", "earlier in the year", "the weekend"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import Point, weekday_near
from .clock import Clock, Resolved, Tense, dated, lower
from .lexicon import parse_number
from .quarters import year_back_quarter
from .rules import Candidate

__all__ = ["RELATIVE_HANDLERS"]

_UNIT_GRAIN = {
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "centurie": "century",
    "weekend": "week",
    "fiscal year": "year",
    "calendar year": "year",
    "school year": "year",
}
_GRAIN_ORDER = ["day", "week", "month", "quarter", "half", "season", "year", "decade", "century"]


def grain_of_year(word: str) -> bool:
    """Whether a unit word names a year (year, fiscal year, calendar year)."""
    return lower(word).endswith("year")


def _unit(word: str) -> str:
    """The granularity a unit word names."""
    w = lower(word)
    return _UNIT_GRAIN.get(w, _UNIT_GRAIN.get(w.rstrip("s"), "year"))


def _at_grain(point: Point, grain: str) -> Point:
    """``point`` at ``grain`` when that is not finer than what the point knows."""
    return Point(point.day, grain, part=point.part if grain == point.grain else None)


def _coarser(a: str, b: str) -> str:
    """The coarser of two granularities."""
    return a if _GRAIN_ORDER.index(a) >= _GRAIN_ORDER.index(b) else b


def _ago(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Two years ago (from the DCT), a year earlier, three days later (from the last date)."""
    g = c.groups
    direction = lower(g["dir"])
    back = direction in ("ago", "earlier", "before", "back", "previously")
    n = parse_number(g["num"])
    grain = _unit(g["unit"])
    if direction == "later" and n is not None and clock.last is not None:
        point = clock.last.shift(int(n), grain) if n == int(n) else None
        if point is not None:
            r = dated(
                _at_grain(point, _coarser(clock.last.grain, grain)), clock=clock, anaphoric=True
            )
            r.anaphoric = False  # "three years later" moves the story's clock on
            return r
    if (
        direction == "later"
        or direction in ("after", "before")
        and re.match(r"\s+(?:(?:the|a|an|his|her|its|their)\b|[A-Z])", text[c.end : c.end + 8])
    ):
        end = c.start + len(text[c.start : c.end].rsplit(None, 1)[0])
        from .spans import duration_value

        return Resolved("DURATION", duration_value(n, g["unit"]), end=end)
    if g["unit"].lower().startswith(("second", "minute", "hour")):
        return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
    if n is None:
        return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
    anaphoric = direction not in ("ago", "back", "from now", "hence")
    if n == 1 and grain == "year" and back:
        quarter = year_back_quarter(clock, c.start)
        if quarter is not None:
            return dated(quarter, clock=clock, anaphoric=True)
    base = clock.reference() if anaphoric else clock.anchor()
    if base is None:
        return Resolved("DATE", None)
    steps = int(n) if n == int(n) else None
    if steps is None:
        if grain == "year":
            steps, grain_unit = round(n * 12), "month"
        else:
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
    else:
        grain_unit = grain
    if grain == "week":
        grain = "day"
    if anaphoric and _GRAIN_ORDER.index(base.grain) > _GRAIN_ORDER.index(grain):
        target_grain = base.grain
    else:
        target_grain = grain if not anaphoric else base.grain
    if g["unit"].lower().startswith("fortnight"):
        steps *= 2
    point = Point(base.day, base.grain if anaphoric else "day", part=None).shift(
        -steps if back else steps, grain_unit
    )
    return dated(_at_grain(point, target_grain), clock=clock, anaphoric=anaphoric)


def _vague_ago(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Years ago, months later: vague past or future."""
    back = lower(c.groups["dir"]) in ("ago", "earlier")
    return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")


def _weekend(rel: str, clock: Clock, tense: Tense, c: Candidate) -> Resolved:
    """The weekend the text means: before the DCT, after it, or the one it is in."""
    assert clock.dct is not None
    dct = clock.dct
    if rel in ("last", "this past", "the past", "the last", "the previous"):
        sat = weekday_near(dct, 6, -1)
    elif rel in ("next", "the coming", "this coming", "the next", "the following"):
        sat = weekday_near(dct, 6, +1)
    elif dct.isoweekday() >= 6:
        sat = dct - timedelta(days=dct.isoweekday() - 6)
    elif rel == "this" or tense(c.start, c.end) == "future":
        sat = weekday_near(dct, 6, +1)
    else:
        sat = weekday_near(dct, 6, -1)
    return dated(Point(sat, "week", part="WE"), clock=clock)


def _rel_unit(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Last week, this month, next year, the following day, that year, the past decade."""
    g = c.groups
    rel = lower(g["rel"])
    unit_word = lower(g["unit"])
    mod = lower(g.get("mod"))
    if unit_word in ("morning", "evening", "night"):
        return None
    if (
        g["rel"][0].isupper()
        and g["unit"][0].isupper()
        and not re.search(r"(?:^|[.!?]\s+|\n)[\"'`]*$", text[max(0, c.start - 4) : c.start])
    ):
        return None  # "This Week", a programme title
    if unit_word == "day" and rel in ("the past", "the last", "the first"):
        return Resolved("DURATION", "P1D")
    if (
        rel == "the fiscal"
        and grain_of_year(unit_word)
        and (
            re.match(r"\s+end(?:ed|ing)\b", text[c.end : c.end + 8])
            or re.search(r"\bthroughout\s+$", text[max(0, c.start - 12) : c.start])
        )
    ):
        return Resolved("DURATION", "P1Y")
    grain = _unit(unit_word)
    if rel in ("the new",) and grain != "year":
        return None
    if clock.dct is None and rel not in (
        "that",
        "the same",
        "the following",
        "the previous",
        "the preceding",
        "the prior",
    ):
        return Resolved("DATE", None)
    if unit_word == "weekend":
        if clock.dct is None:
            return Resolved("DATE", None)
        return _weekend(rel, clock, tense, c)
    anaphoric = rel in (
        "that",
        "the same",
        "the following",
        "the previous",
        "the preceding",
        "the prior",
    )
    if anaphoric:
        base = clock.reference()
    else:
        base = clock.anchor()
    if base is None:
        return Resolved("DATE", None)
    shift = 0
    if rel in (
        "last",
        "the past",
        "the last",
        "the previous",
        "the preceding",
        "the prior",
        "the latest",
        "this past",
    ) or rel.startswith(("previous", "prior", "last", "the previous")):
        shift = -1
    elif rel in (
        "next",
        "the coming",
        "the next",
        "the following",
        "this coming",
        "the new",
    ) or rel.startswith("next"):
        shift = 1
    if grain == "year" and shift == -1 and rel == "last":
        quarter = year_back_quarter(clock, c.start)
        if quarter is not None and clock.sentence_of(c.start) == clock.sentence_of(
            clock.last_quarter_at
        ):
            return dated(quarter, clock=clock, anaphoric=True)
    if anaphoric and _GRAIN_ORDER.index(base.grain) > _GRAIN_ORDER.index(grain):
        return Resolved("DATE", None)
    point = _at_grain(Point(base.day, grain), grain).shift(shift, grain)
    if grain == "year" and "half" in mod:
        h = 1 if "first" in mod else 2
        return dated(Point(date(point.day.year, 6 * h - 5, 1), "half"), clock=clock)
    return dated(point, clock=clock, anaphoric=anaphoric)


def _in_the_unit(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Earlier in the year, later in the week."""
    grain = _unit(c.groups["unit"])
    base = clock.nearby(c.start)
    if base is None:
        return Resolved("DATE", None)
    if _GRAIN_ORDER.index(base.grain) > _GRAIN_ORDER.index(grain):
        base = clock.anchor() or base
    return dated(Point(base.day, grain), clock=clock, anaphoric=base is clock.last)


def _the_unit(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The weekend, the year, the day: the unit of the date in question."""
    g = c.groups
    unit = lower(g["unit"])
    mod = lower(g["mod"])
    if g["unit"][0].isupper():
        return None  # "Liar of the Year", a title
    after = text[c.end : c.end + 12].lower()
    if re.match(r"\s*(?:of|that|when|in which|before|after|-)", after) and mod == "the":
        return None
    if unit == "weekend":
        if clock.dct is None:
            return Resolved("DATE", None)
        return _weekend("", clock, tense, c)
    if (
        mod == "the"
        and unit in ("year", "week", "month")
        and re.match(r"\s+end(?:ed|ing|s)\b", after)
    ):
        return Resolved("DURATION", {"year": "P1Y", "week": "P1W", "month": "P1M"}[unit])
    if mod == "the" and unit == "month":
        return None
    base = clock.reference() if unit == "day" else clock.nearby(c.start)
    if base is None:
        return Resolved("DATE", None)
    grain = _unit(unit)
    if _GRAIN_ORDER.index(base.grain) > _GRAIN_ORDER.index(grain):
        base = clock.anchor() or base
        if _GRAIN_ORDER.index(base.grain) > _GRAIN_ORDER.index(grain):
            return Resolved("DATE", None)
    return dated(Point(base.day, grain), clock=clock, anaphoric=base is clock.last)


RELATIVE_HANDLERS = {
    "ago": _ago,
    "vague_ago": _vague_ago,
    "rel_unit": _rel_unit,
    "in_the_unit": _in_the_unit,
    "the_unit": _the_unit,
}
