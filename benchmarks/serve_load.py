#!/usr/bin/env python3
"""Load on the web API: 50 concurrent clients querying events for 30 s against `dateline serve`.

usage: python benchmarks/serve_load.py [--events 100000] [--clients 50] [--seconds 30] [--pages]

1. Builds a SQLite store of N synthetic events (20,000 articles, 200 country dyads, ten years,
   places with coordinates; rows written directly with executemany, like store_speed.py).
2. Starts `dateline serve --db STORE --port P` on 127.0.0.1 in a subprocess.
3. Runs C clients (httpx async, one connection each) for S seconds, each sending event queries
   of `GET /api/events` with the filters of `dateline query` (none, dyad, country, type + date
   range, actor, place, text, sorted by score, deep pages), one after another; with --pages
   also `GET /events` (the HTML table). Bounded in time and in count; loopback only.
4. Prints requests, errors, requests/s and p50/p95/p99 latency overall and per query kind.

``--store-fix`` measures the store changes the web UI asks for (not yet in dateline/store):
an index on events(date, id) and on events(recipient_country, date), and the events query
joining articles with LEFT OUTER JOIN so that SQLite walks events in date order instead of
scanning every article first. The server then runs with that one line of
``dateline/store/query.py`` changed in memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.store import open_store

COUNTRIES = ["USA", "IRN", "IRQ", "SYR", "RUS", "UKR", "CHN", "TUR", "ISR", "PSE", "AFG", "PAK", "IND",
             "SAU", "YEM", "EGY", "LBY", "FRA", "GBR", "DEU"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "COERCE", "ASSAULT"]
MODALITIES = ["asserted"] * 8 + ["negated", "hypothetical", "future", "historical"]
PLACES = [("Baghdad", "IRQ", 33.34, 44.40), ("Kyiv", "UKR", 50.45, 30.52), ("Gaza", "PSE", 31.50, 34.47),
          ("Kabul", "AFG", 34.53, 69.17), ("Damascus", "SYR", 33.51, 36.29), ("Tehran", "IRN", 35.69, 51.39),
          ("Moscow", "RUS", 55.75, 37.62), ("Washington", "USA", 38.90, -77.04), ("Beijing", "CHN", 39.90, 116.40),
          ("Tripoli", "LBY", 32.89, 13.19), ("Sanaa", "YEM", 15.37, 44.19), ("Ankara", "TUR", 39.93, 32.86)]
WORDS = ["talks", "troops", "border", "strike", "ceasefire", "envoy", "sanctions", "aid", "convoy", "summit", "deal", "rebels", "militia", "protest"]
ARTICLES = 20_000  # five events an article, as in real stores


def build_store(path: Path, n: int) -> None:
    """A store of ``n`` synthetic events over 20,000 articles (not timed)."""
    with open_store(str(path)):
        pass
    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.executemany(
        "insert into articles (id, title, published, published_day, text, content_hash, ingested_at, record) "
        "values (?,?,?,?,?,?,?,?)",
        [(f"a{i:05d}", f"Synthetic report {i}", "2020-01-01T00:00:00+00:00", "2020-01-01",
          " ".join(rng.choice(WORDS) for _ in range(60)), f"h{i}", "2026-01-01T00:00:00+00:00", "{}")
         for i in range(ARTICLES)])
    dyads = [tuple(rng.sample(COUNTRIES, 2)) for _ in range(200)]
    start = date(2015, 1, 1)
    rows = []
    for i in range(n):
        a, b = dyads[i % len(dyads)] if i % 3 else rng.choice(dyads)
        place = rng.choice(PLACES)
        kind = rng.choice(TYPES)
        quad = 1 if TYPES.index(kind) < 4 else 2 if TYPES.index(kind) < 6 else 3 if TYPES.index(kind) < 11 else 4
        evidence = f"{a} and {b} " + " ".join(rng.choice(WORDS) for _ in range(12)) + "."
        rows.append((f"e{i:07d}", f"a{i % ARTICLES:05d}", i // ARTICLES, kind, rng.choice(MODALITIES),
                     f"{a.lower()}-gov", a, f"{a}GOV", b.lower(), b, b,
                     (start + timedelta(days=rng.randrange(3650))).isoformat(), place[0], place[1],
                     place[2], place[3], evidence, 0, len(evidence), quad, rng.uniform(-10, 8), 0.5, "{}", f"m{i}"))
        if len(rows) == 50_000 or i == n - 1:
            con.executemany(
                "insert into events (id, article_id, idx, type, modality, actor_id, actor_country, actor_code, "
                "recipient_id, recipient_country, recipient_code, date, location_name, location_country, lat, lon, "
                "evidence, evidence_start, evidence_end, quad_code, event_scale, confidence, record, merged_id) "
                "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            rows = []
    con.commit()
    con.execute("analyze")
    con.close()


STORE_FIX_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_date ON events (date, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_recipient_date ON events (recipient_country, date)",
)
STORE_FIX_JOIN = (
    "import inspect, dateline.store.query as q; "
    "src = inspect.getsource(q).replace('.join(s.articles, s.articles.c.id == e.c.article_id)', "
    "'.outerjoin(s.articles, s.articles.c.id == e.c.article_id)'); "
    "exec(compile(src, q.__file__, 'exec'), q.__dict__); "
)


def apply_store_fix_indexes(path: Path) -> None:
    """The proposed indexes, added to a built store."""
    con = sqlite3.connect(path)
    for ddl in STORE_FIX_INDEXES:
        con.execute(ddl)
    con.execute("analyze")
    con.commit()
    con.close()


def queries(rng: random.Random, pages: bool) -> tuple[str, str]:
    """One request: (kind, path with query string)."""
    a, b = rng.sample(COUNTRIES, 2)
    year = rng.randrange(2015, 2025)
    choices = [
        ("latest", "/api/events?limit=50"),
        ("dyad", f"/api/events?dyad={a}-{b}&limit=50"),
        ("country", f"/api/events?country={a}&limit=50"),
        ("type+dates", f"/api/events?type={rng.choice(TYPES)}&since={year}-01-01&until={year}-12-31"),
        ("actor", f"/api/events?actor={a.lower()}-gov&limit=50"),
        ("place", f"/api/events?place={rng.choice(PLACES)[0]}&limit=50"),
        ("text", f"/api/events?text={rng.choice(WORDS)}&limit=50"),
        ("by-score", f"/api/events?dyad={a}-{b}&sort=event_scale&order=asc&limit=50"),
        ("page-20", f"/api/events?country={a}&limit=50&offset=1000"),
    ]
    if pages:
        choices.append(("html-dyad", f"/events?dyad={a}-{b}"))
    return rng.choice(choices)


async def run_clients(base: str, clients: int, seconds: float, pages: bool,
                      max_requests: int) -> list[tuple[str, float, int]]:
    """``clients`` loops of requests for ``seconds``; (kind, latency s, status) per request."""
    import httpx

    results: list[tuple[str, float, int]] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as http:
        async def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline and len(results) < max_requests:
                kind, path = queries(rng, pages)
                t0 = time.perf_counter()
                try:
                    status = (await http.get(path)).status_code
                except httpx.HTTPError:
                    status = 0
                results.append((kind, time.perf_counter() - t0, status))

        await asyncio.gather(*(client(i) for i in range(clients)))
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"dateline serve exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("dateline serve did not answer in time")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (server workers) so far, 0 where unknown."""
    try:
        import psutil

        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
        total = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                continue
        return total
    except Exception:  # noqa: BLE001 - a benchmark figure, not worth failing over
        return 0.0


