#!/usr/bin/env python3
"""Store speed: ingest of already-processed article records, and a dyad timeline over 1M events.

usage: python benchmarks/store_speed.py [--articles 5000] [--events 1000000] [--pg URL]

1. Ingest: N distinct processed records (each with entities, times, statements and five
   events) into a fresh SQLite store through ``Store.add_articles`` in batches of 500 (story
   linking and event merging included), beside the peer: plain ``sqlite3`` inserting the same
   records' JSON into one table. Prints articles/s of both and the ratio. Then the same records
   from a JSONL file through ``dateline.run.ingest`` (what ``dateline ingest FILE`` runs:
   reading, validating, skipping what is stored, batching), beside ``sqlite3`` reading the
   file's lines into one table.
2. Query: a SQLite store filled with M events over 200 country dyads and ten years (written
   with executemany, not timed), then ``Store.dyad_timeline`` for one dyad and
   ``Store.query_events`` with a dyad filter, median of 5 runs each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.model import (  # noqa: E402
    Article,
    Entity,
    Event,
    Participant,
    Span,
    SpeakerSpan,
    Statement,
    TimeExpression,
    text_hash,
)
from dateline.store import open_store  # noqa: E402
from dateline.store.query import EventQuery  # noqa: E402

WORDS = ("minister army talks border rebels city council aid ceasefire troops election court protest "
         "sanctions oil port refugees envoy summit deal strike village governor police parliament "
         "president spokesman agency capital province river bridge convoy camp hospital").split()
COUNTRIES = ["USA", "IRN", "IRQ", "SYR", "RUS", "UKR", "CHN", "TUR", "ISR", "PSE", "AFG", "PAK", "IND",
             "SAU", "YEM", "EGY", "LBY", "FRA", "GBR", "DEU"]
TYPES = ["AGREE", "CONSULT", "ACCUSE", "ASSAULT", "REQUEST", "COERCE", "PROTEST", "AID"]


def processed_record(i: int, rng: random.Random) -> Article:
    words = [rng.choice(WORDS) for _ in range(250)]
    text = f"Report {i}. " + " ".join(words) + "."
    events = []
    for j in range(5):
        a, b = rng.sample(COUNTRIES, 2)
        events.append(Event(
            id=f"r{i}-e{j}", type=rng.choice(TYPES), date=f"2020-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            actor=[Participant(text=a, country=a, code=a)], recipient=[Participant(text=b, country=b, code=b)],
            evidence=Span(text=text[:80], start=0, end=80), quad_code=1, event_scale=1.0,
        ))
    return Article(
        id=f"r{i:06d}", text=text, title=f"Report {i}", published="2020-05-01T10:00:00+00:00",
        content_hash=text_hash(text), analysis={"dateline": "bench"},
        entities=[Entity(text=words[k], start=0, end=5, label="GPE") for k in range(10)],
        times=[TimeExpression(text="Monday", start=0, end=6, value="2020-04-27")],
        statements=[Statement(speaker=SpeakerSpan(text="x", start=0, end=1), content=Span(text="y", start=2, end=3))],
        events=events,
    )


def bench_ingest(n: int, tmp: Path) -> None:
    rng = random.Random(3)
    records = [processed_record(i, rng) for i in range(n)]
    with open_store(str(tmp / "ingest.db")) as store:
        started = time.perf_counter()
        for i in range(0, n, 500):
            store.add_articles(records[i:i + 500])
        ours = n / (time.perf_counter() - started)
    con = sqlite3.connect(tmp / "peer.db")
    con.execute("pragma journal_mode=wal")
    con.execute("create table records (id text primary key, record text)")
    started = time.perf_counter()
    for i in range(0, n, 500):
        with con:
            con.executemany("insert into records values (?, ?)", [(r.id, r.to_json()) for r in records[i:i + 500]])
    peer = n / (time.perf_counter() - started)
    con.close()
    print(f"ingest of processed records: dateline {ours:,.0f} articles/s; peer (sqlite3, one JSON column) "
          f"{peer:,.0f} articles/s; ratio {ours / peer:.2f} (load average {_load()})")
    with open(tmp / "records.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(r.to_json() + "\n")


def bench_ingest_file(n: int, tmp: Path) -> None:
    """What ``dateline ingest records.jsonl`` does (read, check, store), from a JSONL file of the
    records of :func:`bench_ingest` (which are no longer in memory, as in a real run), beside the
    peer reading the file's lines into one sqlite3 table."""
    from dateline.config import Settings
    from dateline.run import ingest

    path = tmp / "records.jsonl"
    settings = Settings(max_input_bytes=path.stat().st_size + 1)
    with open_store(str(tmp / "file.db")) as store:
        started = time.perf_counter()
        report = ingest([str(path)], store=store, settings=settings, workers=0)
        ours = report.articles / (time.perf_counter() - started)
    con = sqlite3.connect(tmp / "peer-file.db")
    con.execute("pragma journal_mode=wal")
    con.execute("create table records (id text primary key, record text)")
    started = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        while lines := [line for _, line in zip(range(500), f)]:
            with con:
                con.executemany("insert into records values (?, ?)", [(json.loads(x)["id"], x) for x in lines])
    peer = n / (time.perf_counter() - started)
    con.close()
    print(f"ingest of a JSONL file of them (dateline.run.ingest, as `dateline ingest`): dateline {ours:,.0f} "
          f"articles/s; peer (read lines, sqlite3) {peer:,.0f} articles/s; ratio {ours / peer:.2f} "
          f"(load average {_load()})")


