"""Validate the packaged knowledge-base files: countries, organisations, groups, roles.

The files are data written by hand (data/SCHEMA.md); these tests load them with
``yaml.safe_load`` and check what the resolver relies on: required keys, code formats,
unique ids, no name silently shared by two entries, and coverage of what news names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

import dateline.actors
from dateline.actors.names import SECTOR_NAMES

DATA = Path(dateline.actors.__file__).resolve().parent / "data"

SECTORS = set(SECTOR_NAMES)  # the one sector table of the package
EXTRA_COUNTRY_CODES = {"XKX"}  # Kosovo: user-assigned, used by the EU and the IMF
ORG_KINDS = {"igo", "ngo", "media", "agency", "business", "party"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


@cache
def load(name: str) -> dict[str, Any]:
    """One data file, parsed once."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert isinstance(doc, dict), name
    return doc


def countries() -> list[dict[str, Any]]:
    return load("countries")["countries"]


def country_codes() -> set[str]:
    return {c["code"] for c in countries()}


def by_code(code: str) -> dict[str, Any]:
    return next(c for c in countries() if c["code"] == code)


def organisations() -> list[dict[str, Any]]:
    return load("organisations")["organisations"]


def org(oid: str) -> dict[str, Any]:
    return next(o for o in organisations() if o["id"] == oid)


def groups() -> list[dict[str, Any]]:
    return load("groups")["groups"]


def group(gid: str) -> dict[str, Any]:
    return next(g for g in groups() if g["id"] == gid)


def role_sectors() -> dict[str, str]:
    """Role word (case-folded) -> sector."""
    out: dict[str, str] = {}
    for block in load("roles")["roles"]:
        for word in block["words"]:
            out[str(word).casefold()] = block["sector"]
    return out


def country_forms(c: dict[str, Any]) -> list[str]:
    return [c["name"], *c["aliases"], *c["demonyms"], *c["metonyms"]]


def shared_forms(entries: list[tuple[str, list[str]]]) -> dict[str, set[str]]:
    """Case-folded forms that belong to more than one entry."""
    owners: dict[str, set[str]] = defaultdict(set)
    for ref, forms in entries:
        for form in forms:
            owners[str(form).casefold()].add(ref)
    return {form: refs for form, refs in owners.items() if len(refs) > 1}


# -- every file


@pytest.mark.parametrize("name", ["countries", "organisations", "groups", "roles"])
def test_kb_file_loads_with_checked_date(name: str) -> None:
    doc = load(name)
    assert isinstance(doc["checked"], dt.date)
    assert isinstance(doc[name], list) and doc[name]


@pytest.mark.parametrize("name", ["countries", "organisations", "groups"])
def test_kb_file_case_sensitive_forms_exist(name: str) -> None:
    doc = load(name)
    key = name
    forms: set[str] = set()
    for entry in doc[key]:
        forms.update(
            [
                entry.get("code", ""),
                entry["name"],
                *entry.get("aliases", []),
                *entry.get("demonyms", []),
                *(entry.get("metonyms") or {}),
            ]
        )
    for entry in doc.get("historical", []):
        forms.add(entry["code"])
    missing = [f for f in doc["case_sensitive"] if f not in forms]
    assert not missing


# -- countries


def test_countries_entries_have_required_keys_and_types() -> None:
    for c in countries():
        assert set(c) >= {"code", "name", "aliases", "demonyms", "capital", "metonyms"}, c
        assert isinstance(c["name"], str) and c["name"]
        assert all(isinstance(a, str) and a for a in c["aliases"]), c["code"]
        assert all(isinstance(d, str) and d for d in c["demonyms"]), c["code"]
        assert c["capital"] is None or isinstance(c["capital"], str)
        assert isinstance(c["metonyms"], dict), c["code"]


def test_countries_codes_are_valid_iso3_and_unique() -> None:
    codes = [c["code"] for c in countries()]
    assert len(codes) == len(set(codes))
    iso = {c.alpha_3 for c in pycountry.countries}
    for code in codes:
        assert ISO3.match(code), code
        assert code in iso or code in EXTRA_COUNTRY_CODES, code


def test_countries_cover_every_iso_country() -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso <= country_codes()


def test_countries_every_capital_is_a_gov_metonym() -> None:
    for c in countries():
        if c["capital"]:
            assert c["metonyms"].get(c["capital"]) == "GOV", c["code"]


