"""The events query (one ordered query per side of a country or dyad filter, the page joined
with its articles afterwards) gives exactly the rows of the plain query it replaced."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, inspect, or_, select

from dateline.store import open_store
from dateline.store import schema as s
from dateline.store.migrations import current_version, migrate
from dateline.store.query import SORTABLE, EventQuery, event_statement
from dateline.store.store import Store

COUNTRIES = ["IRQ", "SYR", "TUR", "IRN", None]
TYPES = ["CONSULT", "ACCUSE", "ASSAULT", "AID"]
PLACES = [("Mosul", "IRQ"), ("Aleppo", "SYR"), ("Ankara", "TUR"), (None, None)]


def _fill(store: Store, n: int = 240) -> None:
    """Events with many ties (eight days), missing dates, scores and countries, events within
    one country, and an underscore and a percent sign in the evidence."""
    rng = random.Random(4)
    articles = [{"id": f"art-{i:02d}", "title": f"Report {i}", "url": f"https://example.org/{i}",
                 "text": "x", "content_hash": f"h{i}", "ingested_at": "2024-01-01", "record": "{}"}
                for i in range(30)]
    events = []
    for i in range(n):
        a, b = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
        place = rng.choice(PLACES)
        events.append({
            "id": f"ev-{rng.randrange(10**6):06d}-{i}", "article_id": f"art-{i % 30:02d}", "idx": i,
            "type": rng.choice(TYPES), "modality": rng.choice(["asserted", "negated"]),
            "actor_id": f"{(a or 'xx').lower()}-gov", "actor_country": a, "actor_code": f"{a or 'UNK'}GOV",
            "recipient_id": None, "recipient_country": b, "recipient_code": b,
            "date": None if i % 17 == 0 else f"2024-03-{rng.randrange(1, 9):02d}",
            "location_name": place[0], "location_country": place[1], "lat": 1.5, "lon": 2.25,
            "evidence": rng.choice(["Troops shelled the town.", "Envoys met for talks.",
                                    "A 50% cut in aid_funds was agreed."]),
            "event_scale": None if i % 11 == 0 else rng.choice([-10.0, -2.5, 0.0, 3.4, 7.0]),
            "record": "{}",
        })
    with store.transaction() as conn:
        conn.execute(insert(s.articles), articles)
        conn.execute(insert(s.events), events)


def _plain(store: Store, q: EventQuery) -> list[dict[str, Any]]:
    """The query as it was written before: every filter in one WHERE, sorted, limited."""
    e = s.events
    conds: list[Any] = []
    if q.actor:
        like = _escape(q.actor.upper()) + "%"
        conds.append(or_(e.c.actor_id == q.actor, e.c.recipient_id == q.actor,
                         func.upper(e.c.actor_code).like(like, escape="\\"),
                         func.upper(e.c.recipient_code).like(like, escape="\\")))
    if q.country:
        conds.append(or_(e.c.actor_country == q.country, e.c.recipient_country == q.country))
    if q.dyad:
        a, b = q.dyad
        conds.append(or_(and_(e.c.actor_country == a, e.c.recipient_country == b),
                         and_(e.c.actor_country == b, e.c.recipient_country == a)))
    if q.type:
        conds.append(e.c.type == q.type)
    if q.since:
        conds.append(e.c.date >= q.since)
    if q.until:
        conds.append(e.c.date <= q.until + "\uffff")
    if q.place:
        conds.append(or_(func.lower(e.c.location_name) == q.place.lower(), e.c.location_country == q.place.upper()))
    if q.text:
        conds.append(func.lower(e.c.evidence).like("%" + _escape(q.text.lower()) + "%", escape="\\"))
    order = getattr(e.c, q.sort)
    stmt = (select(*[c for c in e.c if c.name != "record"], s.articles.c.title.label("article_title"),
                   s.articles.c.url.label("article_url"))
            .outerjoin(s.articles, s.articles.c.id == e.c.article_id).where(*conds)
            .order_by(order.desc() if q.descending else order.asc(), e.c.id).limit(q.limit).offset(q.offset))
    with store.transaction() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _queries() -> list[EventQuery]:
    filters: list[dict[str, Any]] = [
        {}, {"country": "IRQ"}, {"country": "TUR", "type": "ACCUSE"}, {"dyad": ("IRQ", "SYR")},
        {"dyad": ("SYR", "IRQ"), "since": "2024-03-03"}, {"dyad": ("IRQ", "IRQ")},
        {"dyad": ("IRQ", "SYR"), "country": "SYR"}, {"dyad": ("TUR", "IRN"), "country": "IRQ"},
        {"country": "IRN", "until": "2024-03-04", "text": "talks"}, {"actor": "irq-gov"},
        {"actor": "TURGOV", "country": "IRQ"}, {"place": "mosul"}, {"place": "SYR", "dyad": ("SYR", "TUR")},
        {"text": "50%"}, {"text": "aid_"}, {"country": "XXX"},
    ]
    pages = [{"limit": 1}, {"limit": 7, "offset": 3}, {"limit": 50}, {"limit": 10, "offset": 40}]
    out = []
    for i, f in enumerate(filters):
        for j, page in enumerate(pages):
            sort = SORTABLE[(i + j) % len(SORTABLE)]
            out.append(EventQuery(**f, **page, sort=sort, descending=(i + j) % 3 != 0))
    return out


def test_event_query_gives_the_rows_of_the_plain_query(store_url: str) -> None:
    with open_store(store_url) as store:
        _fill(store)
        matched = 0
        for q in _queries():
            expected = _plain(store, q)
            assert store.query_events(q) == expected, q
            matched += bool(expected)
        assert matched > 40  # most of the queries find something


def test_event_query_country_reads_each_side_in_date_order(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "plan.db")) as store:
        _fill(store)
        stmt, values = event_statement(EventQuery(country="IRQ", limit=20, offset=100))
        compiled = stmt.compile(dialect=store.engine.dialect)
        params = [values.get(k, compiled.params.get(k)) for k in compiled.positiontup or []]
        with store.transaction() as conn:
            plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), tuple(params)))
    assert "USING INDEX ix_events_actor_date (actor_country=?)" in plan
    assert "USING INDEX ix_events_recipient_date (recipient_country=?)" in plan
    assert "SCAN events" not in plan and "MULTI-INDEX OR" not in plan


def test_event_query_statement_is_built_once_a_shape(tmp_path: Path) -> None:
    one, first = event_statement(EventQuery(dyad=("IRQ", "SYR"), type="AID"))
    two, second = event_statement(EventQuery(dyad=("TUR", "IRN"), type="ACCUSE", limit=9))
    assert one is two
    assert (first["dyad_a"], first["type"], second["dyad_a"], second["limit"]) == ("IRQ", "AID", "TUR", 9)
    assert event_statement(EventQuery(dyad=("IRQ", "SYR"), sort="id"))[0] is not one


def test_store_migration_v4_adds_the_actor_date_index(store_url: str, tmp_path: Path) -> None:
    if store_url.startswith("postgresql"):
        with open_store(store_url) as store, store.transaction() as conn:
            conn.exec_driver_sql("DROP INDEX ix_events_actor_date")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 4")
    else:
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{store_url}")
        with engine.begin() as conn:
            migrate(conn, "sqlite", target=3)
        engine.dispose()
        con = sqlite3.connect(store_url)
        con.execute("DROP INDEX ix_events_actor_date")  # as a v3 database really was
        con.commit()
        con.close()
    with open_store(store_url) as store, store.transaction() as conn:
        assert current_version(conn) == s.SCHEMA_VERSION
        indexes = {ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("events")}
    assert indexes["ix_events_actor_date"] == ["actor_country", "date"]
