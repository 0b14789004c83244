#!/usr/bin/env python3
"""Load on the web API: 50 concurrent clients querying events for 30 s against `dateline serve`.

usage: python benchmarks/serve_load.py [--events 100000] [--clients 50] [--seconds 30]
       [--workers 1] [--generator wrk|python] [--pages] [--db STORE]

1. Builds a SQLite store of N synthetic events (20,000 articles, 200 country dyads, ten years,
   places with coordinates; rows written directly with executemany, like store_speed.py).
2. Starts `dateline serve --db STORE --port P --workers W` on 127.0.0.1 in a subprocess.
3. Sends C concurrent event queries of `GET /api/events` for S seconds, with the filters of
   `dateline query` (none, dyad, country, type + date range, actor, place, text, sorted by
   score, deep pages) drawn at random; with --pages also `GET /events` (the HTML table).
   The load generator is `wrk` when it is installed (Debian's package; `--generator wrk`, the
   default then): C connections on 2 threads, the query paths drawn here and cycled by a Lua
   script written to a temporary file, which also counts non-2xx answers and prints p95. Else
   (or with `--generator python`) C httpx async clients in this process, which cost about as
   much CPU as the server on a 2-core machine and so slow it down. Bounded in time; loopback.
4. Prints the load average before and after, requests, errors, requests/s, p50/p95/p99
   latency (per kind of query too with the Python client), the server's CPU a request (all
   its worker processes) and the load generator's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
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


WRK_SCRIPT = """\
-- written by benchmarks/serve_load.py: cycle through the query paths drawn in Python
local paths = {%(paths)s}
local started = 0
local threads = {}