def test_countries_metonym_sectors_are_known() -> None:
    for c in countries():
        for word, sector in c["metonyms"].items():
            assert sector in SECTORS, (c["code"], word)


def test_countries_shared_forms_are_listed_as_ambiguous() -> None:
    ambiguous = {str(a["form"]).casefold(): set(a["codes"]) for a in load("countries")["ambiguous"]}
    shared = shared_forms([(c["code"], country_forms(c)) for c in countries()])
    for form, codes in shared.items():
        assert form in ambiguous and codes <= ambiguous[form], (form, codes)


def test_countries_ambiguous_entries_name_known_codes() -> None:
    for item in load("countries")["ambiguous"]:
        assert item["form"] and item["codes"]
        assert set(item["codes"]) <= country_codes(), item["form"]


def test_countries_historical_codes_are_former_iso_codes() -> None:
    former = {c.alpha_3 for c in pycountry.historic_countries}
    for h in load("countries")["historical"]:
        assert h["code"] in former, h["code"]
        assert h["code"] not in country_codes()
        assert isinstance(h["end"], dt.date)
        assert set(h["successors"]) <= country_codes(), h["code"]
        assert not h.get("capital") and not h.get("metonyms"), h["code"]


@pytest.mark.parametrize(
    ("code", "form"),
    [
        ("USA", "U.S."),
        ("USA", "US"),
        ("USA", "America"),
        ("GBR", "U.K."),
        ("GBR", "Britain"),
        ("ARE", "UAE"),
        ("PRK", "DPRK"),
        ("KOR", "South Korea"),
        ("MMR", "Burma"),
        ("CIV", "Ivory Coast"),
        ("SWZ", "Swaziland"),
        ("COD", "Zaire"),
        ("COD", "DRC"),
        ("RUS", "Russia"),
        ("IRN", "Iran"),
        ("SYR", "Syria"),
        ("TUR", "Türkiye"),
        ("CZE", "Czechia"),
        ("MKD", "Macedonia"),
        ("TLS", "East Timor"),
        ("CPV", "Cape Verde"),
        ("VAT", "Holy See"),
        ("PSE", "Palestine"),
        ("XKX", "Kosovo"),
        ("VNM", "Viet Nam"),
    ],
)
def test_countries_alias_resolves_to_code(code: str, form: str) -> None:
    c = by_code(code)
    assert form in [c["name"], *c["aliases"]]


@pytest.mark.parametrize(
    ("code", "demonyms"),
    [
        ("IRQ", ["Iraqi", "Iraqis"]),
        ("IRN", ["Iranian", "Iranians"]),
        ("AFG", ["Afghan", "Afghans"]),
        ("USA", ["American", "Americans"]),
        ("ISR", ["Israeli", "Israelis"]),
        ("PSE", ["Palestinian", "Palestinians"]),
        ("CHN", ["Chinese"]),
        ("GBR", ["British", "Britons"]),
        ("FRA", ["French"]),
        ("SAU", ["Saudi", "Saudis"]),
        ("UKR", ["Ukrainian", "Ukrainians"]),
        ("PHL", ["Filipino", "Filipinos"]),
        ("NER", ["Nigerien"]),
        ("NGA", ["Nigerian"]),
    ],
)
def test_countries_demonyms_include_adjective_and_plural(code: str, demonyms: list[str]) -> None:
    assert set(demonyms) <= set(by_code(code)["demonyms"])


@pytest.mark.parametrize(
    ("code", "word", "sector"),
    [
        ("USA", "Washington", "GOV"),
        ("USA", "White House", "GOV"),
        ("USA", "Pentagon", "MIL"),
        ("USA", "Capitol Hill", "LEG"),
        ("USA", "Congress", "LEG"),
        ("USA", "Foggy Bottom", "GOV"),
        ("RUS", "Kremlin", "GOV"),
        ("RUS", "Moscow", "GOV"),
        ("RUS", "Duma", "LEG"),
        ("GBR", "Downing Street", "GOV"),
        ("GBR", "Whitehall", "GOV"),
        ("FRA", "Elysee", "GOV"),
        ("FRA", "Élysée", "GOV"),
        ("FRA", "Quai d'Orsay", "GOV"),
        ("FRA", "Bercy", "GOV"),
        ("CHN", "Zhongnanhai", "GOV"),
        ("CHN", "Beijing", "GOV"),
        ("IRN", "Tehran", "GOV"),
        ("IRN", "Majlis", "LEG"),
        ("ISR", "Knesset", "LEG"),
        ("DEU", "Bundestag", "LEG"),
        ("KOR", "Blue House", "GOV"),
        ("UKR", "Kyiv", "GOV"),
        ("UKR", "Kiev", "GOV"),
    ],
)
def test_countries_metonym_has_sector(code: str, word: str, sector: str) -> None:
    assert by_code(code)["metonyms"].get(word) == sector


