"""A store that is locked, full, read-only or gone mid-run: clear errors, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from dateline.errors import StoreError
from dateline.model import Article, text_hash
from dateline.store import open_store


def arts(prefix: str, n: int) -> list[Article]:
    out = []
    for i in range(n):
        text = f"{prefix} report {i}: the council in Lamu voted {i} times on the harbour budget this week."
        out.append(Article(id=f"{prefix}-{i}", text=text, content_hash=text_hash(text)))
    return out


def test_bad_store_locked_database_says_so(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    with open_store(str(db)):
        pass
    holder = sqlite3.connect(db, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with open_store(str(db), timeout=0.2) as store, pytest.raises(StoreError, match="locked.*another process"):
            store.add_articles(arts("a", 2))
    finally:
        holder.rollback()
        holder.close()
    with open_store(str(db)) as store:  # once the lock is gone, it works
        assert store.add_articles(arts("a", 2)) == (2, 0)


def test_bad_store_read_only_database_says_so(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    with open_store(str(db)) as store:
        store.add_articles(arts("a", 1))
    with open_store(f"sqlite:///file:{db}?mode=ro&uri=true") as store:
        assert store.get_article("a-0") is not None
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles(arts("b", 1))


def test_bad_store_full_database_fails_the_batch_and_keeps_earlier_ones(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    with open_store(str(db)) as store:
        assert store.add_articles(arts("a", 3)) == (3, 0)
        pages = sqlite3.connect(db).execute("pragma page_count").fetchone()[0]

        @event.listens_for(store.engine, "connect")
        def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

        store.engine.dispose()
        with pytest.raises(StoreError, match="full"):
            store.add_articles(arts("big", 400))
    with open_store(str(db)) as store:
        assert store.stats()["articles"] == 3  # the failed batch left nothing half-written
        assert store.add_articles(arts("big", 400)) == (400, 0)  # and the same batch goes in later


def test_bad_store_postgres_connection_dropped_mid_run(pg_url: str, pg_server: str) -> None:
    import psycopg

    with open_store(pg_url) as store:
        assert store.add_articles(arts("a", 5)) == (5, 0)
        app = pg_url.rsplit("application_name=", 1)[1]  # this test's own connections only
        with psycopg.connect(pg_server, autocommit=True) as admin:
            killed = admin.execute(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                "where datname = current_database() and application_name = %s",
                (app,),
            ).fetchone()
        assert killed is not None and killed[0] >= 1
        # the pool notices the dead connection and reconnects: the next batch goes in
        assert store.add_articles(arts("b", 5)) == (5, 0)
        assert store.stats()["articles"] == 10


def test_bad_store_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open store"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
