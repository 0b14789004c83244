#!/usr/bin/env python3
"""The seed article plus our three rewrites of it from other agencies, merged in one store.

usage: python eval/merge_check.py SEED.txt --json OUT

Writes how many merged events all four reports support (NumSources = 4), and the largest
NumSources seen, for eval/run_eval.py's "merge" suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REWRITES = ["iraq-crisis-trend.txt", "iraq-crisis-anadolu.txt", "iraq-crisis-irna.jsonl"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seed")
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    from dateline.run import ingest
    from dateline.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "merge.db")) as store:
        report = ingest([a.seed, *(str(ROOT / "examples" / name) for name in REWRITES)], store=store)
        merged = store.merged_events(limit=10_000)
    four = [m for m in merged if m["num_sources"] == 4]
    result = {
        "articles": report.articles,
        "four_source_events": len(four),
        "max_sources": max((m["num_sources"] for m in merged), default=0),
        "four_source": [f"{m['type']} {m['actor_country']}->{m['recipient_country']} {m['date']}" for m in four],
    }
    Path(a.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"merge: {len(four)} events reported by all four sources: {', '.join(result['four_source'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
