#!/usr/bin/env python3
"""Peak memory (RSS of every process of the run) of ``dateline process`` on a large input.

usage: python benchmarks/memory.py [--articles 20000] [--workers 2] [--no-analysis] [--html]

Builds an input of ``--articles`` articles - JSONL files of 1,000 lines (under the 20 MB input limit) that cycle over the article
bodies of ``shared/data/extraction/ground-truth.json`` (distinct ids), or with ``--html``
symlinks cycling over its news pages - then runs ``dateline process INPUT -w N -o FILE`` as a
subprocess and samples the RSS of that process and all its children every 0.2 s. Prints the
peak (and the peak PSS, which counts pages shared between processes once), each process's
peak RSS, the RSS at each quarter of the run (flat = memory does not grow with the input), the
articles written, the elapsed time and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "extraction"


def build_jsonl(n: int, into: Path, *, per_file: int = 1000) -> Path:
    """JSONL files of ``per_file`` articles each (``n`` in all) cycling over the article bodies."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [v["articleBody"] for v in truth.values() if v.get("articleBody", "").strip()]
    folder = into / "jsonl"
    folder.mkdir()
    for start in range(0, n, per_file):
        with open(folder / f"{start // per_file:05d}.jsonl", "w", encoding="utf-8") as f:
            for i in range(start, min(n, start + per_file)):
                body = bodies[i % len(bodies)]
                f.write(json.dumps({"id": f"mem-{i:06d}", "title": body.split(".")[0][:80],
                                    "published": "2021-06-01T12:00:00+00:00", "text": body}) + "\n")
    return folder


def build_html(n: int, into: Path) -> Path:
    """A directory of ``n`` symlinks cycling over the news pages."""
    pages = sorted((DATA / "html").glob("*.html.gz"))
    folder = into / "pages"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:06d}-{pages[i % len(pages)].name}").symlink_to(pages[i % len(pages)])
    return folder


def tree_memory(proc: psutil.Process, per_process: dict[int, int]) -> tuple[int, int]:
    """RSS and PSS in bytes of a process and all its descendants (PSS counts shared pages once).

    Each process's peak RSS is kept in ``per_process``.
    """
    rss = pss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
        per_process[p.pid] = max(per_process.get(p.pid, 0), info.rss)
    return rss, pss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-analysis", action="store_true")
    ap.add_argument("--html", action="store_true")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = (build_html if args.html else build_jsonl)(args.articles, Path(tmp))
        out = Path(tmp) / "out.jsonl"
        cmd = [str(ROOT / ".venv" / "bin" / "dateline"), "process", str(inputs), "-w", str(args.workers),
               "-o", str(out)] + (["--no-analysis"] if args.no_analysis else [])
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
        ps = psutil.Process(proc.pid)
        samples: list[tuple[float, int]] = []
        peak_pss = 0
        per_process: dict[int, int] = {}
        while proc.poll() is None:
            try:
                rss, pss = tree_memory(ps, per_process)
            except psutil.NoSuchProcess:
                break
            samples.append((time.perf_counter() - t, rss))
            peak_pss = max(peak_pss, pss)
            time.sleep(0.2)
        elapsed = time.perf_counter() - t
        written = 0
        if out.exists():
            with open(out, encoding="utf-8") as f:
                written = sum(1 for _ in f)
    peak = max(r for _, r in samples) if samples else 0
    quarters = [max((r for s, r in samples if q * elapsed / 4 <= s < (q + 1) * elapsed / 4), default=0)
                for q in range(4)]
    print(f"{' '.join(cmd[1:3])} ... -w {args.workers}{' --no-analysis' if args.no_analysis else ''}: "
          f"{written} articles in {elapsed:.0f} s ({written / elapsed:.1f}/s), exit {proc.returncode}")
    print(f"peak RSS (all processes): {peak / 2**20:.0f} MiB; peak PSS (shared pages counted once): "
          f"{peak_pss / 2**20:.0f} MiB")
    print("peak RSS per process (MiB): " + ", ".join(
        f"{v / 2**20:.0f}" for v in sorted(per_process.values(), reverse=True)))
    print("peak RSS per quarter of the run (MiB): " + ", ".join(f"{q / 2**20:.0f}" for q in quarters))
    print(f"load average after: {os.getloadavg()}")
    sys.exit(0 if peak < 2 * 2**30 else 1)


if __name__ == "__main__":
    main()