def report(results: list[tuple[str, float, int]], seconds: float, server_cpu: float = 0.0) -> bool:
    """Print the figures; True when p95 is under 200 ms and nothing failed."""
    lat = [r[1] for r in results]
    failed = [r[2] for r in results if r[2] != 200]
    errors = len(failed)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end")
    if server_cpu and results:
        print(f"server CPU: {server_cpu:.1f} s, {server_cpu / len(results) * 1000:.1f} ms a request "
              f"(one core serves about {len(results) / server_cpu:,.0f} requests/s)")
    if failed:
        print("errors by status (0: no answer):", dict(sorted(Counter(failed).items())))
    print(f"{len(results):,} requests in {seconds:.0f} s ({len(results) / seconds:,.0f}/s), {errors} errors; "
          f"latency p50 {_pct(lat, 50):.0f} ms, p95 {_pct(lat, 95):.0f} ms, p99 {_pct(lat, 99):.0f} ms, "
          f"mean {statistics.fmean(lat) * 1000:.0f} ms")
    kinds = sorted({r[0] for r in results})
    for kind in kinds:
        ks = [r[1] for r in results if r[0] == kind]
        print(f"  {kind:<11} {len(ks):>6,} requests  p50 {_pct(ks, 50):>5.0f} ms  p95 {_pct(ks, 95):>5.0f} ms")
    ok = errors == 0 and _pct(lat, 95) < 200
    print(f"target p95 < 200 ms: {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=500_000)
    ap.add_argument("--pages", action="store_true", help="also load the HTML events page")
    ap.add_argument("--db", help="use this store instead of building one")
    ap.add_argument("--store-fix", action="store_true",
                    help="measure with the proposed store indexes and outer join (see above)")
    ap.add_argument("--cache-seconds", type=float, default=10.0,
                    help="the server's read cache (its default, 10); 0 reads the store on every request")
    ap.add_argument("--workers", type=int, default=1, help="server processes (dateline serve --workers)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        if not args.db:
            t0 = time.perf_counter()
            build_store(Path(db), args.events)
            print(f"built a store of {args.events:,} events in {time.perf_counter() - t0:.1f} s")
        if args.store_fix:
            apply_store_fix_indexes(Path(db))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        # `dateline serve`, with the command module imported even before the lead registers it
        code = (STORE_FIX_JOIN if args.store_fix else "") + "import sys; import dateline.cli.serve; from dateline.cli.app import app; sys.argv[0] = 'dateline'; app()"
        proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--db", db, "--host", "127.0.0.1",
                                 "--port", str(port), "--cache-seconds", str(args.cache_seconds),
                                 "--workers", str(args.workers)], env={**os.environ, "DATELINE_API_TOKEN": ""})
        try:
            _wait_ready(base, proc)
            cpu0 = cpu_seconds(proc.pid)
            started = time.monotonic()
            results = asyncio.run(run_clients(base, args.clients, args.seconds, args.pages, args.max_requests))
            elapsed = time.monotonic() - started
            server_cpu = cpu_seconds(proc.pid) - cpu0
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        ok = report(results, elapsed, server_cpu)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
