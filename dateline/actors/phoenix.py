"""A reader for CAMEO/Phoenix (TABARI, PETRARCH) actor and agent dictionaries.

The format, line by line:

- ``# ...`` comment to the end of the line; blank lines skipped.
- ``NAME_WORDS_ [CODE] [CODE2 date-range]`` starts an entry (``_`` is a space); codes may
  also follow on indented lines ``[CODE 980101-011231]``; ``+SYNONYM_`` lines add names.
- date ranges: ``>DATE`` (from), ``<DATE`` (until), ``A-B`` (between); dates are ``YYMMDD``
  (YY 00-30 read as 20YY, else 19YY) or ``YYYYMMDD``.
- agents files: ``NOUN [~SEC]`` (a sector for the actor the noun modifies) and
  ``!MACRO! = A, B`` lines whose alternatives replace ``!MACRO!`` in later nouns.
- an entry without any code takes the codes of the next coded entry (PETRARCH's reading).

A malformed line or code is skipped and reported as a :class:`DictionaryWarning` with the
file and line number; the reader never raises on content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .entries import CodedEntry, DatedCode
from .names import slug

__all__ = [
    "AgentEntry",
    "DictionaryEntry",
    "DictionaryResult",
    "DictionaryWarning",
    "coded_entries",
    "parse_code",
    "parse_dictionary_date",
    "read_dictionary",
]

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_MACRO_DEF = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"![A-Z0-9_]+!")
_CODE = re.compile(r"^[~]?[A-Z0-9-]{1,15}$")


@dataclass(frozen=True)
class DictionaryWarning:
    """A line the reader skipped, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class DictionaryEntry:
    """An actor entry: its names (upper case, ``_`` as spaces) and dated codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class AgentEntry:
    """An agent noun and the sector it gives ("TROOPS" -> MIL)."""

    noun: str
    sector: str
    line: int = 0


@dataclass
class DictionaryResult:
    """What one file held."""

    path: str
    entries: list[DictionaryEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    macros: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[DictionaryWarning] = field(default_factory=list)


def parse_dictionary_date(text: str) -> date:
    """``YYMMDD`` or ``YYYYMMDD`` as a date; raises ValueError when malformed."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return date(year, month, day)


def parse_code(body: str) -> DatedCode:
    """One bracket's content ``CODE [range]`` as a :class:`DatedCode`; ValueError if malformed."""
    parts = body.split()
    if len(parts) == 3 and parts[1] in (">", "<"):  # "[CODE > 140608]": a stray space
        parts = [parts[0], parts[1] + parts[2]]
    if not parts or not _CODE.match(parts[0]):
        raise ValueError(f"bad code [{body}]")
    code = parts[0]
    if len(parts) == 1:
        return DatedCode(code)
    if len(parts) > 2:
        raise ValueError(f"bad code [{body}]")
    rng = parts[1]
    if rng.startswith(">"):
        return DatedCode(code, start=parse_dictionary_date(rng[1:]))
    if rng.startswith("<"):
        return DatedCode(code, end=parse_dictionary_date(rng[1:]))
    left, sep, right = rng.partition("-")
    if not sep:
        raise ValueError(f"bad date range in [{body}]")
    start, end = parse_dictionary_date(left), parse_dictionary_date(right)
    return DatedCode(code, start=start, end=end)


def _name(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


class _Reader:
    def __init__(self, path: Path) -> None:
        self.result = DictionaryResult(path=str(path))
        self.current: DictionaryEntry | None = None
        self.pending: list[DictionaryEntry] = []

    def warn(self, lineno: int, message: str) -> None:
        self.result.warnings.append(DictionaryWarning(self.result.path, lineno, message))

    def codes(self, text: str, lineno: int) -> list[DatedCode]:
        if text.count("[") != text.count("]"):
            self.warn(lineno, "unbalanced brackets")
            return []
        found = []
        for body in _BRACKETS.findall(text):
            try:
                found.append(parse_code(body))
            except ValueError as exc:
                self.warn(lineno, str(exc))
        return found

    def finish(self) -> None:
        entry, self.current = self.current, None
        if entry is None:
            return
        if not entry.codes:
            self.pending.append(entry)
            return
        for waiting in self.pending:
            waiting.codes = list(entry.codes)
            self.result.entries.append(waiting)
        self.pending = []
        self.result.entries.append(entry)

    def agent(self, name: str, codes: list[DatedCode], lineno: int) -> None:
        sectors = [c.code[1:] for c in codes if c.code.startswith("~")]
        if not sectors:
            return
        nouns = [name]
        for macro in _MACRO_USE.findall(name):
            options = self.result.macros.get(macro)
            if not options:
                self.warn(lineno, f"unknown macro {macro}")
                return
            nouns = [n.replace(macro, o) for n in nouns for o in options]
        for noun in nouns:
            self.result.agents.append(AgentEntry(_name(noun), sectors[0], lineno))

    def line(self, raw: str, lineno: int) -> None:
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            return
        stripped = text.strip()
        macro = _MACRO_DEF.match(stripped)
        if macro:
            self.result.macros[macro.group(1)] = [
                _name(o).replace(" ", "_").strip("_")
                for o in macro.group(2).split(",")
                if o.strip()
            ]
            return
        if stripped.startswith("["):
            if self.current is None:
                self.warn(lineno, "code line without an entry")
                return
            self.current.codes.extend(self.codes(stripped, lineno))
            return
        if stripped.startswith("+"):
            if self.current is None:
                self.warn(lineno, "synonym without an entry")
                return
            name = _name(stripped[1:].split("[", 1)[0])
            if name:
                self.current.synonyms.append(name)
            self.current.codes.extend(self.codes(stripped, lineno))
            return
        head = stripped.split("[", 1)[0]
        if stripped.count("[") != stripped.count("]"):
            self.warn(lineno, "unbalanced brackets")
            return
        codes = self.codes(stripped, lineno) if "[" in stripped else []
        if "]" in head or not _name(head):
            self.warn(lineno, "malformed name line")
            return
        if any(c.code.startswith("~") for c in codes):
            self.finish()
            self.agent(head.strip(), codes, lineno)
            return
        self.finish()
        self.current = DictionaryEntry(name=_name(head), codes=codes, line=lineno)


def read_dictionary(path: str | Path) -> DictionaryResult:
    """Read one CAMEO/Phoenix actor or agents file.

    Args:
        path: the dictionary file (UTF-8; undecodable bytes are replaced).

    Returns:
        Its entries, agents, macros and the warnings for lines that were skipped.
    """
    path = Path(path)
    reader = _Reader(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        reader.warn(0, f"cannot read: {exc.__class__.__name__}")
        return reader.result
    for lineno, raw in enumerate(text.splitlines(), start=1):
        reader.line(raw, lineno)
    reader.finish()
    for entry in reader.pending:
        reader.warn(entry.line, f"entry {entry.name!r} has no code")
    return reader.result


def coded_entries(result: DictionaryResult) -> Iterator[CodedEntry]:
    """The entries of a read dictionary as knowledge-base entries (title-cased names)."""
    for entry in result.entries:
        name = entry.name.title()
        yield CodedEntry(
            id=slug(name),
            name=name,
            synonyms=[s.title() for s in entry.synonyms],
            codes=list(entry.codes),
            source=result.path,
            line=entry.line,
        )
