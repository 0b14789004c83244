"""Schema checks for the officials files of the second half of the country list.

Each file under ``dateline/actors/data/officials/`` written for these countries must load with
``yaml.safe_load`` and follow the ``officials/<CODE>.yaml`` schema of ``SCHEMA.md``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.actors.entries import ROLE_RANK
from dateline.actors.names import SECTOR_NAMES

OFFICIALS_DIR = Path(__file__).resolve().parents[2] / "dateline" / "actors" / "data" / "officials"

COUNTRIES_B = [
    "CAN", "MEX", "BRA", "ARG", "VEN", "COL", "CUB", "AUS", "IDN", "PHL",
    "MYS", "THA", "VNM", "MMR", "BGD", "LKA", "NGA", "ETH", "SDN", "SSD",
    "SOM", "KEN", "ZAF", "COD", "MLI", "DZA", "MAR", "TUN", "AZE", "ARM",
    "GEO", "KAZ", "BLR", "SRB", "NLD", "BEL", "GRC", "CHE", "SWE", "NOR",
]  # fmt: skip

ROLES = set(ROLE_RANK)  # the roles the knowledge base ranks
SECTORS = set(SECTOR_NAMES)  # the one sector table of the package
TERM_KEYS = {"office", "role", "sector", "start", "end"}
CHECKED = dt.date(2026, 11, 29)
# Roles held by one person at a time; "other" (legislators, envoys) may overlap freely.
EXCLUSIVE_ROLES = ROLES - {"other"}


def _as_date(value: Any) -> dt.date:
    """Accept a YAML date or an ISO string; raise on anything else."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"not a date: {value!r}")


def _load(code: str) -> dict[str, Any]:
    """Load one officials file."""
    with (OFFICIALS_DIR / f"{code}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _terms(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """All (person name, term) pairs of a file."""
    return [(person["name"], term) for person in data["officials"] for term in person["terms"]]


def _is_acting(term: dict[str, Any]) -> bool:
    """Acting, interim and caretaker holders may overlap the substantive holder."""
    office = term["office"].lower()
    return any(word in office for word in ("acting", "interim", "caretaker", "transitional"))


def _span(term: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """A term as a half-open date span; an open term runs past the checked date."""
    end = CHECKED + dt.timedelta(days=1) if term["end"] is None else _as_date(term["end"])
    return _as_date(term["start"]), end


@pytest.fixture(scope="module", params=COUNTRIES_B)
def country_file(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    return request.param, _load(request.param)


def test_officials_file_header_names_country(country_file: tuple[str, dict[str, Any]]) -> None:
    code, data = country_file
    assert data["country"] == code
    assert _as_date(data["checked"]) == CHECKED
    assert isinstance(data["officials"], list) and data["officials"]


def test_officials_people_have_names_and_aliases(country_file: tuple[str, dict[str, Any]]) -> None:
    _, data = country_file
    names = [person["name"] for person in data["officials"]]
    assert len(names) == len(set(names)), "a person is listed twice"
    for person in data["officials"]:
        assert set(person) <= {"name", "aliases", "terms"}
        assert isinstance(person["name"], str) and person["name"].strip() == person["name"]
        aliases = person.get("aliases", [])
        assert isinstance(aliases, list)
        assert all(isinstance(alias, str) and alias for alias in aliases)
        surname = person["name"].split()[-1]
        assert surname not in aliases, f"surname alone in {person['name']}"
        assert person["name"] not in aliases, f"name repeated as alias in {person['name']}"
        assert person["terms"], f"{person['name']} has no terms"


def test_officials_terms_follow_schema(country_file: tuple[str, dict[str, Any]]) -> None:
    _, data = country_file
    for name, term in _terms(data):
        assert set(term) == TERM_KEYS, f"{name}: keys {sorted(term)}"
        assert term["role"] in ROLES, f"{name}: role {term['role']}"
        assert term["sector"] in SECTORS, f"{name}: sector {term['sector']}"
        assert isinstance(term["office"], str) and term["office"]
        start = _as_date(term["start"])
        assert dt.date(1900, 1, 1) <= start <= CHECKED, f"{name}: start {start}"
        if term["end"] is not None:
            end = _as_date(term["end"])
            assert start <= end <= CHECKED, f"{name}: {start} > {end}"


def test_officials_exclusive_roles_do_not_overlap(
    country_file: tuple[str, dict[str, Any]],
) -> None:
    _, data = country_file
    by_office: dict[tuple[str, str], list[tuple[str, dt.date, dt.date]]] = {}
    for name, term in _terms(data):
        if term["role"] not in EXCLUSIVE_ROLES or _is_acting(term):
            continue
        # Spokespeople and deputies of different offices (president's, ministry's) coexist.
        key_office = term["office"] if term["role"] in {"spokesperson", "vice_head"} else ""
        start, end = _span(term)
        by_office.setdefault((term["role"], key_office), []).append((name, start, end))
    for (role, office), spans in by_office.items():
        spans.sort(key=lambda span: span[1])
        for (name_a, _, end_a), (name_b, start_b, _) in itertools.pairwise(spans):
            assert start_b >= end_a, f"{role} {office}: {name_a} overlaps {name_b}"


@pytest.mark.parametrize("day", [dt.date(2014, 6, 16), dt.date(2025, 1, 1)])
def test_officials_head_of_state_covers_day(
    country_file: tuple[str, dict[str, Any]], day: dt.date
) -> None:
    _, data = country_file
    holders = [
        name
        for name, term in _terms(data)
        if term["role"] == "head_of_state" and _span(term)[0] <= day < _span(term)[1]
    ]
    assert holders, f"no head of state on {day}"


# Different people who share a name; each keeps its own record.
NAMESAKES = {"david johnston"}


def test_officials_one_name_one_person_across_files() -> None:
    from dateline.actors.names import name_key

    owners: dict[str, set[str]] = {}
    for code in COUNTRIES_B:
        for person in _load(code)["officials"]:
            for form in [person["name"], *person.get("aliases", [])]:
                owners.setdefault(name_key(form), set()).add(person["name"])
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert set(shared) <= NAMESAKES, shared


def test_officials_files_read_by_the_knowledge_base_without_warnings() -> None:
    from dateline.actors.kb_files import read_kb_files

    data = read_kb_files([OFFICIALS_DIR / f"{code}.yaml" for code in COUNTRIES_B])
    assert data.warnings == []
    kiir = data.persons["salva-kiir-mayardit"]
    assert {term.country for term in kiir.terms} == {"SDN", "SSD"}
    assert all(term.start is not None for p in data.persons.values() for term in p.terms)


def test_officials_realm_crowns_do_not_take_the_monarchs_names() -> None:
    # Elizabeth II and Charles III are listed under their usual names in GBR.yaml; a realm's
    # record under the same names would merge with it and could win the tie on any date.
    for code in ("CAN", "AUS"):
        for person in _load(code)["officials"]:
            if any(term["role"] == "head_of_state" for term in person["terms"]):
                assert "(" in person["name"] and not person.get("aliases"), person["name"]
