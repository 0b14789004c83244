"""Normalisation of durations ("for three days" = P3D), sets ("every Monday") and vague
references ("now" = PRESENT_REF, "recently" = PAST_REF, "the future" = FUTURE_REF)."""

from __future__ import annotations

import re

from .clock import Clock, Resolved, Tense, lower
from .lexicon import lexicon, parse_number
from .rules import Candidate

__all__ = ["SPAN_HANDLERS", "duration_value"]

_FRACTION_UNIT = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "M": ("D", 30), "W": ("D", 7)}


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration for ``n`` units (``unit`` a lexicon unit name); X when vague."""
    info = lexicon().units.get(
        unit.lower().rstrip("s").replace("centurie", "century"), {"code": "Y", "clock": False}
    )
    code, clock = info["code"], info["clock"]
    t = "T" if clock else ""
    if n is None:
        return f"P{t}X{code}"
    n *= info.get("times", 1)
    if n == int(n):
        return f"P{t}{int(n)}{code}"
    whole = int(n)
    if code in _FRACTION_UNIT and not clock:
        sub, per = _FRACTION_UNIT[code]
        rest = round((n - whole) * per)
        if sub == "H":
            return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
        return f"P{whole}{code}{rest}{sub}" if whole else f"P{rest}{sub}"
    if clock and code in ("H", "M"):
        sub = "M" if code == "H" else "S"
        rest = round((n - whole) * 60)
        return f"PT{whole}{code}{rest}{sub}" if whole else f"PT{rest}{sub}"
    return f"P{t}{n:g}{code}"


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``at`` begins a sentence (after nothing, a full stop or a line break)."""
    return bool(re.search(r"(?:^|[.!?][\"'”’)]*\s+|\n\s*)[\"'“‘(]*$", text[max(0, at - 6) : at]))


