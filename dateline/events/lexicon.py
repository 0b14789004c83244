"""The event coder's knowledge: the trigger lexicon, the PLOVER type table and cue words.

All three live in readable data files under ``dateline/events/data/`` and are loaded once:

- ``triggers.tsv``: trigger word (+ dependents) -> PLOVER type, mode, context, CAMEO code;
- ``plover_types.tsv``: PLOVER type (and mode) -> CAMEO code, quad class, conflict score;
- ``cues.yaml``: modality cues, speech verbs, light verbs, quantity nouns, pronouns.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import EVENT_TYPES

__all__ = [
    "FRAMES",
    "Cues",
    "TriggerEntry",
    "TypeInfo",
    "load_cues",
    "load_triggers",
    "load_type_table",
    "type_info",
]

FRAMES = ("", "intent", "request", "threat", "reject", "absorb")
POS_VALUES = ("VERB", "NOUN", "ADJ", "*")


@dataclass(frozen=True)
class TriggerEntry:
    """One row of ``triggers.tsv``.

    Attributes:
        pattern: the row's pattern as written ("open fire").
        lemma: the trigger word's lemma (the pattern's first word).
        needs: lemmas that must be among the trigger's dependents.
        pos: VERB, NOUN, ADJ or ``*``.
        type: the PLOVER event type.
        mode: PLOVER modes (zero or one).
        context: PLOVER contexts.
        cameo: a CAMEO code, or None for the type/mode default.
        frame: how the trigger treats its complement (see the file's header).
        needs_complement: the row fires only when the complement holds a trigger.
        unless: dependent lemmas that veto the row.
        line: line number in the file, for ``explain``.
    """

    pattern: str
    lemma: str
    needs: tuple[str, ...]
    pos: str
    type: str
    mode: tuple[str, ...]
    context: tuple[str, ...]
    cameo: str | None
    frame: str
    needs_complement: bool
    unless: frozenset[str]
    line: int

    def as_record(self) -> dict[str, Any]:
        """The entry as a small dict for ``Event.produced_by``."""
        return {
            "pattern": self.pattern,
            "pos": self.pos,
            "type": self.type,
            "frame": self.frame or None,
            "line": self.line,
            "file": "triggers.tsv",
        }


@dataclass(frozen=True)
class TypeInfo:
    """CAMEO code, quad class and conflict-cooperation score of a PLOVER type or type+mode."""

    type: str
    mode: str
    cameo: str
    quad: int
    score: float


@dataclass(frozen=True)
class Cues:
    """Cue word lists of ``cues.yaml`` as frozensets of lemmas."""

    negation: frozenset[str]
    negating_heads: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    conditional_marks: frozenset[str]
    historical_adverbs: frozenset[str]
    future_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    negating_modifiers: frozenset[str]
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    quantity_nouns: frozenset[str]
    anaphora: frozenset[str] = field(default_factory=frozenset)
    actor_nouns: frozenset[str] = field(default_factory=frozenset)
    occurrence_verbs: frozenset[str] = field(default_factory=frozenset)
    lemma_fixes: dict[str, str] = field(default_factory=dict)
    foreign_nouns: frozenset[str] = field(default_factory=frozenset)


def _data_text(name: str) -> str:
    return resources.files("dateline.events").joinpath("data", name).read_text(encoding="utf-8")


def _split(value: str, sep: str = ";") -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(sep) if v.strip())


def parse_triggers(text: str) -> dict[str, list[TriggerEntry]]:
    """Parse trigger lexicon text (the ``triggers.tsv`` format) into entries by lemma.

    Args:
        text: the file's content.

    Returns:
        lemma -> entries, longest pattern first.

    Raises:
        ValueError: a row with a wrong number of columns, an unknown type, POS or frame.
    """
    rows = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    out: dict[str, list[TriggerEntry]] = {}
    header_seen = False
    for n, line in rows:
        cols = line.split("\t")
        if not header_seen and cols[0] == "pattern":
            header_seen = True
            continue
        cols += [""] * (8 - len(cols))
        if len(cols) != 8:
            raise ValueError(
                f"triggers line {n}: expected 8 tab-separated columns, got {len(cols)}"
            )
        pattern, pos, etype, mode, context, cameo, frame, unless = (c.strip() for c in cols)
        words = pattern.lower().split()
        if not words:
            raise ValueError(f"triggers line {n}: empty pattern")
        if etype not in EVENT_TYPES:
            raise ValueError(f"triggers line {n}: unknown PLOVER type {etype!r}")
        if pos not in POS_VALUES:
            raise ValueError(f"triggers line {n}: pos must be one of {POS_VALUES}, got {pos!r}")
        needs_complement = frame.endswith("+")
        frame = frame.rstrip("+")
        if frame not in FRAMES:
            raise ValueError(f"triggers line {n}: unknown frame {frame!r}")
        entry = TriggerEntry(
            pattern=pattern,
            lemma=words[0],
            needs=tuple(words[1:]),
            pos=pos,
            type=etype,
            mode=_split(mode),
            context=_split(context),
            cameo=cameo or None,
            frame=frame,
            needs_complement=needs_complement,
            unless=frozenset(_split(unless.lower())),
            line=n,
        )
        out.setdefault(entry.lemma, []).append(entry)
    for entries in out.values():
        entries.sort(key=lambda e: -len(e.needs))
    return out


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, list[TriggerEntry]]:
    """The packaged trigger lexicon, loaded once (lemma -> entries, longest first)."""
    return parse_triggers(_data_text("triggers.tsv"))


def parse_type_table(text: str) -> dict[tuple[str, str], TypeInfo]:
    """Parse the ``plover_types.tsv`` format into ``(type, mode) -> TypeInfo``."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[tuple[str, str], TypeInfo] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        etype, mode = row["type"].strip(), (row["mode"] or "").strip()
        if etype not in EVENT_TYPES:
            raise ValueError(f"plover_types: unknown type {etype!r}")
        out[(etype, mode)] = TypeInfo(
            etype, mode, row["cameo"].strip(), int(row["quad"]), float(row["score"])
        )
    missing = [t for t in EVENT_TYPES if (t, "") not in out]
    if missing:
        raise ValueError(f"plover_types: no default row for {', '.join(missing)}")
    return out


@lru_cache(maxsize=1)
def load_type_table() -> dict[tuple[str, str], TypeInfo]:
    """The packaged PLOVER type table, loaded once."""
    return parse_type_table(_data_text("plover_types.tsv"))


def type_info(etype: str, mode: str | None = None) -> TypeInfo:
    """CAMEO code, quad class and score for a type, refined by a mode when the table has it."""
    table = load_type_table()
    return table.get((etype, mode or ""), table[(etype, "")])


def lemma_of(tok: Any) -> str:
    """A token's lemma, lower-cased, with the statistical lemmatizer's known slips fixed."""
    lemma = tok.lemma_.lower()
    return load_cues().lemma_fixes.get(lemma, lemma)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The packaged cue word lists, loaded once."""
    data = yaml.safe_load(_data_text("cues.yaml"))
    mod = data["modality"]

    def fs(values: list[Any]) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values or [])

    return Cues(
        negation=fs(mod["negation"]),
        negating_heads=fs(mod["negating_heads"]),
        future_modals=fs(mod["future_modals"]),
        hypothetical_modals=fs(mod["hypothetical_modals"]),
        future_heads=fs(mod["future_heads"]),
        hypothetical_heads=fs(mod["hypothetical_heads"]),
        conditional_marks=fs(mod["conditional_marks"]),
        historical_adverbs=fs(mod["historical_adverbs"]),
        future_modifiers=fs(mod["future_modifiers"]),
        hypothetical_modifiers=fs(mod["hypothetical_modifiers"]),
        negating_modifiers=fs(mod["negating_modifiers"]),
        reporting_verbs=fs(data["reporting_verbs"]),
        light_verbs=fs(data["light_verbs"]),
        quantity_nouns=fs(data["quantity_nouns"]),
        anaphora=fs(data["anaphora"]),
        actor_nouns=fs(data.get("actor_nouns", [])),
        occurrence_verbs=fs(data.get("occurrence_verbs", [])),
        foreign_nouns=fs(data.get("foreign_nouns", [])),
        lemma_fixes={
            str(k).lower(): str(v).lower() for k, v in (data.get("lemma_fixes") or {}).items()
        },
    )
