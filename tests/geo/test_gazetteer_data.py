"""The gazetteer's own tables: well-formed rows, coordinates near their country."""

from __future__ import annotations

import math

from dateline.actors.names import name_key
from dateline.geo.gazetteer import DATA_DIR, _rows, load_gazetteer


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
            if isinstance(t, dict) and gaz.iso2to3.get(t["countrycode"]) == country
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
