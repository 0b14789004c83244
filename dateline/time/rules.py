"""Detection: the patterns that find time expressions in text, and the choice between overlaps.

The rules live in ``data/rules.yaml``: each a regular expression in which ``<MONTH>``,
``<WD>`` ... stand for word lists of the lexicon. Spans follow TimeML's TIMEX3 extent:
determiners and modifiers ("the", "early", "about", "the past") are inside, prepositions
("on", "in", "for") outside. What a rule found is read by the normalisers of
:mod:`dateline.time.days` and :mod:`dateline.time.periods`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .lexicon import alternation, lexicon

__all__ = ["Candidate", "choose", "compiled_rules", "find_candidates"]

_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d)(?!\s*(?:%|percent|per\s*cent))"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SPELLED_YEAR = (
    rf"(?:nineteen|eighteen)[-\s](?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|ten|eleven|twelve|"
    rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)\b"
    rf"|(?:the\s+year\s+)two\s+thousand(?:\s+and\s+(?:{_ONES}|ten))?\b"
)


@dataclass
class Candidate:
    """One match of a rule: its span, the rule's name and the named groups it captured."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    priority: int

    @property
    def length(self) -> int:
        """Characters covered."""
        return self.end - self.start


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | frozenset[str]]]:
    """The rules of ``data/rules.yaml``: (name, pattern, trigger) with the lexicon filled in.

    A trigger is a regex or a set of lower-case words one of which any match contains.
    """
    lex = lexicon()
    ordw = "|".join(sorted((w for w in lex.ordinals if not w[0].isdigit()), key=len, reverse=True))
    vague = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(lex.vague, key=len, reverse=True)
    )
    pieces = {
        "<MONTH>": lex.month_re,
        "<WD>": lex.weekday_re,
        "<NUM>": lex.number_re,
        "<UNIT>": rf"(?:{lex.unit_re})",
        "<SEASON>": rf"(?:{lex.season_re})\b",
        "<ORDW>": rf"(?:{ordw})",
        "<YEAR>": _YEAR,
        "<SPELLED_YEAR>": rf"(?:{_SPELLED_YEAR})",
        "<MOD>": rf"(?:{alternation(lex.period_modifiers)})",
        "<APPROX>": alternation(lex.duration_modifiers),
        "<VAGUE>": rf"(?:{vague})",
    }
    table = yaml.safe_load(
        resources.files("dateline.time").joinpath("data/rules.yaml").read_text("utf-8")
    )
    words = {  # literal stand-ins for the word-list triggers: substring tests are cheap
        "<MONTH>": list(lex.months),
        "<WD>": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "<UNIT>": [u.replace("century", "centur") for u in lex.units],
        "<SEASON>": list(lex.seasons),
        "<VAGUE>": sorted({w for phrase in lex.vague for w in phrase.split()}),
    }
    out = []
    for rule in table:
        name, trigger, pattern = rule["name"], rule["trigger"], "".join(rule["pattern"])
        for key, piece in pieces.items():
            pattern = pattern.replace(key, piece)
        compiled = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
        if trigger in words:
            out.append((name, compiled, frozenset(words[trigger])))
        elif re.fullmatch(r"[a-z|]+", trigger):
            out.append((name, compiled, frozenset(trigger.split("|"))))
        else:
            out.append((name, compiled, re.compile(trigger, re.IGNORECASE)))
    return out


def _triggered(trigger: re.Pattern[str] | frozenset[str], text: str, lowered: str) -> bool:
    """Whether a rule's trigger occurs in the text (so the rule is worth running)."""
    if isinstance(trigger, frozenset):
        return any(w in lowered for w in trigger)
    return trigger.search(text) is not None


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches over ``text`` (overlapping), before any choice between them."""
    found: list[Candidate] = []
    lowered = text.lower()
    for priority, (name, pattern, trigger) in enumerate(compiled_rules()):
        if not _triggered(trigger, text, lowered):
            continue
        for m in pattern.finditer(text):
            if m.end() <= m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            found.append(Candidate(start, end, name, groups, priority))
    return found


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the earlier rule; in text order."""
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-c.length, c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)