def test_countries_risky_acronyms_are_case_sensitive() -> None:
    assert {"US", "CAR", "AND", "SEN", "COL"} <= set(load("countries")["case_sensitive"])


def test_countries_georgia_and_congo_are_flagged_ambiguous() -> None:
    forms = {a["form"]: a["codes"] for a in load("countries")["ambiguous"]}
    assert forms["Georgia"] == ["GEO"]
    assert set(forms["Congo"]) == {"COD", "COG"}


# -- organisations


def test_organisations_entries_are_well_formed() -> None:
    codes = country_codes()
    for o in organisations():
        assert set(o) >= {"id", "name", "code", "kind", "country", "sector", "aliases"}, o
        assert SLUG.match(o["id"]), o["id"]
        assert o["kind"] in ORG_KINDS, o["id"]
        assert o["sector"] in SECTORS, o["id"]
        assert o["country"] is None or o["country"] in codes, o["id"]
        assert all(isinstance(a, str) and a for a in o["aliases"]), o["id"]


def test_organisations_ids_are_unique() -> None:
    ids = [o["id"] for o in organisations()]
    assert len(ids) == len(set(ids))


def test_organisations_codes_follow_cameo_style() -> None:
    seen: dict[str, str] = {}
    for o in organisations():
        if o["kind"] in ("igo", "ngo"):
            assert re.match(rf"^{o['kind'].upper()}[A-Z0-9]{{3}}$", o["code"]), o["id"]
            assert o["code"] not in seen, (o["id"], seen.get(o["code"]))
            seen[o["code"]] = o["id"]
        elif o["code"].startswith("MNC"):
            assert o["kind"] == "business" and re.match(r"^MNC[A-Z0-9]{3}$", o["code"]), o["id"]
            assert o["code"] not in seen, (o["id"], seen.get(o["code"]))
            seen[o["code"]] = o["id"]
        else:
            assert o["country"] and o["code"] == f"{o['country']}{o['sector']}", o["id"]


def test_organisations_outlets_are_media_sector() -> None:
    for o in organisations():
        if o["kind"] in ("media", "agency"):
            assert o["sector"] == "MED" and o["country"], o["id"]


def test_organisations_counts_meet_coverage() -> None:
    bodies = [o for o in organisations() if o["kind"] in ("igo", "ngo")]
    outlets = [o for o in organisations() if o["kind"] in ("media", "agency")]
    assert len(bodies) >= 120
    assert len(outlets) >= 80


def test_organisations_shared_forms_are_listed_as_ambiguous() -> None:
    ambiguous = {
        str(a["form"]).casefold(): set(a["ids"]) for a in load("organisations")["ambiguous"]
    }
    shared = shared_forms([(o["id"], [o["name"], *o["aliases"]]) for o in organisations()])
    for form, ids in shared.items():
        assert form in ambiguous and ids <= ambiguous[form], (form, ids)
    known = {o["id"] for o in organisations()}
    for item in load("organisations")["ambiguous"]:
        assert set(item["ids"]) <= known, item["form"]


@pytest.mark.parametrize(
    ("oid", "form", "country"),
    [
        ("xinhua", "Xinhua", "CHN"),
        ("tass", "ITAR-TASS", "RUS"),
        ("irna", "IRNA", "IRN"),
        ("anadolu", "Anadolu", "TUR"),
        ("yonhap", "Yonhap", "KOR"),
        ("kcna", "KCNA", "PRK"),
        ("associated-press", "AP", "USA"),
        ("afp", "AFP", "FRA"),
        ("reuters", "Reuters", "GBR"),
        ("al-jazeera", "Al Jazeera", "QAT"),
        ("yahoo-news", "Yahoo News", "USA"),
        ("new-york-times", "NYT", "USA"),
        ("washington-post", "WaPo", "USA"),
        ("apa-azerbaijan", "APA", "AZE"),
        ("wam", "WAM", "ARE"),
        ("spa", "SPA", "SAU"),
    ],
)
def test_organisations_outlet_has_country(oid: str, form: str, country: str) -> None:
    o = org(oid)
    assert form in [o["name"], *o["aliases"]]
    assert o["country"] == country and o["sector"] == "MED"


