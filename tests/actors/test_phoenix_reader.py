"""The CAMEO/Phoenix dictionary reader, on small files written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.actors import load_kb, read_dictionary
from dateline.actors.phoenix import parse_code, parse_dictionary_date

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "phoenix" / "sample.actors.txt"
AGENTS = FIXTURES / "phoenix" / "sample.agents.txt"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "actors"


def _entry(result, name):
    return next(e for e in result.entries if e.name == name)


def test_parse_dictionary_date_reads_both_widths():
    assert parse_dictionary_date("330101") == date(1933, 1, 1)
    assert parse_dictionary_date("050101") == date(2005, 1, 1)
    assert parse_dictionary_date("20101231") == date(2010, 12, 31)
    with pytest.raises(ValueError):
        parse_dictionary_date("3301")


def test_parse_code_reads_ranges():
    assert parse_code("FRDGOV 330101-341231").end == date(1934, 12, 31)
    assert parse_code("FRDELI >20050101").start == date(2005, 1, 1)
    assert parse_code("SYLGOV <331231").end == date(1933, 12, 31)
    assert parse_code("EGYGOV > 140608").start == date(2014, 6, 8)
    assert parse_code("IGOUNO").start is None


def test_read_dictionary_entries_synonyms_and_codes():
    result = read_dictionary(SAMPLE)
    country = _entry(result, "FREEDONIA")
    assert country.synonyms == ["FREEDONIAN", "FREEDONIANS"]
    assert [c.code for c in country.codes] == ["FRD"]
    firefly = _entry(result, "RUFUS T FIREFLY")
    assert [c.code for c in firefly.codes] == ["FRDGOV", "FRDELI"]
    trentino = _entry(result, "AMBASSADOR TRENTINO")
    assert len(trentino.codes) == 2


def test_read_dictionary_codeless_entry_takes_next_codes():
    result = read_dictionary(SAMPLE)
    assert [c.code for c in _entry(result, "CHICOLINI").codes] == ["FRDREB"]


def test_read_dictionary_reports_malformed_lines_with_numbers():
    result = read_dictionary(SAMPLE)
    lines = {w.line for w in result.warnings}
    assert {18, 19} <= lines
    assert not any(e.name.startswith("UNCLOSED") for e in result.entries)
    assert all(str(SAMPLE) == w.path for w in result.warnings)
    assert all(str(w).startswith(str(SAMPLE)) for w in result.warnings)


def test_read_dictionary_agents_and_macros():
    result = read_dictionary(AGENTS)
    nouns = {a.noun: a.sector for a in result.agents}
    assert nouns["SOLDIER"] == "MIL"
    assert nouns["PEACE ACTIVIST"] == "OPP"
    assert {"FISHMAN", "FISHMEN", "FISHWOMAN"} <= set(nouns)
    assert any("unknown macro" in w.message for w in result.warnings)


def test_read_dictionary_missing_file_is_a_warning(tmp_path):
    result = read_dictionary(tmp_path / "nope.txt")
    assert result.entries == [] and result.warnings


def test_load_kb_extra_dictionary_entries_are_dated(tmp_path):
    kb = load_kb([tmp_path], extra_dictionaries=[SAMPLE])
    (ruler,) = kb.search("President Firefly", date(1933, 6, 1))
    assert (ruler.code, ruler.country, ruler.sector) == ("FRDGOV", "FRD", "GOV")
    (exile,) = kb.search("Rufus T. Firefly", date(2006, 1, 1))
    assert exile.code == "FRDELI"
    (gap,) = kb.search("Rufus T Firefly", date(1990, 1, 1))
    assert gap.code is None


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data/actors not present")
def test_read_dictionary_reads_every_shared_file():
    counts = {}
    for path in sorted(SHARED.glob("*.txt")):
        result = read_dictionary(path)
        counts[path.name] = len(result.entries) + len(result.agents)
        for warning in result.warnings:
            assert warning.line >= 0 and warning.path == str(path)
    assert counts["Phoenix.Countries.actors.txt"] > 10_000
    assert counts["Phoenix.International.actors.txt"] > 1_000
    assert counts["Phoenix.MilNonState.actors.txt"] > 500
    assert counts["Phoenix.agents.txt"] > 1_000