function setup(thread)
  thread:set("first", started * math.floor(#paths / %(threads)d))
  started = started + 1
  table.insert(threads, thread)
end

function init(args)
  at = first
  failed = 0
end

function request()
  at = at %% #paths + 1
  return wrk.format("GET", paths[at])
end

function response(status, headers, body)
  if status < 200 or status > 299 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failed") end
  local e = summary.errors
  io.write(string.format(
    "DATELINE_RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    failed, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean, e.timeout))
end
"""


def wrk_script(paths: list[str], threads: int) -> str:
    """The Lua script of a wrk run over ``paths`` (each thread starts at its own place)."""
    quoted = ",".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return WRK_SCRIPT % {"paths": quoted, "threads": threads}


def run_wrk(wrk: str, base: str, *, clients: int, seconds: float, pages: bool,
            threads: int = 2) -> tuple[dict[str, float], float]:
    """One wrk run; its figures (latencies in ms) and the CPU seconds wrk used."""
    rng = random.Random(11)
    paths = [queries(rng, pages)[1] for _ in range(20_000)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="serve_load_", delete=False) as f:
        f.write(wrk_script(paths, threads))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([wrk, "-t", str(threads), "-c", str(clients), "-d", f"{seconds:.0f}s",
                              "--timeout", "30s", "--latency", "-s", f.name, base + "/"],
                             capture_output=True, text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(f.name)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("DATELINE_RESULT ")), None)
    if out.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}")
    n, duration, failed, socket_errors, p50, p90, p95, p99, top, mean, timeouts = map(float, line.split()[1:])
    figures = {"requests": n, "seconds": duration / 1e6, "failed": failed, "socket_errors": socket_errors,
               "timeouts": timeouts, "p50": p50 / 1000, "p90": p90 / 1000, "p95": p95 / 1000,
               "p99": p99 / 1000, "max": top / 1000, "mean": mean / 1000}
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures, cpu


def report_wrk(figures: dict[str, float], server_cpu: float, client_cpu: float) -> bool:
    """Print the figures of a wrk run; True when p95 is under 200 ms and nothing failed."""
    n, seconds = int(figures["requests"]), figures["seconds"]
    errors = int(figures["failed"] + figures["socket_errors"])
    _print_cpu(n, seconds, server_cpu, client_cpu, "wrk")
    if errors:
        print(f"errors: {int(figures['failed'])} answers not 2xx, {int(figures['socket_errors'])} socket "
              f"errors ({int(figures['timeouts'])} timeouts)")
    print(f"{n:,} requests in {seconds:.0f} s ({n / seconds:,.0f}/s), {errors} errors; latency p50 "
          f"{figures['p50']:.0f} ms, p90 {figures['p90']:.0f} ms, p95 {figures['p95']:.0f} ms, "
          f"p99 {figures['p99']:.0f} ms, max {figures['max']:.0f} ms, mean {figures['mean']:.0f} ms")
    ok = errors == 0 and n > 0 and figures["p95"] < 200
    print(f"target p95 < 200 ms: {'met' if ok else 'NOT met'}")
    return ok


def _print_cpu(n: int, seconds: float, server_cpu: float, client_cpu: float, client: str) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end")
    if server_cpu and n:
        print(f"server CPU: {server_cpu:.1f} s, {server_cpu / n * 1000:.2f} ms a request "
              f"({server_cpu / seconds:.2f} cores busy)")
    if client_cpu and n:
        print(f"load generator ({client}) CPU: {client_cpu:.1f} s, {client_cpu / seconds:.2f} cores busy")


def report(results: list[tuple[str, float, int]], seconds: float, server_cpu: float = 0.0,
           client_cpu: float = 0.0) -> bool:
    """Print the figures of the Python client; True when p95 is under 200 ms and nothing failed."""
    lat = [r[1] for r in results]
    failed = [r[2] for r in results if r[2] != 200]
    errors = len(failed)
    _print_cpu(len(results), seconds, server_cpu, client_cpu, "python")
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
    ap.add_argument("--max-requests", type=int, default=500_000, help="(Python client) stop after this many")
    ap.add_argument("--pages", action="store_true", help="also load the HTML events page")
    ap.add_argument("--db", help="use this store instead of building one")
    ap.add_argument("--cache-seconds", type=float, default=10.0,
                    help="the server's read cache (its default, 10); 0 reads the store on every request")
    ap.add_argument("--workers", type=int, default=1, help="server processes (dateline serve --workers)")
    ap.add_argument("--generator", choices=("wrk", "python"), default=None,
                    help="load generator (default: wrk when installed, else python)")
    args = ap.parse_args()
    wrk = shutil.which("wrk")
    generator = args.generator or ("wrk" if wrk else "python")
    if generator == "wrk" and not wrk:
        raise SystemExit("--generator wrk: wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        if not args.db:
            t0 = time.perf_counter()
            build_store(Path(db), args.events)
            print(f"built a store of {args.events:,} events in {time.perf_counter() - t0:.1f} s")
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"{args.workers} server process(es), {args.clients} clients for {args.seconds:.0f} s, "
              f"generator {generator}")
        dateline = str(Path(sys.executable).parent / "dateline")
        proc = subprocess.Popen([dateline, "serve", "--db", db, "--host", "127.0.0.1",
                                 "--port", str(port), "--cache-seconds", str(args.cache_seconds),
                                 "--workers", str(args.workers)], env={**os.environ, "DATELINE_API_TOKEN": ""})
        try:
            _wait_ready(base, proc)
            cpu0 = cpu_seconds(proc.pid)
            if generator == "wrk":
                figures, client_cpu = run_wrk(wrk or "wrk", base, clients=args.clients,
                                              seconds=args.seconds, pages=args.pages)
            else:
                before = time.process_time()
                started = time.monotonic()
                results = asyncio.run(run_clients(base, args.clients, args.seconds, args.pages,
                                                  args.max_requests))
                elapsed = time.monotonic() - started
                client_cpu = time.process_time() - before
            server_cpu = cpu_seconds(proc.pid) - cpu0
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        if generator == "wrk":
            ok = report_wrk(figures, server_cpu, client_cpu)
        else:
            ok = report(results, elapsed, server_cpu, client_cpu)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
