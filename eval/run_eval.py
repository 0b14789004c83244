#!/usr/bin/env python3
"""Run dateline on the evaluation data in ../shared, score it, and hold it to eval/floors.json.

usage: python eval/run_eval.py [--shared DIR] [--suite NAME ...] [--out DIR] [--list]

Each suite makes predictions with the ``dateline`` command, runs a scorer from
``<shared>/eval`` with ``--json``, and compares the named measures with the floors pinned
in ``eval/floors.json``. Exit status 1 when a measure is below its floor, 2 when a suite
could not run. A floor is raised when a stage improves; lowering one needs a reason in the
commit message.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DATELINE = str(BIN / "dateline")


def suites(shared: Path, out: Path) -> dict[str, list[list[str]]]:
    """Suite name -> the shell steps that end with ``<out>/<name>.json``."""
    ev, data = shared / "eval", shared / "data"
    py = sys.executable
    return {
        "seed": [
            [DATELINE, "process", str(shared / "examples/000_79e07885e7f5b6c5.txt"), "-o", f"{out}/seed.jsonl"],
            [py, str(ev / "score_seed.py"), f"{out}/seed.jsonl", str(shared / "examples/seed.gold.json"),
             "--quiet", "--json", f"{out}/seed.json"],
        ],
        "time": [
            [py, str(ev / "tools/articles_from_gold.py"), str(data / "time/timebank.jsonl"), ">", f"{out}/time_in.jsonl"],
            [DATELINE, "-s", "stages=time", "process", f"{out}/time_in.jsonl", "-o", f"{out}/time.jsonl"],
            [py, str(ev / "score_time.py"), f"{out}/time.jsonl", str(data / "time/timebank.jsonl"),
             "--json", f"{out}/time.json"],
        ],
        "quotes": [
            [py, str(ev / "tools/articles_from_gold.py"), str(data / "quotes/polnear_dev.jsonl"), ">", f"{out}/quotes_in.jsonl"],
            [DATELINE, "-s", "stages=time,actors,quotes", "process", f"{out}/quotes_in.jsonl", "-o", f"{out}/quotes.jsonl"],
            [py, str(ev / "score_quotes.py"), f"{out}/quotes.jsonl", str(data / "quotes/polnear_dev.jsonl"),
             "--json", f"{out}/quotes.json"],
        ],
        "events": [
            [py, str(ev / "tools/sentences_from_gold.py"), str(data / "events/plover_gsr.jsonl"), ">", f"{out}/events_in.jsonl"],
            [DATELINE, "code", "--sentences", f"{out}/events_in.jsonl", "-o", f"{out}/events.jsonl"],
            [py, str(ev / "score_events.py"), f"{out}/events.jsonl", str(data / "events/plover_gsr.jsonl"),
             "--json", f"{out}/events.json"],
        ],
        "merge": [
            [py, str(HERE / "merge_check.py"), str(shared / "examples/000_79e07885e7f5b6c5.txt"),
             "--json", f"{out}/merge.json"],
        ],
        "actors": [
            [py, str(ROOT / "benchmarks/actor_country_f1.py"), str(data / "events/plover_gsr.jsonl"),
             "--json", f"{out}/actors.json"],
        ],
        "extraction": [
            [DATELINE, "process", "--no-analysis", str(data / "extraction/html"), "-o", f"{out}/extraction.jsonl"],
            [py, str(ev / "score_extraction.py"), f"{out}/extraction.jsonl", str(data / "extraction"),
             "--json", f"{out}/extraction.json"],
        ],
        "metadata": [
            [DATELINE, "process", "--no-analysis", str(data / "metadata/html"), "-o", f"{out}/metadata.jsonl"],
            [py, str(ev / "score_extraction.py"), f"{out}/metadata.jsonl", str(data / "metadata"),
             "--json", f"{out}/metadata.json"],
        ],
    }


def measures(name: str, result: dict) -> dict[str, float]:
    """Flatten a scorer's JSON into dotted names; the seed's pass counts become ratios."""
    if name == "seed":
        x, y = result["score"]
        flat = {"score": x / y if y else 0.0}
        for sec, (ok, n) in result["sections"].items():
            flat[sec] = ok / n if n else 0.0
        return flat
    flat: dict[str, float] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[prefix] = float(value)

    walk("", result)
    return flat


def run_step(step: list[str]) -> int:
    if ">" in step:
        i = step.index(">")
        with open(step[i + 1], "w", encoding="utf-8") as f:
            return subprocess.run(step[:i], stdout=f, cwd=ROOT).returncode
    return subprocess.run(step, cwd=ROOT, stdout=subprocess.DEVNULL).returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared/ folder (default ../shared)")
    ap.add_argument("--suite", action="append", help="run only these suites (default: every suite with floors)")
    ap.add_argument("--out", default=str(HERE / "out"), help="where predictions and scores go")
    a = ap.parse_args(argv)
    shared, out = Path(a.shared), Path(a.out)
    if not (shared / "eval").is_dir():
        print(f"error: {shared}/eval not found: evaluation needs the shared/ data", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    floors = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
    floors.pop("_comment", None)
    table = suites(shared, out)
    chosen = a.suite or [s for s in table if s in floors]
    failed, broken = [], []
    for name in chosen:
        if name not in table:
            print(f"error: unknown suite {name!r}; known: {', '.join(table)}", file=sys.stderr)
            return 2
        started = time.monotonic()
        for step in table[name]:
            rc = run_step(step)
            if rc not in (0, 1):  # 1 = some inputs failed, which the scorer accounts for
                broken.append(f"{name}: step {' '.join(step[:3])} ... exited {rc}")
                break
        else:
            result = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            got = measures(name, result)
            print(f"{name} ({time.monotonic() - started:.0f}s):")
            for key, floor in sorted(floors.get(name, {}).items()):
                value = got.get(key)
                ok = value is not None and value + 1e-9 >= floor
                print(f"  {'ok  ' if ok else 'FAIL'} {key} = {value if value is None else round(value, 4)} (floor {floor})")
                if not ok:
                    failed.append(f"{name}.{key}")
    for b in broken:
        print(f"error: {b}", file=sys.stderr)
    if failed:
        print(f"below floor: {', '.join(failed)}", file=sys.stderr)
    return 2 if broken else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
