"""The knowledge base: loading, dated lookups, office holders, indexes."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from dateline.actors import load_kb, search_actors
from dateline.actors.kb import DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def kb():
    return load_kb([FIXTURES / "kb"])


def test_load_kb_is_cached_per_file_set(kb):
    assert load_kb([FIXTURES / "kb"]) is kb


def test_search_official_gets_the_term_of_the_day(kb):
    (kerry,) = kb.search("John Kerry", date(2014, 6, 16))
    assert (kerry.id, kerry.country, kerry.sector, kerry.code) == (
        "john-kerry",
        "USA",
        "GOV",
        "USAGOV",
    )
    assert kerry.office == "Secretary of State"
    (senator,) = kb.search("John F. Kerry", "2010-01-05")
    assert senator.office == "Senator" and senator.sector == "LEG"


def test_search_outside_any_term_gives_no_office(kb):
    (after,) = kb.search("John Kerry", date(2019, 1, 1))
    assert after.office is None and after.sector is None and after.country == "USA"
    (before,) = kb.search("John Kerry", date(1970, 1, 1))
    assert before.office is None and before.country == "USA"


def test_search_term_end_day_belongs_to_the_successor(kb):
    (obama,) = kb.search("Barack Obama", date(2017, 1, 20))
    (trump,) = kb.search("Donald Trump", date(2017, 1, 20))
    assert obama.office is None
    assert trump.office == "President"


def test_search_overlapping_terms_prefer_the_weightier_office(kb):
    (putin,) = kb.search("Vladimir Putin", date(2000, 3, 1))  # acting president and PM
    assert putin.office == "President"


def test_search_undated_uses_the_latest_term(kb):
    (erdogan,) = kb.search("Recep Tayyip Erdogan")
    assert erdogan.office == "President"


def test_search_matches_accents_dots_and_articles(kb):
    assert kb.search("Recep Tayyip Erdoğan")[0].id == "recep-tayyip-erdogan"
    assert kb.search("the U.N.")[0].id == "united-nations"
    assert kb.search("Iranian")[0].id == "iran"
    assert kb.search("nobody at all") == []


def test_search_surname_alone_finds_the_person(kb):
    assert [a.id for a in kb.search("Zarif", "2015-07-14")] == ["mohammad-javad-zarif"]


def test_search_country_metonym_gives_sector_actor(kb):
    (pentagon,) = kb.search("Pentagon")
    assert (pentagon.id, pentagon.code, pentagon.sector) == ("united-states-mil", "USAMIL", "MIL")


def test_office_holders_on_a_day(kb):
    assert [a.id for a in kb.office_holders("GBR", "head_of_government", "2016-07-12")] == [
        "david-cameron"
    ]
    assert [a.id for a in kb.office_holders("GBR", "head_of_government", "2016-07-13")] == [
        "theresa-may"
    ]
    assert kb.office_holders("GBR", "head_of_government", "1990-01-01") == []
    ministers = kb.office_holders("CHN", "foreign_minister", "2023-01-01")
    assert [a.id for a in ministers] == ["qin-gang"]


def test_load_kb_skips_bad_entries_with_a_warning(tmp_path):
    (tmp_path / "groups.yaml").write_text(
        "groups:\n  - {name: Good Group, sector: REB}\n  - {sector: REB}\n  - 7\n", encoding="utf-8"
    )
    kb = load_kb([tmp_path])
    assert "good-group" in kb.groups
    assert any("bad groups entry" in w for w in kb.warnings)


def test_load_kb_without_countries_file_falls_back_to_iso_names(tmp_path):
    kb = load_kb([tmp_path])
    assert kb.search("France")[0].code == "FRA"


def test_load_kb_default_loads_under_a_second_from_its_cache(tmp_path, monkeypatch):
    from dateline.actors.kb import _load_cached

    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    first = _load_cached.__wrapped__(None, ())  # parses the YAML, writes the cache
    assert list(tmp_path.glob("kb-*.pickle"))
    t0 = time.perf_counter()
    again = _load_cached.__wrapped__(None, ())
    assert time.perf_counter() - t0 < 1.0
    assert again.countries.keys() == first.countries.keys()
    assert again.persons.keys() == first.persons.keys()


def test_load_kb_cache_can_be_switched_off(tmp_path, monkeypatch):
    from dateline.actors.kb_cache import cache_dir

    monkeypatch.setenv("DATELINE_CACHE_DIR", "off")
    assert cache_dir() is None


def test_search_actors_uses_the_packaged_kb():
    if not (DATA_DIR / "countries.yaml").exists():
        pytest.skip("packaged countries.yaml not written yet")
    assert search_actors("Iraq", on="2014-06-16")[0].code == "IRQ"


def test_search_intergovernmental_office_acts_for_the_body(kb):
    (annan,) = kb.search("Kofi Annan", "2003-05-01")
    assert (annan.country, annan.sector, annan.code) == (None, "IGO", "IGO")
    (later,) = kb.search("Kofi Annan", "2010-05-01")
    assert later.country == "GHA" and later.office is None
