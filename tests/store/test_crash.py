"""Crash safety: kill -9 in the middle of a 2,000-article ingest, run it again, nothing lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dateline.store import open_store
from dateline.store import schema as s

N = 2000
PLACES = ["Kofo", "Lamu", "Tessa", "Borin", "Vale", "Marisk", "Ondo", "Pella"]


def write_corpus(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(N):
            town = PLACES[i % len(PLACES)]
            text = (f"Report {i}: officials in {town} said on Monday that {i % 97} families had returned "
                    f"after the floods, and that road number {i} would reopen within {i % 13 + 1} days. "
                    f"The council met {i % 7 + 2} times this month to plan repairs worth {i * 37} thousand.")
            f.write(json.dumps({"id": f"doc-{i:05d}", "text": text, "published": "2020-03-02"}) + "\n")


def count(db: str) -> tuple[int, int]:
    with open_store(db) as store, store.engine.connect() as conn:
        arts = conn.scalar(select(func.count()).select_from(s.articles))
        distinct = conn.scalar(select(func.count(func.distinct(s.articles.c.content_hash))))
    return arts or 0, distinct or 0


@pytest.mark.slow
def test_ingest_killed_mid_run_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    db = str(tmp_path / "crash.db")
    exe = str(Path(sys.executable).parent / "dateline")
    cmd = [exe, "-s", "store_batch_size=20", "ingest", "--no-analysis", str(corpus), "--db", db]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if Path(db).exists():
            try:
                stored = count(db)[0]
            except Exception:  # noqa: BLE001, S112 - the schema may still be being created
                continue
            if stored >= 200:
                break
    assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = count(db)
    assert 0 < partial[0] < N and partial[0] == partial[1]

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert count(db) == (N, N)
    with open_store(db) as store, store.engine.connect() as conn:
        runs = conn.execute(select(s.runs.c.finished_at, s.runs.c.articles, s.runs.c.duplicates).order_by(s.runs.c.id)).all()
        stories = conn.scalar(select(func.count()).select_from(s.stories))
        keyed = conn.scalar(select(func.count(func.distinct(s.story_keys.c.article_id))))
    assert runs[0].finished_at is None  # the killed run is visible in the run log
    assert runs[-1].finished_at is not None and runs[-1].articles == N - partial[0]
    assert runs[-1].duplicates == partial[0]
    assert keyed == N and 0 < stories <= N
