"""The entries of the actor knowledge base, as read from its YAML files (see data/SCHEMA.md).

Each entry knows how it stood on a given day: :meth:`Person.term_on` picks the office term
valid that day, :meth:`CodedEntry.code_on` the dated CAMEO code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ROLE_RANK",
    "CodedEntry",
    "Country",
    "DatedCode",
    "Group",
    "Organisation",
    "Person",
    "Term",
]

# Which office speaks for a person when several terms overlap (lower = weightier).
ROLE_RANK: dict[str, int] = {
    "head_of_state": 0,
    "head_of_government": 1,
    "foreign_minister": 2,
    "defence_minister": 3,
    "vice_head": 4,
    "spokesperson": 5,
    "other": 6,
}


@dataclass(frozen=True)
class Term:
    """One office held from ``start`` (inclusive) to ``end`` (exclusive; None = still held)."""

    office: str
    role: str = "other"
    sector: str | None = "GOV"
    country: str | None = None
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the office was held on ``day``."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end


@dataclass
class Person:
    """A named person with dated office terms."""

    id: str
    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def term_on(self, day: date | None) -> Term | None:
        """The weightiest term valid on ``day``; undated: the latest-starting weightiest term."""
        if not self.terms:
            return None
        if day is None:
            latest = max(self.terms, key=lambda t: t.start or date.min)
            return latest
        valid = [t for t in self.terms if t.covers(day)]
        if not valid:
            return None
        return min(
            valid, key=lambda t: (ROLE_RANK.get(t.role, 9), -(t.start or date.min).toordinal())
        )

    def country_on(self, day: date | None) -> str | None:
        """The country of the term valid on ``day``, else of the nearest term before/after it."""
        term = self.term_on(day)
        if term is not None and term.country:
            return term.country
        if day is not None and self.terms:
            before = [t for t in self.terms if t.start is not None and t.start <= day]
            if before:
                return max(before, key=lambda t: t.start or date.min).country or self.country
            return min(self.terms, key=lambda t: t.start or date.max).country or self.country
        return self.country


@dataclass
class Country:
    """A state: ISO3 code, names, demonyms, capital and metonyms ("White House" -> GOV)."""

    code: str
    name: str
    id: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    metonyms: dict[str, str] = field(default_factory=dict)


@dataclass
class Organisation:
    """An IGO, NGO, agency, outlet, business or party."""

    id: str
    name: str
    code: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Group:
    """An armed non-state group or political movement."""

    id: str
    name: str
    code: str | None = None
    cameo: str | None = None
    sector: str | None = "REB"
    countries: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class DatedCode:
    """A CAMEO actor code valid between two days (either may be open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the code applies on ``day`` (end inclusive, as in the dictionaries)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass
class CodedEntry:
    """An entry of a CAMEO/Phoenix dictionary: names and dated codes."""

    id: str
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    source: str | None = None
    line: int = 0

    def code_on(self, day: date | None) -> str | None:
        """The code valid on ``day`` (undated: the first undated or latest code)."""
        usable = [c for c in self.codes if c.code and not c.code.startswith("-")]
        if not usable:
            return None
        if day is None:
            open_ = [c for c in usable if c.start is None and c.end is None]
            if open_:
                return open_[0].code
            return max(usable, key=lambda c: c.start or date.min).code
        dated = [c for c in usable if (c.start or c.end) and c.covers(day)]
        if dated:
            return dated[0].code
        undated = [c for c in usable if c.start is None and c.end is None]
        return undated[0].code if undated else None
