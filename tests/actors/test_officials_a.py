"""Schema and consistency checks for the first half of the officials knowledge base.

Covers the `dateline/actors/data/officials/<CODE>.yaml` files of the countries in
`COUNTRIES`; the files are loaded with `yaml.safe_load` exactly as the resolver would.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.actors.entries import ROLE_RANK
from dateline.actors.names import SECTOR_NAMES

OFFICIALS_DIR = Path(__file__).resolve().parents[2] / "dateline" / "actors" / "data" / "officials"

COUNTRIES = [
    "USA",
    "RUS",
    "CHN",
    "GBR",
    "FRA",
    "DEU",
    "IRN",
    "IRQ",
    "SYR",
    "ISR",
    "PSE",
    "TUR",
    "SAU",
    "EGY",
    "UKR",
    "AFG",
    "PAK",
    "IND",
    "JPN",
    "KOR",
    "PRK",
    "LBN",
    "JOR",
    "YEM",
    "LBY",
    "QAT",
    "ARE",
    "ITA",
    "ESP",
    "POL",
]

CHECKED = dt.date(2026, 11, 29)
ROLES = set(ROLE_RANK)  # the roles the knowledge base ranks
SECTORS = set(SECTOR_NAMES)  # the one sector table of the package
# Roles with a single holder at a time; spokespeople and "other" offices may be shared.
EXCLUSIVE_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
# Countries where rival authorities named distinct offices at the same time (Taliban emirate
# vs. the Kabul government, Aoun's military government in Beirut, Libya's rival governments,
# Yemen's Houthi council, Hamas in Gaza).
SPLIT_AUTHORITY = {"AFG", "LBN", "LBY", "YEM", "PSE"}
TERM_KEYS = {"office", "role", "sector", "start", "end"}


@cache
def load_officials(code: str) -> dict[str, Any]:
    """Load one officials file as the resolver would (cached; callers must not mutate)."""
    with (OFFICIALS_DIR / f"{code}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def dated_terms(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (person name, term) pair of a loaded file."""
    return [(person["name"], term) for person in data["officials"] for term in person["terms"]]


def is_acting(office: str) -> bool:
    """Whether an office title marks an acting, interim or caretaker holder."""
    lowered = office.lower()
    return any(word in lowered for word in ("acting", "interim", "caretaker"))


def overlapping_terms(
    code: str, terms: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, str, str]]:
    """Pairs of holders whose terms of one exclusive role overlap without an excuse."""
    clashes = []
    for role in EXCLUSIVE_ROLES:
        held = [(name, term) for name, term in terms if term["role"] == role]
        for (name_a, a), (name_b, b) in combinations(held, 2):
            end_a = a["end"] or dt.date.max
            end_b = b["end"] or dt.date.max
            if not (a["start"] < end_b and b["start"] < end_a):
                continue
            if is_acting(a["office"]) or is_acting(b["office"]):
                continue
            if code in SPLIT_AUTHORITY and a["office"] != b["office"]:
                continue
            clashes.append((role, name_a, name_b))
    return clashes


def holders_on(terms: list[tuple[str, dict[str, Any]]], role: str, day: dt.date) -> list[str]:
    """Names holding a role on a day (start inclusive, end exclusive)."""
    return [
        name
        for name, term in terms
        if term["role"] == role
        and term["start"] <= day
        and (term["end"] is None or day < term["end"])
    ]


@pytest.mark.parametrize("code", COUNTRIES)
def test_officials_file_has_header(code: str) -> None:
    data = load_officials(code)
    assert data["country"] == code
    assert data["checked"] == CHECKED
    assert isinstance(data["officials"], list) and data["officials"]


@pytest.mark.parametrize("code", COUNTRIES)
def test_officials_people_have_names_and_aliases(code: str) -> None:
    names: set[str] = set()
    for person in load_officials(code)["officials"]:
        name = person["name"]
        assert isinstance(name, str) and name.strip() == name and name, person
        assert name not in names, f"{code}: {name} listed twice"
        names.add(name)
        aliases = person["aliases"]
        assert isinstance(aliases, list), name
        surname = name.split()[-1]
        for alias in aliases:
            assert isinstance(alias, str) and alias.strip(), name
            assert alias != name, f"{code}: {name} aliases itself"
            assert alias != surname, f"{code}: {name} lists the bare surname"
        assert len(set(aliases)) == len(aliases), f"{code}: {name} repeats an alias"
        assert person["terms"], f"{code}: {name} has no terms"


@pytest.mark.parametrize("code", COUNTRIES)
def test_officials_terms_match_schema(code: str) -> None:
    for name, term in dated_terms(load_officials(code)):
        assert set(term) == TERM_KEYS, f"{code}: {name} {term}"
        assert isinstance(term["office"], str) and term["office"], name
        assert term["role"] in ROLES, f"{code}: {name} role {term['role']}"
        assert term["sector"] in SECTORS, f"{code}: {name} sector {term['sector']}"
        assert isinstance(term["start"], dt.date), f"{code}: {name} start {term['start']!r}"
        assert dt.date(1900, 1, 1) < term["start"] <= CHECKED, f"{code}: {name} {term}"
        if term["end"] is not None:
            assert isinstance(term["end"], dt.date), f"{code}: {name} end {term['end']!r}"
            assert term["start"] <= term["end"] <= CHECKED, f"{code}: {name} {term}"


@pytest.mark.parametrize("code", COUNTRIES)
def test_officials_exclusive_roles_do_not_overlap(code: str) -> None:
    assert overlapping_terms(code, dated_terms(load_officials(code))) == []


@pytest.mark.parametrize("code", COUNTRIES)
@pytest.mark.parametrize("day", [dt.date(2014, 6, 16), dt.date(2025, 1, 1)])
def test_officials_head_of_state_covers_reference_day(code: str, day: dt.date) -> None:
    assert holders_on(dated_terms(load_officials(code)), "head_of_state", day)


def test_overlapping_terms_flags_two_presidents_at_once() -> None:
    def term(office: str, start: str, end: str | None) -> dict[str, Any]:
        return {
            "office": office,
            "role": "head_of_state",
            "sector": "GOV",
            "start": dt.date.fromisoformat(start),
            "end": dt.date.fromisoformat(end) if end else None,
        }

    clash = [
        ("A", term("President", "2000-01-01", "2005-01-01")),
        ("B", term("President", "2004-06-01", None)),
    ]
    handover = [
        ("A", term("President", "2000-01-01", "2005-01-01")),
        ("B", term("President", "2005-01-01", None)),
    ]
    acting = [
        ("A", term("President", "2000-01-01", "2005-01-01")),
        ("B", term("Acting President", "2004-06-01", "2005-01-01")),
    ]
    assert overlapping_terms("USA", clash) == [("head_of_state", "A", "B")]
    assert overlapping_terms("USA", handover) == []
    assert overlapping_terms("USA", acting) == []
    assert holders_on(handover, "head_of_state", dt.date(2005, 1, 1)) == ["B"]
