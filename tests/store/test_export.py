"""Exports (PLOVER, GDELT 2.0, CSV, Parquet, JSONL) and event queries over a real store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dateline.errors import ConfigError
from dateline.export import GDELT_COLUMNS, export_events
from dateline.model import Article, Event, Location, Participant, Source, Span, text_hash
from dateline.store import open_store
from dateline.store.query import EventQuery

TEXT_A = "Iraqi troops shelled rebel positions near Mosul on Monday.\n\nThe rebels withdrew from two villages."
TEXT_B = "Government forces shelled insurgent positions near Mosul on Monday, a copy from another agency said."


def event(eid: str, text: str, *, type: str = "ASSAULT", modality: str = "asserted", start: int = 0) -> Event:
    return Event(
        id=eid, type=type, modality=modality, date="2016-10-17", cameo="190", quad_code=4, event_scale=-10.0,
        actor=[Participant(text="Iraqi troops", actor="iraq-mil", country="IRQ", sector="MIL", code="IRQMIL")],
        recipient=[Participant(text="rebel positions", country=None, sector="REB", code="REB")],
        location=Location(name="Mosul", country="IRQ", lat=36.34, lon=43.13, geonameid=99072),
        evidence=Span(text=text[start:start + 20], start=start, end=start + 20),
        trigger=Span(text="shelled", start=13, end=20),
    )


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as store:
        store.add_articles([
            Article(id="a", text=TEXT_A, title="Troops shell rebels", url="https://example.org/a",
                    published="2016-10-17", content_hash=text_hash(TEXT_A), source=Source(name="Wire A"),
                    events=[event("a-1", TEXT_A), event("a-2", TEXT_A, type="RETREAT", start=60)]),
            Article(id="b", text=TEXT_B, title="Forces shell insurgents", url="https://example.org/b",
                    published="2016-10-17", content_hash=text_hash(TEXT_B), source=Source(name="Wire B"),
                    events=[event("b-1", TEXT_B), event("b-2", TEXT_B, type="ASSAULT", modality="negated")]),
        ])
    return store_url


def test_export_gdelt_loads_in_pandas_with_gdelt_names(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with open_store(filled) as store:
        n = export_events(store, "gdelt", output=out)
    frame = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype={"EventCode": str})
    assert n == 3 and len(frame) == 3 and len(frame.columns) == 61
    merged = frame[(frame.NumSources == 2)]
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row.SQLDATE == 20161017 and row.Actor1Code == "IRQMIL" and row.Actor1CountryCode == "IRQ"
    assert row.EventCode == "190" and row.QuadClass == 4 and row.NumMentions == 2 and row.NumArticles == 2
    assert row.ActionGeo_CountryCode == "IZ" and abs(row.ActionGeo_Lat - 36.34) < 1e-6  # FIPS, as GDELT
    assert row.SOURCEURL.startswith("https://example.org/")
    assert set(frame.IsRootEvent) == {0, 1}


def test_export_mentions_gives_every_event(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    with open_store(filled) as store:
        assert export_events(store, "jsonl", output=out, mentions=True) == 4
    ids = {json.loads(line)["id"] for line in out.read_text().splitlines()}
    assert ids == {"a-1", "a-2", "b-1", "b-2"}


def test_export_plover_records(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    with open_store(filled) as store:
        export_events(store, "plover", output=out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    for r in recs:
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_loc"} <= set(r)
        assert r["event"][0] in {"ASSAULT", "RETREAT"} and r["date"] == "2016-10-17"
    assault = next(r for r in recs if r["event"] == ["ASSAULT"] and r["modality"] == "asserted")
    assert assault["actor"][0]["code"] == "IRQ" and assault["actor"][0]["sector"] == "MIL"
    assert assault["num_sources"] == 2 and assault["event_loc"]["country_code"] == "IRQ"


def test_export_csv_and_parquet_agree(filled: str, tmp_path: Path) -> None:
    with open_store(filled) as store:
        export_events(store, "csv", output=tmp_path / "e.csv")
        export_events(store, "parquet", output=tmp_path / "e.parquet")
    rows = list(csv.DictReader((tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()))
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert len(rows) == len(table) == 3
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in table)
    assert {r["num_sources"] for r in table} == {1, 2}


def test_export_unknown_format_and_parquet_to_stdout(filled: str) -> None:
    with open_store(filled) as store:
        with pytest.raises(ConfigError, match="unknown export format"):
            export_events(store, "xml")
        with pytest.raises(ConfigError, match="needs an output file"):
            export_events(store, "parquet")


def test_query_filters(filled: str) -> None:
    with open_store(filled) as store:
        def ids(**kw) -> set[str]:
            return {r["id"] for r in store.query_events(EventQuery(**kw))}

        assert ids() == {"a-1", "a-2", "b-1", "b-2"}
        assert ids(type="RETREAT") == {"a-2"}
        assert ids(modality="negated") == {"b-2"}
        assert ids(country="irq") == {"a-1", "a-2", "b-1", "b-2"}
        assert ids(dyad=("IRQ", "SYR")) == set()
        assert ids(actor="IRQMIL", type="ASSAULT", modality="asserted") == {"a-1", "b-1"}
        assert ids(since="2016-10-18") == set() and len(ids(until="2016-10-17")) == 4
        assert ids(place="mosul") == ids(place="IRQ") == ids()
        assert ids(text="withdrew") == {"a-2"}
        assert ids(limit=1) <= ids() and len(ids(limit=1)) == 1


@pytest.mark.parametrize("evil", ["' OR '1'='1", "%", "_", "x'; DROP TABLE events; --", "\\"])
def test_query_filters_are_never_sql(filled: str, evil: str) -> None:
    with open_store(filled) as store:
        assert store.query_events(EventQuery(text=evil)) == []
        assert store.query_events(EventQuery(place=evil)) == []
        assert store.query_events(EventQuery(actor=evil)) == []
        assert store.stats()["events"] == 4


def test_query_rejects_bad_values() -> None:
    for bad in ({"type": "HUG"}, {"modality": "perhaps"}, {"sort": "record; drop"}, {"limit": 0}):
        with pytest.raises(ConfigError):
            EventQuery(**bad).validate()