def _duration(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Three days, two-year, the past two months, 2 1/2 years; 'a year' after a rate is a set."""
    g = c.groups
    num, unit = lower(g["num"]), lower(g["unit"])
    n = parse_number(num)
    if num in ("a", "an", "one", "the") and unit in ("second", "quarter") and not g.get("plural"):
        return None
    if unit == "second" and not g.get("plural") and num in ("a", "an", "one"):
        return None
    if n is not None and n >= 1000 and not g.get("plural"):
        return None  # "the 1988 quarter" is a date, not 1988 quarters
    if unit == "quarter" and re.match(r"\s+of\b", text[c.end : c.end + 4]):
        return None  # "three-quarters of its food" is a fraction
    if g.get("and") or g.get("half"):
        n = (n or 0) + 0.5
    before = text[max(0, c.start - 8) : c.start].lower()
    if num in ("a", "an", "one", "per") and re.search(r"\b(?:times|twice|once|per)\s+$", before):
        return Resolved("SET", duration_value(1, unit))
    if (
        num in ("a", "an")
        and unit in ("year", "month", "week", "day")
        and not g.get("approx")
        and re.search(
            r"(?:\d|%|million|billion|dollars|cents|days?|hours?|nights?|times)\s+$", before
        )
    ):
        return Resolved("SET", duration_value(1, unit))
    start = None
    if re.match(r"the\s+\S+-", text[c.start : c.end], re.IGNORECASE) and re.match(
        r"\s+[a-z]", text[c.end : c.end + 2]
    ):
        start = c.start + 4
    if g.get("num2"):
        n2 = parse_number(g["num2"])
        if n is not None and n2 is not None and n2 > n + 2:
            n = None
    return Resolved("DURATION", duration_value(n, unit), start=start)


def _vague_duration(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Years, several weeks, recent months, the coming days."""
    g = c.groups
    pre = lower(g.get("pre"))
    unit = lower(g["unit"])
    if pre == "recent":
        if unit in ("years", "decades"):
            return Resolved("DATE", "PAST_REF")
        return Resolved("DURATION", duration_value(None, unit))
    if (pre in ("coming", "the coming") or g.get("tail")) and (
        pre == "coming" or unit in ("months", "quarters", "years")
    ):
        return Resolved("DATE", "FUTURE_REF")
    if pre == "the" and unit in ("seconds", "minutes", "hours", "days"):
        after = text[c.end : c.end + 8].lower()
        if not re.match(r"\s+(?:ahead|before|after|since|following|leading)", after):
            return None
    if unit == "seconds" and not pre:
        return None
    if unit == "quarters" and not pre:
        return None
    return Resolved("DURATION", duration_value(None, unit))


def _a_while(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """A while, some time, a long time."""
    return Resolved("DURATION", "PXX")


def _set_every(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Every Monday, each month, every two weeks."""
    g = c.groups
    lex = lexicon()
    if g.get("unitn"):
        n = parse_number(g["num"])
        return Resolved("SET", duration_value(n, lower(g["unitn"])))
    x = lower(g["x"])
    step = 2 if lower(g.get("other")) == "other" else 1
    if x in lex.units:
        return Resolved("SET", duration_value(step, x))
    if x == "weekend":
        return Resolved("SET", "XXXX-WXX-WE")
    if x in lex.parts_of_day:
        return Resolved("SET", f"XXXX-XX-XXT{lex.parts_of_day[x]}")
    wd = lex.weekday_number(x) if len(x) >= 6 else None
    if wd:
        return Resolved("SET", f"XXXX-WXX-{wd}")
    month = lex.month_number(x)
    if month and g["x"][:1].isupper():
        return Resolved("SET", f"XXXX-{month:02d}")
    return None


def _set_freq(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Daily, weekly, hourly (adverbs; adjectives before a noun are left out)."""
    if c.groups["freq"][0].isupper() and not _sentence_start(text, c.start):
        return None  # "the Daily News"
    word = c.groups["freq"].lower()
    if word in ("quarterly", "annually"):
        return None
    if re.match(r"\s+[a-z]", text[c.end : c.end + 2]) and not re.match(
        r"\s+(?:and|or|but|from|since|until|through|in|at|on|for|to|by)\b", text[c.end : c.end + 9]
    ):
        return None
    return Resolved("SET", lexicon().frequencies[c.groups["freq"].lower()])


def _set_rate(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """$5 a year, twice per day."""
    return Resolved("SET", duration_value(1, c.groups["unit"]))


def _vague(c: Candidate, text: str, clock: Clock, tense: Tense) -> Resolved | None:
    """Now, recently, the future ... from the lexicon's vague references."""
    word = c.groups["vague"]
    key = lower(word)
    kind, value = lexicon().vague[key]
    before = text[max(0, c.start - 4) : c.start]
    after = text[c.end : c.end + 4]
    if key == "earlier" and not (word[0].isupper() and re.match(r"\s*,", after)):
        return None
    if key == "soon" and re.search(r"\bas\s+$", before.lower()) and after.lower().startswith(" as"):
        return None
    if key == "future" and re.match(
        r"\s+(?:quarters|years|months|weeks|days)\b", text[c.end : c.end + 10]
    ):
        return Resolved(kind, value, end=c.end + len(re.match(r"\s+\w+", text[c.end :]).group(0)))
    if key in ("current", "future") and re.match(
        r"[-\s]*(?:account|affairs|events|affair|tense|"
        r"shareholders|generations?)\b",
        after.lower(),
    ):
        return None
    if key == "future" and re.match(r"\s+[a-z]", text[c.end : c.end + 2]):
        return None
    if key == "previously" and re.match(r"\s+\w+ed\b", text[c.end : c.end + 20]):
        return None
    return Resolved(kind, value)


SPAN_HANDLERS = {
    "duration": _duration,
    "vague_duration": _vague_duration,
    "a_while": _a_while,
    "set_every": _set_every,
    "set_freq": _set_freq,
    "set_rate": _set_rate,
    "vague": _vague,
}