def bench_query(m: int, tmp: Path) -> None:
    db = tmp / "query.db"
    with open_store(str(db)) as store:
        pass
    con = sqlite3.connect(db)
    con.execute("insert into articles (id, text, content_hash, ingested_at, record) values ('a', 't', 'h', 'x', '{}')")
    rng = random.Random(5)
    dyads = [tuple(rng.sample(COUNTRIES, 2)) for _ in range(200)]
    start = date(2015, 1, 1)
    rows = []
    for i in range(m):
        a, b = dyads[i % len(dyads)] if i % 3 else rng.choice(dyads)
        d = (start + timedelta(days=rng.randrange(3650))).isoformat()
        t = rng.choice(TYPES)
        rows.append((f"e{i}", "a", i, t, "asserted", a, b, d, 1 + i % 4, rng.uniform(-10, 8), "{}", f"m{i}"))
        if len(rows) == 100_000:
            con.executemany(
                "insert into events (id, article_id, idx, type, modality, actor_country, recipient_country, date, "
                "quad_code, event_scale, record, merged_id) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            rows = []
    if rows:
        con.executemany(
            "insert into events (id, article_id, idx, type, modality, actor_country, recipient_country, date, "
            "quad_code, event_scale, record, merged_id) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.commit()
    con.execute("analyze")
    con.close()
    a, b = dyads[0]
    with open_store(str(db)) as store:
        def timed(fn) -> tuple[float, int]:
            times, n = [], 0
            for _ in range(5):
                t0 = time.perf_counter()
                n = len(fn())
                times.append(time.perf_counter() - t0)
            return statistics.median(times), n

        tl, days = timed(lambda: store.dyad_timeline(a, b, merged=False))
        ql, n = timed(lambda: store.query_events(EventQuery(dyad=(a, b), since="2018-01-01", limit=500)))
    print(f"dyad timeline {a}-{b} over {m:,} events: {tl * 1000:.0f} ms median ({days} day/quad rows); "
          f"dyad query (500 newest since 2018): {ql * 1000:.0f} ms median ({n} rows) (load average {_load()})")


def _load() -> str:
    """The 1-minute load average (on 2 cores anything above 2 slows every figure)."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--events", type=int, default=1_000_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if a.articles:
            bench_ingest(a.articles, Path(tmp))
            bench_ingest_file(a.articles, Path(tmp))
        if a.events:
            bench_query(a.events, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
