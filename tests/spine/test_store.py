"""The store, the same tests against a SQLite file and the PostgreSQL server (never mocked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, text

from dateline.errors import StoreError
from dateline.model import Article, Entity, Event, Participant, Span, TimeExpression, text_hash
from dateline.store import open_store
from dateline.store import schema as s
from dateline.store.migrations import current_version


def article(i: int, body: str | None = None) -> Article:
    body = body or f"Story number {i}: the army withdrew from the town of Kofo on Monday."
    return Article(
        id=f"art-{i}", text=body, content_hash=text_hash(body), title=f"Story {i}", published="2016-05-02T08:00:00+02:00",
        entities=[Entity(text="Kofo", start=body.index("Kofo"), end=body.index("Kofo") + 4, label="GPE")] if "Kofo" in body else [],
        times=[TimeExpression(text="on Monday", start=0, end=9, value="2016-05-02")],
        events=[Event(id=f"ev-{i}", type="RETREAT", actor=[Participant(text="the army", country="XYZ")],
                      date="2016-05-02", evidence=Span(text=body, start=0, end=len(body)))],
    )


def test_store_add_get_and_count(store_url: str) -> None:
    with open_store(store_url) as store:
        added, dups = store.add_articles([article(1), article(2)])
        assert (added, dups) == (2, 0)
        got = store.get_article("art-1")
        assert got is not None and got.story_id == "art-1"
        assert Article.model_validate(got.model_dump(exclude={"story_id"})) == article(1)
        stats = store.stats()
        assert stats["articles"] == 2 and stats["events"] == 2 and stats["times"] == 2
        assert stats["events_by_type"] == {"RETREAT": 2}
        assert stats["published"] == ["2016-05-02", "2016-05-02"]
        ev = store.get_event("ev-1")
        assert ev is not None and ev.type == "RETREAT" and ev.article_id == "art-1"


def test_store_same_article_twice_is_stored_once(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([article(1)])
        assert store.add_articles([article(1), article(1), article(3)]) == (1, 2)
        same_text_other_id = article(1).model_copy(update={"id": "other-id"})
        assert store.add_articles([same_text_other_id]) == (0, 1)
        assert store.stats()["articles"] == 2


def test_store_runs_and_failures(store_url: str) -> None:
    with open_store(store_url) as store:
        run = store.start_run("ingest", ["a", "b"])
        store.add_failure("b", "binary data, not text", run_id=run)
        store.finish_run(run, articles=1, duplicates=0, failures=1)
        fails = store.failures()
        assert fails[0]["input"] == "b" and fails[0]["reason"] == "binary data, not text" and fails[0]["run_id"] == run
        assert store.stats()["runs"] == 1


def test_store_reopen_keeps_data_and_schema_version(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([article(1)])
    with open_store(store_url) as store:
        assert store.get_article("art-1") is not None
        with store.engine.connect() as conn:
            assert current_version(conn) == s.SCHEMA_VERSION


def test_store_iter_articles_pages_through_everything(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([article(i) for i in range(7)])
        assert [a.id for a in store.iter_articles(batch_size=3)] == sorted(f"art-{i}" for i in range(7))


def test_store_get_by_unique_prefix(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([article(1).model_copy(update={"id": "abcdef123456"})])
        got = store.get_article("abcdef12")
        assert got is not None and got.id == "abcdef123456"
        assert store.get_article("zzzzzzzz") is None


def test_store_refuses_newer_schema(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(insert(s.schema_version).values(version=s.SCHEMA_VERSION + 5, applied_at="x"))
    with pytest.raises(StoreError, match="newer than this dateline"):
        open_store(store_url)


def test_store_migrates_an_empty_database(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    with open_store(str(path)) as store, store.engine.connect() as conn:
        assert current_version(conn) == s.SCHEMA_VERSION
        assert conn.execute(text("select count(*) from articles")).scalar() == 0


def test_store_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(tmp_path / "absent.db"), create=False)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "folder" / "x.db"))


def test_store_sqlite_uses_wal(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store, store.engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
