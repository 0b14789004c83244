"""Normalisation of days and times of day: dates, weekdays, yesterday, clock times, nights."""

from __future__ import annotations

import re
from datetime import timedelta

from .calendar import Point, valid_day, weekday_near
from .clock import Clock, Resolved, Tense, dated, lower, weekday_day, year_for_month
from .lexicon import lexicon
from .rules import Candidate

__all__ = ["DAY_HANDLERS"]


def _iso(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """2014-06-16 and 2014-06-16T19:21."""
    g = c.groups
    day = valid_day(int(g["year"]), int(g["mnum"]), int(g["day"]))
    if day is None:
        return Resolved("DATE", None)
    if g.get("hour"):
        return Resolved(
            "TIME",
            f"{day.isoformat()}T{g['hour']}:{g['minute']}",
            Point(day, "day", clock=f"{g['hour']}:{g['minute']}"),
        )
    return Resolved("DATE", day.isoformat(), Point(day, "day"))


def _numeric(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """6/16/2014 (month first unless the first number cannot be a month)."""
    g = c.groups
    m, d, y = int(g["mnum"]), int(g["day"]), int(g["year"])
    if len(g["year"]) == 2:
        y += 2000 if y <= 30 else 1900
    if m > 12 and d <= 12:
        m, d = d, m
    day = valid_day(y, m, d)
    return Resolved("DATE", day.isoformat() if day else None, Point(day, "day") if day else None)


def _clock_time(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """7:15 p.m., 19:21 GMT, 0800 GMT, noon: a time on the day named with it, else the DCT."""
    g = c.groups
    if "noon" in g:
        hour, minute = (12, 0) if g["noon"].lower() in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        ampm = lower(g.get("ampm")).replace(".", "").replace(" ", "")
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or (
            not ampm
            and not g.get("tz")
            and c.rule == "clock24"
            and not g.get("anchor")
            and re.search(r"\d[:.]\d\d\s*$", text[max(0, c.start - 6) : c.start])
        ):
            return None
    hhmm = f"{hour:02d}:{minute:02d}"
    day_point = _anchor_day(g.get("anchor"), c, clock, tense)
    if day_point is None:
        return Resolved("TIME", f"T{hhmm}" if clock.dct is None and not g.get("anchor") else None)
    point = Point(day_point.day, "day", clock=hhmm)
    return dated(point, "TIME", clock=clock)


def _anchor_day(word: str | None, c: Candidate, clock: Clock, tense: Tense) -> Point | None:
    """The day named by a weekday, yesterday/today/tomorrow or a month-day; default the DCT."""
    if clock.dct is None:
        return None
    w = lower(word)
    if not w or w == "today":
        return Point(clock.dct, "day")
    if w == "yesterday":
        return Point(clock.dct - timedelta(days=1), "day")
    if w == "tomorrow":
        return Point(clock.dct + timedelta(days=1), "day")
    lex = lexicon()
    wd = lex.weekday_number(w)
    if wd:
        return Point(weekday_day(wd, None, clock.dct, tense(c.start, c.end)), "day")
    parts = w.split()
    if len(parts) == 2 and lex.month_number(parts[0]):
        month = lex.month_number(parts[0]) or 1
        year = year_for_month(month, int(parts[1]), clock, tense(c.start, c.end))
        day = valid_day(year or clock.dct.year, month, int(parts[1]))
        return Point(day, "day") if day else None
    return Point(clock.dct, "day")


def _weekday(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Friday, last Friday, Saturday night; plural weekdays are sets."""
    g = c.groups
    if len(g["wd"].rstrip(".")) < 6 or not g["wd"][0].isupper():
        return None
    if g.get("pod") and g["pod"][0].isupper():
        return None  # "Saturday Night Live", a title
    wd = lexicon().weekday_number(g["wd"]) or 1
    part = lexicon().parts_of_day.get(lower(g.get("pod")))
    if g.get("plural") or (g.get("pod") and text[c.start : c.end].endswith("s")):
        return Resolved("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""))
    kind = "TIME" if part else "DATE"
    rel = lower(g.get("rel"))
    if rel in ("the previous", "previous", "the following", "that") and clock.last:
        ref = clock.last.day
        step = -1 if "previous" in rel else (1 if "following" in rel else 0)
        day = weekday_near(ref, wd, step if step else -1)
        return dated(Point(day, "day", part=part), kind, clock=clock, anaphoric=True)
    if clock.dct is None:
        return Resolved(kind, None)
    day = weekday_day(wd, rel, clock.dct, tense(c.start, c.end))
    return dated(Point(day, "day", part=part), kind, clock=clock)


def _pod_day(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Morning yesterday, night Saturday."""
    g = c.groups
    part = lexicon().parts_of_day[lower(g["pod"])]
    day = _anchor_day(g.get("anchor"), c, clock, tense)
    if day is None:
        return Resolved("TIME", None)
    return dated(Point(day.day, "day", part=part), "TIME", clock=clock)


def _deictic(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Yesterday, today, tomorrow, tonight (with a part of day they are times)."""
    g = c.groups
    word = lower(g["deictic"])
    if g["deictic"][0].isupper() and re.search(
        r"[A-Z]\w*\s+$", text[max(0, c.start - 12) : c.start]
    ):
        return None  # "VOA Today", a programme or paper
    part = lexicon().parts_of_day.get(lower(g.get("pod"))) or ("NI" if word == "tonight" else None)
    kind = "TIME" if part else "DATE"
    if clock.dct is None:
        return Resolved(kind, None)
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    return dated(Point(clock.dct + timedelta(days=shift), "day", part=part), kind, clock=clock)


def _pod_rel(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """This morning, last night, that evening."""
    g = c.groups
    part = lexicon().parts_of_day[lower(g["pod"])]
    rel = lower(g["rel"])
    if rel in ("that", "the previous"):
        ref = clock.reference()
        if ref is None or ref.grain != "day":
            return Resolved("TIME", None)
        day = ref.day - timedelta(days=1 if rel == "the previous" else 0)
        return dated(Point(day, "day", part=part), "TIME", clock=clock, anaphoric=True)
    if clock.dct is None:
        return Resolved("TIME", None)
    shift = -1 if rel == "last" else 0
    return dated(Point(clock.dct + timedelta(days=shift), "day", part=part), "TIME", clock=clock)


def _pod_mod(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Mid-afternoon, early morning: the day in question, else the DCT."""
    part = lexicon().parts_of_day[lower(c.groups["pod"])]
    day = clock.nearby(c.start)
    if day is None:
        return Resolved("TIME", None)
    if day.grain != "day":
        day = clock.anchor()
    assert day is not None
    return dated(Point(day.day, "day", part=part), "TIME", clock=clock)


def _overnight(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """The night before the report (the coming night in future tense)."""
    if clock.dct is None:
        return Resolved("TIME", None)
    shift = 0 if tense(c.start, c.end) == "future" else -1
    return dated(Point(clock.dct + timedelta(days=shift), "day", part="NI"), "TIME", clock=clock)


DAY_HANDLERS = {
    "iso": _iso,
    "numeric": _numeric,
    "clock": _clock_time,
    "clock24": _clock_time,
    "clock_mil": _clock_time,
    "noon": _clock_time,
    "weekday": _weekday,
    "pod_day": _pod_day,
    "deictic": _deictic,
    "pod_rel": _pod_rel,
    "overnight": _overnight,
    "pod_mod": _pod_mod,
}
