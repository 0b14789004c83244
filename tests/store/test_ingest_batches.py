"""Ingest in batches: full-text index in step with the articles, events merged across batches
(by day, by span, by long span), and the indexes the merge look-ups rely on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dateline.errors import StoreError
from dateline.model import Article, Event, Location, Participant, Source, Span, text_hash
from dateline.store import bulk, open_store
from dateline.store import schema as s
from dateline.store.migrations import migrate

WORDS = ["harbour", "granary", "ferry", "quarry", "orchard", "tannery", "lighthouse", "vineyard"]


def article(i: int, *, events: list[Event] | None = None, source: str | None = None) -> Article:
    body = (f"Officials in district {i} said the {WORDS[i % len(WORDS)]} reopened on Monday after repairs "
            f"costing {i * 13} thousand, and that marker{i}x would be checked again within {i % 9 + 2} weeks.")
    return Article(id=f"art-{i:04d}", text=body, title=f"Report {i}", published="2021-05-04",
                   content_hash=text_hash(body), source=Source(name=source), events=events or [])


def event(eid: str, date: str, *, enddate: str | None = None, modality: str = "asserted",
          loc: Location | None = None) -> Event:
    return Event(id=eid, type="ASSAULT", modality=modality, date=date, enddate=enddate,
                 actor=[Participant(text="KEN", country="KEN")], recipient=[Participant(text="REB", code="REB")],
                 location=loc, evidence=Span(text="x", start=0, end=1))


def fts_in_sync(db: str) -> None:
    """FTS5's own check that the index holds exactly the articles' title and text."""
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()


def test_ingest_full_text_in_step_after_batches_and_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "_max_bound", lambda dialect: 16 * 7)  # 7 articles a statement: chunks too
    db = str(tmp_path / "fts.db")
    batches = [[article(i) for i in range(k, k + 20)] for k in (0, 20, 40)]
    with open_store(db) as store:
        for batch in batches:
            assert store.add_articles(batch) == (20, 0)
        fts_in_sync(db)
        for i in (0, 19, 20, 33, 59):
            assert [r["id"] for r in store.search_articles(f"marker{i}x")] == [f"art-{i:04d}"]
        assert len(store.search_articles("reopened", limit=100)) == 60
        # the same batches again: all duplicates, the index unchanged
        for batch in batches:
            assert store.add_articles(batch) == (0, 20)
        assert store.add_articles([article(60), article(5)]) == (1, 1)
        fts_in_sync(db)
        assert len(store.search_articles("reopened", limit=100)) == 61
        assert [r["id"] for r in store.search_articles("marker60x")] == ["art-0060"]


def test_ingest_failed_batch_leaves_full_text_and_tables_unchanged(tmp_path: Path) -> None:
    db = str(tmp_path / "rollback.db")
    with open_store(db) as store:
        store.add_articles([article(1, events=[event("taken", "2021-05-04")])])
        # an event id stored already: the batch fails at the events, after its articles went in
        with pytest.raises(StoreError):
            store.add_articles([article(2), article(3, events=[event("taken", "2021-05-05")])])
        assert store.stats()["articles"] == 1
        assert store.search_articles("marker2x") == [] and store.search_articles("marker3x") == []
        fts_in_sync(db)
        assert store.add_articles([article(2), article(3)]) == (2, 0)
        assert [r["id"] for r in store.search_articles("marker3x")] == ["art-0003"]
        fts_in_sync(db)


def test_ingest_events_merge_across_batches(store_url: str) -> None:
    near = Location(name="Nakuru", country="KEN", lat=-0.28, lon=36.07)
    far = Location(name="Mombasa", country="KEN", lat=-4.04, lon=39.67)
    with open_store(store_url) as store:
        store.add_articles([
            article(1, source="A", events=[event("d1", "2021-05-04", loc=near), event("d2", "2021-05-05")]),
            article(2, source="B", events=[event("w1", "2021-W20")]),  # 2021-05-17..23
            article(10, source="H", events=[event("w2", "2021-W30-2")]),  # 2021-07-26..08-01, 10 chars
            article(3, source="C", events=[event("y1", "2019-03-02")]),
        ])
        # a later batch: each event finds its merged event by day, by span or by long span
        store.add_articles([
            article(4, source="B", events=[event("d1b", "2021-05-04"),  # day -> stored day
                                           event("d1far", "2021-05-04", loc=far)]),  # too far: new
            article(5, source="C", events=[event("w1b", "2021-05-19")]),  # day -> stored week, sharpens it
            article(6, source="D", events=[event("m1", "2021-05")]),  # month -> stored days (first found)
            article(7, source="E", events=[event("long", "2019-01", enddate="2020-12")]),  # wide span
            article(8, source="F", events=[event("neg", "2021-05-04", modality="negated")]),  # never merges
        ])
        store.add_articles([article(9, source="G", events=[event("w1c", "2021-05-19")]),  # the sharpened day
                            article(11, source="I", events=[event("w2b", "2021-07-29")])])  # in 2021-W30
        merged = store.merged_events(limit=50)
    by_first = {m["first_article_id"] + ":" + m["date"]: m for m in merged}
    counts = {k: (m["num_mentions"], m["num_sources"]) for k, m in by_first.items()}
    assert counts["art-0001:2021-05-04"][0] in (2, 3)  # d1, d1b (+ m1 when it joined this one)
    assert counts["art-0002:2021-05-19"] == (3, 3)  # w1, w1b, w1c: sharpened from 2021-W20
    assert counts["art-0003:2019-03-02"] == (2, 2)  # y1 and the 2019-01..2020-12 report
    assert counts["art-0004:2021-05-04"] == (1, 1)  # 400 km away
    assert counts["art-0010:2021-07-29"] == (2, 2)  # w2 (a week written with a weekday) and w2b
    assert counts["art-0008:2021-05-04"] == (1, 1)  # the denial
    month = counts["art-0001:2021-05-04"][0] + counts["art-0001:2021-05-05"][0]
    assert month == 4  # d1, d1b, d2, and the month report joined one of the two days
    assert sum(n for n, _ in counts.values()) == 13 and len(merged) == 7


def test_ingest_merge_lookups_use_their_indexes(tmp_path: Path) -> None:
    db = str(tmp_path / "plan.db")
    with open_store(db) as store:
        dialect = store.engine.dialect
    columns = ("id", "key", "date")
    pairs_sql = bulk._select_pairs_sql(s.merged_events, columns, ("key", "date"), 2, dialect)
    span_sql = bulk._select_in_sql(s.merged_events, columns, "key", 2, s.MERGED_SPAN_SQL, "ix_merged_key_span",
                                   dialect)
    con = sqlite3.connect(db)
    plans = [" ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, ("a", "b", "c", "d")[:n]))
             for sql, n in ((pairs_sql, 4), (span_sql, 2))]
    con.close()
    assert "USING INDEX ix_merged_key_date (key=? AND date=?)" in plans[0]
    assert "USING INDEX ix_merged_key_span (key=?)" in plans[1]


def test_ingest_migration_v5_replaces_the_merged_key_index(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        migrate(conn, "sqlite", target=4)
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_merged_key ON merged_events (key)"))  # as v4 had
    engine.dispose()
    with open_store(str(db)) as store:
        store.add_articles([article(1, events=[event("a", "2021-05-04")])])
        store.add_articles([article(2, events=[event("b", "2021-05-04")])])
        assert store.merged_events()[0]["num_mentions"] == 2
    con = sqlite3.connect(db)
    names = {r[1] for r in con.execute("PRAGMA index_list(merged_events)")}
    con.close()
    assert {"ix_merged_key_date", "ix_merged_key_span"} <= names and "ix_merged_key" not in names


PARAGRAPHS = [
    ("The river authority said on Friday that water levels at the northern dam had fallen to their lowest "
    "point in twenty years after a dry winter and an early heat wave across the plateau towns."),
    ("Engineers began releasing less water downstream on Thursday night, and farmers in the lower valley were "
    "told to expect cuts to irrigation for at least six weeks while the reservoir slowly recovers."),
    ("The regional governor called an emergency meeting with mayors of eleven districts and asked residents "
    "to stop washing cars and watering gardens until the authority lifts its warning next month."),
    ("Fishermen on the lake complained that boats were stranded on mud banks near the old harbour, and "
    "several cooperatives asked the ministry for compensation for lost catches during the spring season."),
    ("Meteorologists expect the first autumn rains in late September, although forecasters warned that a "
    "second dry year in a row could force the authority to ration drinking water in the largest cities."),
]


def story_copy(aid: str, parts: list[int], published: str) -> Article:
    body = "\n\n".join(PARAGRAPHS[i] for i in parts)
    return Article(id=aid, text=body, title=aid, published=published, content_hash=text_hash(body))


@pytest.mark.parametrize("together", [False, True])
def test_ingest_fuller_copy_joins_two_stories_cut_differently(store_url: str, together: bool) -> None:
    head = story_copy("cut-head", [0, 1], "2021-06-02")  # the first two paragraphs
    tail = story_copy("cut-tail", [0, 3, 4], "2021-06-01T08:00:00+00:00")  # the first and the last two
    full = story_copy("full", [0, 1, 2, 3, 4], "2021-06-03")
    with open_store(store_url) as store:
        if together:
            assert store.add_articles([head, tail, full]) == (3, 0)
        else:
            store.add_articles([head])
            store.add_articles([tail])
            assert store.get_article("cut-tail").story_id != store.get_article("cut-head").story_id
            store.add_articles([full])
        stories = {store.get_article(x).story_id for x in ("cut-head", "cut-tail", "full")}
        assert len(stories) == 1
        rows = store.stories()
        assert len(rows) == 1 and rows[0]["id"] in stories
        assert rows[0]["num_articles"] == 3 and rows[0]["original_id"] == "cut-tail"  # the earliest published
        store.add_articles([story_copy("again", [0, 1, 2], "2021-06-04")])
        assert store.get_article("again").story_id in stories and store.stories()[0]["num_articles"] == 4
