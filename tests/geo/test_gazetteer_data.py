"""The gazetteer's own tables: well-formed rows, coordinates near their country."""

from __future__ import annotations

import math

from dateline.actors.names import name_key
from dateline.geo.gazetteer import DATA_DIR, Town, _rows, load_gazetteer


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_gazetteer_admin1_rows_lie_in_their_country_and_link_to_seats():
    gaz = load_gazetteer()
    rows = _rows(DATA_DIR / "admin1.tsv")
    assert len(rows) >= 150
    linked = 0
    for country, name, _aliases, seat, lat, lon in rows:
        centre = gaz.countries[country]
        assert _km(float(lat), float(lon), centre.lat, centre.lon) < 1500, name
        towns = [
            t
            for t in gaz.index.get(name_key(seat), [])
            if isinstance(t, Town) and gaz.iso2to3.get(t.countrycode) == country
        ]
        linked += bool(towns)
    assert linked / len(rows) >= 0.95


def test_gazetteer_alias_rows_are_well_formed():
    gaz = load_gazetteer()
    for row in _rows(DATA_DIR / "aliases.tsv"):
        alias, name, country, feature, lat, lon = row[:6]
        assert alias and name and feature in {"city", "region", "country", "continent"}
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        if country:
            assert country in gaz.countries, alias
            if feature == "city":
                centre = gaz.countries[country]
                assert _km(float(lat), float(lon), centre.lat, centre.lon) < 3000, alias


def test_gazetteer_countries_have_centroids():
    gaz = load_gazetteer()
    assert len(gaz.countries) >= 240
    iraq = gaz.countries["IRQ"]
    assert _km(iraq.lat, iraq.lon, 33.2, 43.7) < 200


def test_gazetteer_us_states_are_subdivisions():
    gaz = load_gazetteer()
    (ohio,) = [c for c in gaz.candidates("Ohio") if c.feature == "admin1"]
    assert ohio.country == "USA" and _km(ohio.lat, ohio.lon, 40.4, -82.8) < 250


def test_town_records_are_cached_compactly(tmp_path, monkeypatch):
    from dateline.geo import gazetteer

    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    first = gazetteer._read_town_file("cities15000.json")  # parsed from the JSON, then kept
    assert list(tmp_path.glob("towns-cities15000-*.pickle"))
    again = gazetteer._read_town_file("cities15000.json")  # read back from the cache
    assert again == first and len(first) > 20_000
    big = [t for t in first if t.population >= gazetteer.ALT_NAMES_FROM]
    assert any(t.alternatenames for t in big)
    assert not any(t.alternatenames for t in first if t.population < gazetteer.ALT_NAMES_FROM)
    (next(tmp_path.glob("towns-*.pickle"))).write_bytes(b"not a pickle")
    assert gazetteer._read_town_file("cities15000.json") == first  # a broken cache is ignored
