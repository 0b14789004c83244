"""Schema v6: an article's text and events are stored once and put back on reading; a v5
file (records with the text and events in them, merged events with a record, story keys in a
rowid table) migrates and reads the same."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from dateline.model import (
    Article,
    Entity,
    Event,
    Participant,
    Source,
    Span,
    TimeExpression,
    text_hash,
)
from dateline.store import open_store

STORY = (
    "Government troops and rebel fighters agreed on Sunday to a three-day truce around the "
    "northern town of Karesi, a regional mediator said, after a week in which shelling closed the "
    "main market and cut the water supply to the hospital. The mediator said both commanders had "
    "signed the text at a meeting in the capital and that observers would travel to the town on "
    "Monday. Residents said the guns had fallen silent by the evening but that many families were "
    "still sleeping in the church and the school for fear that the fighting would resume."
)


def article(i: str, text: str = STORY, *, n_events: int = 3) -> Article:
    events = [
        Event(id=f"{i}-e{j}", type=("AGREE", "ASSAULT", "CONSULT")[j % 3], modality="asserted",
              date=f"2022-03-{10 + j:02d}", actor=[Participant(text="troops", country="KRS")],
              recipient=[Participant(text="rebels", code="KRSREB")],
              evidence=Span(text=text[:20], start=0, end=20), quad_code=1 + j % 4, event_scale=2.5)
        for j in range(n_events)
    ]
    return Article(
        id=i, text=text, title=f"Truce {i}", published="2022-03-13T09:00:00+00:00", language="en",
        source=Source(name=f"Agency {i}"), content_hash=text_hash(text), analysis={"dateline": "test"},
        entities=[Entity(text="Karesi", start=73, end=79, label="GPE")],
        times=[TimeExpression(text="Sunday", start=47, end=53, type="DATE", value="2022-03-13")],
        events=events,
    )


def whole(a: Article | None) -> dict:
    """The record as JSON data, without the ``story_id`` the store adds when reading."""
    assert a is not None
    data = json.loads(a.to_json())
    data.pop("story_id", None)
    return data


def test_stored_record_leaves_out_text_and_events_and_reads_back_whole(store_url: str) -> None:
    originals = [article("a1"), article("a2", STORY + " Talks resume next week.", n_events=0),
                 article("a3", "A short unrelated note about a football match in the port city.", n_events=1)]
    with open_store(store_url) as store:
        store.add_articles(originals)
        with store.transaction() as conn:
            from sqlalchemy import select

            from dateline.store import schema as s

            stored = dict(conn.execute(select(s.articles.c.id, s.articles.c.record)).all())
        for a in originals:
            record = json.loads(stored[a.id])
            assert "text" not in record and "events" not in record
            assert record["entities"][0]["text"] == "Karesi"
            assert whole(store.get_article(a.id)) == whole(a)
        assert [x.to_json() for x in store.iter_articles(batch_size=2)] == [a.to_json() for a in originals]


def _as_v5(path: Path) -> None:
    """Turn a v6 file back into what schema v5 wrote: whole records, merged events with a copy of
    the first event's record, story keys in a rowid table, no version 6 row."""
    con = sqlite3.connect(path)
    for aid, record, text in con.execute("select id, record, text from articles").fetchall():
        data = json.loads(record)
        data["text"] = text
        data["events"] = [json.loads(r) for (r,) in con.execute(
            "select record from events where article_id = ? order by idx", (aid,))]
        full = Article.model_validate(data).to_json()
        con.execute("update articles set record = ? where id = ?", (full, aid))
    con.execute("alter table merged_events add column record text not null default ''")
    con.execute("update merged_events set record = (select e.record from events e where e.merged_id = merged_events.id)")
    con.executescript(
        "create table story_keys_old as select * from story_keys; drop table story_keys; "
        "create table story_keys (key varchar(40) not null, article_id varchar(200) not null, "
        "primary key (key, article_id), foreign key(article_id) references articles (id) on delete cascade); "
        "insert into story_keys select * from story_keys_old; drop table story_keys_old; "
        "delete from schema_version where version = 6;"
    )
    con.commit()
    con.close()


def test_store_migrates_v5_file_to_v6(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    first = article("old")
    with open_store(str(path)) as store:
        store.add_articles([first])
    _as_v5(path)
    con = sqlite3.connect(path)
    keys_before = sorted(con.execute("select key, article_id from story_keys").fetchall())
    assert "text" in json.loads(con.execute("select record from articles").fetchone()[0])
    con.close()

    with open_store(str(path)) as store:
        assert whole(store.get_article("old")) == whole(first)  # a v5 record reads as it is
        added, _ = store.add_articles([article("copy", STORY + " The truce was holding on Tuesday.")])
        assert added == 1
        copy = store.get_article("copy")
        assert copy is not None and copy.story_id == "old"  # the v5 story keys still find the story
        merged = {m["date"]: m for m in store.merged_events()}
        assert merged["2022-03-10"]["num_sources"] == 2
        assert "record" not in merged["2022-03-10"]

    con = sqlite3.connect(path)
    assert "record" not in {r[1] for r in con.execute("pragma table_info(merged_events)")}
    ddl = con.execute("select sql from sqlite_master where name = 'story_keys'").fetchone()[0]
    assert "WITHOUT ROWID" in ddl.upper()
    assert set(keys_before) <= set(con.execute("select key, article_id from story_keys").fetchall())
    assert max(v for (v,) in con.execute("select version from schema_version")) == 6
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index' and tbl_name = 'merged_events'")}
    assert {"ix_merged_key_date", "ix_merged_key_span", "ix_merged_dyad_date"} <= indexes  # rebuilt with the table
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert con.execute("pragma foreign_key_check").fetchall() == []
    con.close()


def test_v6_drops_the_merged_record_column_on_either_database(store_url: str) -> None:
    from sqlalchemy import inspect, text

    with open_store(store_url) as store:
        store.add_articles([article("first")])
        with store.transaction() as conn:  # as v5 left it: a record column, version 5
            conn.execute(text("ALTER TABLE merged_events ADD COLUMN record TEXT NOT NULL DEFAULT ''"))
            conn.execute(text("DELETE FROM schema_version WHERE version = 6"))
    with open_store(store_url) as store:
        with store.transaction() as conn:
            assert "record" not in {c["name"] for c in inspect(conn).get_columns("merged_events")}
        store.add_articles([article("second", STORY + " Observers arrived on Monday.")])
        assert {m["num_sources"] for m in store.merged_events()} == {2}