@pytest.mark.parametrize(
    ("oid", "form"),
    [
        ("united-nations", "U.N."),
        ("un-security-council", "UNSC"),
        ("nato", "NATO"),
        ("european-commission", "European Commission"),
        ("ecb", "ECB"),
        ("african-union", "AU"),
        ("ecowas", "ECOWAS"),
        ("iaea", "IAEA"),
        ("opcw", "OPCW"),
        ("icc", "ICC"),
        ("icj", "ICJ"),
        ("imf", "IMF"),
        ("osce", "OSCE"),
        ("arab-league", "Arab League"),
        ("gcc", "GCC"),
        ("icrc", "Red Cross"),
        ("msf", "Doctors Without Borders"),
        ("human-rights-watch", "HRW"),
    ],
)
def test_organisations_body_is_known(oid: str, form: str) -> None:
    o = org(oid)
    assert form in [o["name"], *o["aliases"]]
    assert o["kind"] in ("igo", "ngo") and o["country"] is None


# -- groups


def test_groups_entries_are_well_formed() -> None:
    codes = country_codes()
    for g in groups():
        assert set(g) >= {
            "id",
            "name",
            "code",
            "cameo",
            "sector",
            "countries",
            "aliases",
            "generic",
            "active",
        }, g
        assert SLUG.match(g["id"]), g["id"]
        assert re.match(r"^[A-Z0-9]{2,12}$", g["code"]), g["id"]
        assert g["code"] not in codes, g["id"]  # a group code must not read as a country
        assert g["cameo"] is None or re.match(r"^[A-Z]{6,15}$", g["cameo"]), g["id"]
        assert g["sector"] in SECTORS, g["id"]
        assert g["countries"] and set(g["countries"]) <= codes, g["id"]
        assert g["generic"], g["id"]


def test_groups_ids_and_codes_are_unique() -> None:
    ids = [g["id"] for g in groups()]
    codes = [g["code"] for g in groups()]
    assert len(ids) == len(set(ids))
    assert len(codes) == len(set(codes))


def test_groups_active_dates_are_ordered() -> None:
    for g in groups():
        start, end = g["active"]["start"], g["active"]["end"]
        assert start is None or isinstance(start, dt.date), g["id"]
        assert end is None or isinstance(end, dt.date), g["id"]
        if start and end:
            assert start <= end, g["id"]


def test_groups_count_meets_coverage() -> None:
    assert len(groups()) >= 150


def test_groups_shared_forms_are_listed_as_ambiguous() -> None:
    shared = shared_forms([(g["id"], [g["name"], *g["aliases"]]) for g in groups()])
    ambiguous = {str(a["form"]).casefold() for a in load("groups")["ambiguous"]}
    assert set(shared) <= ambiguous


@pytest.mark.parametrize(
    ("gid", "forms"),
    [
        ("isis", ["ISIS", "ISIL", "IS", "Daesh", "Islamic State in Iraq and the Levant"]),
        ("al-qaeda", ["al-Qaida", "al Qaeda"]),
        ("hezbollah", ["Hizbollah", "Hizballah"]),
        ("houthis", ["Ansar Allah"]),
        ("hts", ["Hayat Tahrir al-Sham"]),
        ("al-nusra", ["Jabhat al-Nusra"]),
        ("boko-haram", ["JAS"]),
        ("iswap", ["ISWAP"]),
        ("ypg", ["YPG"]),
        ("sdf", ["SDF"]),
        ("wagner", ["Wagner"]),
        ("rsf-sudan", ["RSF"]),
        ("ttp", ["Pakistani Taliban"]),
        ("lashkar-e-taiba", ["LeT"]),
        ("jnim", ["JNIM"]),
    ],
)
def test_groups_aliases_cover_spellings(gid: str, forms: list[str]) -> None:
    g = group(gid)
    assert set(forms) <= {g["name"], *g["aliases"]}


def test_groups_isis_has_customary_cameo_code() -> None:
    g = group("isis")
    assert g["cameo"] == "IMGMUSISI" and g["code"] == "ISIS" and g["sector"] == "REB"


def test_groups_branches_are_separate_entries() -> None:
    for gid in ("aqap", "aqim", "aqis", "al-shabaab", "iskp", "is-sahel"):
        assert group(gid)["id"] == gid


def test_groups_dissolved_groups_have_end_dates() -> None:
    for gid in ("ltte", "eta", "farc", "ira"):
        assert group(gid)["active"]["end"] is not None, gid
    assert group("hamas")["active"]["end"] is None


