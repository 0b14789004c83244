"""The time lexicon (``data/lexicon.yaml``): loaded once, with regex pieces built from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Lexicon", "alternation", "lexicon", "parse_number", "year_number"]


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class Lexicon:
    """Word lists and tables of the time stage."""

    months: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    numbers: dict[str, int | None]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    decade_words: dict[str, int]
    vague: dict[str, tuple[str, str]]
    frequencies: dict[str, str]
    period_modifiers: list[str]
    duration_modifiers: list[str]
    year_followers: frozenset[str]
    count_words: frozenset[str]
    tense: dict[str, frozenset[str]]

    @property
    def month_re(self) -> str:
        """Month names; abbreviations may carry a full stop."""
        full = [m for m in self.months if len(m) > 3 and m != "sept"] + ["may"]
        abbr = [m for m in self.months if (len(m) <= 3 or m == "sept") and m != "may"]
        return rf"(?:(?:{alternation(full)})\b|(?:{alternation(abbr)})\b\.?)"

    @property
    def weekday_re(self) -> str:
        """Weekday names (full, and the common abbreviations with a full stop)."""
        abbr = r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
        return rf"(?:(?:{alternation(list(self.weekdays))})\b|(?:{abbr})\.)"

    @property
    def number_re(self) -> str:
        """Cardinals: digits, number words and hyphenated compounds (twenty-four)."""
        tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
        ones = "one|two|three|four|five|six|seven|eight|nine"
        words = alternation([w for w in self.numbers])
        return (
            rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:{tens})[-\s](?:{ones})\b"
            rf"|(?:{words})\b(?:\s+hundred\b)?)"
        )

    @property
    def unit_re(self) -> str:
        """Singular unit names (plural s handled by the rules)."""
        return alternation(list(self.units)).replace("century", "centur(?:y|ie)")

    @property
    def part_of_day_re(self) -> str:
        """Parts of a day that follow a day name (morning, night ...)."""
        return "morning|afternoon|evening|night"

    @property
    def season_re(self) -> str:
        """Season names."""
        return alternation(list(self.seasons))

    @property
    def ordinal_re(self) -> str:
        """Ordinal words and numerals."""
        return alternation(list(self.ordinals))

    def month_number(self, word: str) -> int | None:
        """1-12 for a month name or abbreviation (full stop ignored)."""
        return self.months.get(word.lower().rstrip("."))

    def weekday_number(self, word: str) -> int | None:
        """ISO weekday of a (possibly abbreviated or plural) day name."""
        w = word.lower().rstrip(".")
        if w.endswith("s") and w[:-1] in self.weekdays:
            w = w[:-1]
        for name, num in self.weekdays.items():
            if name == w or (len(w) >= 3 and name.startswith(w)):
                return num
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once from the package data."""
    raw = yaml.safe_load(
        resources.files("dateline.time").joinpath("data/lexicon.yaml").read_text("utf-8")
    )
    return Lexicon(
        months=dict(raw["months"]),
        weekdays=dict(raw["weekdays"]),
        parts_of_day=dict(raw["parts_of_day"]),
        seasons=dict(raw["seasons"]),
        numbers=dict(raw["numbers"]),
        ordinals={str(k): v for k, v in raw["ordinals"].items()},
        units=dict(raw["units"]),
        decade_words=dict(raw["decade_words"]),
        vague={k: (v[0], v[1]) for k, v in raw["vague"].items()},
        frequencies=dict(raw["frequencies"]),
        period_modifiers=list(raw["period_modifiers"]),
        duration_modifiers=list(raw["duration_modifiers"]),
        year_followers=frozenset(str(w) for w in raw["year_followers"]),
        count_words=frozenset(str(w) for w in raw["count_words"]),
        tense={k: frozenset(str(w) for w in v) for k, v in raw["tense"].items()},
    )


_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def parse_number(text: str) -> float | None:
    """The value of a cardinal as written (``"two"``, ``"24"``, ``"twenty-four"``, ``"2 1/2"``).

    Vague quantities (several, a few) and unknown words give None.
    """
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    half = 0.0
    if t.endswith(" 1/2"):
        half, t = 0.5, t[:-4]
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    table = lexicon().numbers
    if t in table:
        v = table[t]
        return None if v is None else float(v) + half
    parts = t.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in table and table[parts[1]]:
        return float(_TENS[parts[0]] + int(table[parts[1]] or 0)) + half
    if len(parts) == 2 and parts[1] == "hundred" and table.get(parts[0]):
        return float(100 * int(table[parts[0]] or 0)) + half
    return None


_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}


def year_number(word: str) -> int | None:
    """A year in digits or words ("1996", "nineteen ninety-six", "the year two thousand")."""
    w = " ".join(word.lower().split()).replace("-", " ")
    if w.isdigit():
        return int(w)
    w = w.replace("the year ", "")
    parts = w.split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + (int(parse_number(" ".join(rest)) or 0) if rest else 0)
    if parts and parts[0] in ("nineteen", "eighteen"):
        century = 1900 if parts[0] == "nineteen" else 1800
        rest = " ".join(parts[1:])
        if rest == "hundred":
            return century
        n = _TEENS.get(rest) or parse_number(rest)
        return century + int(n) if n is not None and n < 100 else None
    return None