def test_groups_home_country_is_listed_or_null() -> None:
    for g in groups():
        assert "country" in g, g["id"]
        assert g["country"] is None or g["country"] == g["countries"][0], g["id"]
    assert group("isis")["country"] is None and group("al-qaeda")["country"] is None
    assert group("hamas")["country"] == "PSE" and group("houthis")["country"] == "YEM"


def test_groups_is_alias_is_case_sensitive() -> None:
    assert "IS" in load("groups")["case_sensitive"]


# -- roles


def test_roles_blocks_are_well_formed() -> None:
    for block in load("roles")["roles"]:
        assert block["sector"] in SECTORS, block
        assert block["words"] and all(isinstance(w, str) and w for w in block["words"])


def test_roles_each_word_has_one_sector() -> None:
    seen: dict[str, str] = {}
    for block in load("roles")["roles"]:
        for word in block["words"]:
            key = word.casefold()
            assert key not in seen, (word, seen.get(key), block["sector"])
            seen[key] = block["sector"]


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("officials", "GOV"),
        ("spokesman", "GOV"),
        ("cabinet", "GOV"),
        ("regime", "GOV"),
        ("troops", "MIL"),
        ("warplanes", "MIL"),
        ("fighter jets", "MIL"),
        ("drones", "MIL"),
        ("air force", "MIL"),
        ("police", "COP"),
        ("policemen", "COP"),
        ("rebels", "REB"),
        ("insurgents", "REB"),
        ("militants", "REB"),
        ("jihadists", "REB"),
        ("gunmen", "REB"),
        ("opposition", "OPP"),
        ("court", "JUD"),
        ("prosecutors", "JUD"),
        ("lawmakers", "LEG"),
        ("MPs", "LEG"),
        ("journalists", "MED"),
        ("investors", "BUS"),
        ("civilians", "CVL"),
        ("villagers", "CVL"),
        ("protesters", "CVL"),
        ("refugees", "REF"),
        ("clerics", "REL"),
        ("unions", "LAB"),
        ("doctors", "HLH"),
        ("students", "EDU"),
        ("aid workers", "NGO"),
        ("rights groups", "HRI"),
        ("smugglers", "CRM"),
        ("militiamen", "UAF"),
    ],
)
def test_roles_word_maps_to_sector(word: str, sector: str) -> None:
    assert role_sectors()[word.casefold()] == sector


def test_roles_plural_forms_are_listed() -> None:
    words = role_sectors()
    for singular in (
        "soldier",
        "rebel",
        "militant",
        "journalist",
        "refugee",
        "protester",
        "lawmaker",
        "judge",
        "civilian",
        "diplomat",
    ):
        assert singular in words and singular + "s" in words, singular


# -- across files


def test_kb_group_and_org_codes_do_not_collide() -> None:
    group_codes = {g["code"] for g in groups()}
    body_codes = {o["code"] for o in organisations() if o["kind"] in ("igo", "ngo")}
    assert not group_codes & body_codes


def test_organisations_state_firms_carry_country_and_multinationals_mnc() -> None:
    assert org("gazprom")["code"] == "RUSBUS" and org("gazprom")["country"] == "RUS"
    assert org("saudi-aramco")["sector"] == "BUS"
    assert org("exxonmobil")["code"].startswith("MNC") and org("exxonmobil")["kind"] == "business"


def test_kb_forms_shared_across_files_are_flagged() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries():
        for form in [c["code"], *country_forms(c)]:
            owners[form.casefold()].add("country")
    for o in organisations():
        for form in [o["name"], *o["aliases"]]:
            owners[form.casefold()].add("organisation")
    for g in groups():
        for form in [g["name"], *g["aliases"]]:
            owners[form.casefold()].add("group")
    flagged = {
        str(a["form"]).casefold()
        for name in ("countries", "organisations", "groups")
        for a in load(name)["ambiguous"]
    }
    shared = {form for form, files in owners.items() if len(files) > 1}
    assert shared <= flagged, sorted(shared - flagged)


def test_organisations_former_bodies_have_ordered_dates() -> None:
    dated = [o for o in organisations() if "active" in o]
    assert dated
    for o in dated:
        start, end = o["active"]["start"], o["active"]["end"]
        assert isinstance(start, dt.date), o["id"]
        assert end is None or start <= end, o["id"]
    assert org("european-community")["active"]["end"] < dt.date(1994, 1, 1)
