"""One store interface over SQLite (default, one file) and PostgreSQL (shared and server use)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import orjson
from sqlalchemy import Engine, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from .. import collector
from ..errors import StoreError
from ..model import Article, Event
from . import schema as s
from .bulk import insert_rows, select_in
from .migrations import current_version, migrate
from .query import EventQuery

__all__ = ["Store", "normalise_url", "open_store"]


def normalise_url(url: str) -> str:
    """A path or URL -> a SQLAlchemy URL (``x.db`` -> ``sqlite:///x.db``; psycopg for PostgreSQL)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser()}"


def open_store(url: str = "dateline.db", *, create: bool = True, timeout: float = 30.0) -> Store:
    """Open (and create or migrate) a store.

    Args:
        url: a SQLite path (``dateline.db``), ``sqlite:///...`` or ``postgresql://...``.
        create: create the schema when missing (else a missing SQLite file is an error).
        timeout: seconds to wait for a lock held by another writer before giving up.
    """
    return Store(url, create=create, timeout=timeout)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Articles, what was found in them, failures and runs, in one database."""

    def __init__(self, url: str, *, create: bool = True, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.url = normalise_url(url)
        self.dialect = self.url.split(":", 1)[0].split("+")[0]
        if self.dialect == "sqlite":
            path = self.url.removeprefix("sqlite:///").split("?", 1)[0].removeprefix("file:")
            if not create and not Path(path).exists():
                raise StoreError(f"{path}: no such database (run `dateline ingest` first)")
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise StoreError(f"{path}: the folder {Path(path).parent} does not exist")
        self.engine = self._engine()
        try:
            with self.engine.begin() as conn:
                if self._writable_sqlite and current_version(conn) < s.SCHEMA_VERSION:
                    # one opener of a new or old file migrates; others wait, then find it done
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                migrate(conn, self.dialect)
        except (OperationalError, DBAPIError) as e:
            self.engine.dispose()
            raise StoreError(f"cannot open store {self.display_url}: {_reason(e)}") from e
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def display_url(self) -> str:
        """The URL without a password."""
        return self.engine.url.render_as_string(hide_password=True)

    def _engine(self) -> Engine:
        if self.dialect == "sqlite":
            engine = create_engine(self.url, connect_args={"timeout": self.timeout})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: Any, _record: Any) -> None:
                cur = dbapi_conn.cursor()
                if "mode=ro" not in self.url:
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                # 32 MiB of page cache (SQLite's default is 2 MiB): a batch's index pages stay in
                # memory until its commit instead of being written to the WAL more than once
                cur.execute("PRAGMA cache_size=-32768")
                # a checkpoint (copy of the WAL into the file, two fsyncs) per 64 MiB of WAL instead
                # of per 4 MiB, that is every few ingest batches rather than at each; the WAL file
                # is cut back to 64 MiB after it
                cur.execute("PRAGMA wal_autocheckpoint=16384")
                cur.execute("PRAGMA journal_size_limit=67108864")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
                cur.close()

            return engine
        try:
            return create_engine(self.url, pool_pre_ping=True)
        except (ImportError, SQLAlchemyError) as e:
            raise StoreError(f"cannot use store {self.url}: {e}") from e

    @property
    def _writable_sqlite(self) -> bool:
        return self.dialect == "sqlite" and "mode=ro" not in self.url

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Connection]:
        """A transaction; database errors become :class:`StoreError` with the reason.

        ``write`` takes SQLite's write lock at the start (``BEGIN IMMEDIATE``): what the
        transaction reads cannot change before it writes, and a concurrent writer waits for it
        (up to the timeout) instead of failing when it upgrades its read to a write.
        """
        try:
            with self.engine.begin() as conn:
                if write and self._writable_sqlite:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        except (OperationalError, DBAPIError) as e:
            raise StoreError(f"store {self.display_url}: {_reason(e)}") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs and failures
    def start_run(self, command: str, inputs: list[str]) -> int:
        with self.transaction() as conn:
            res = conn.execute(
                insert(s.runs).values(
                    command=command, inputs=json.dumps(inputs), started_at=_now(),
                    articles=0, duplicates=0, failures=0,
                )
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]  # always set by an INSERT

    def finish_run(self, run_id: int, *, articles: int, duplicates: int, failures: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(s.runs).where(s.runs.c.id == run_id).values(
                    finished_at=_now(), articles=articles, duplicates=duplicates, failures=failures
                )
            )

    def add_failure(self, input: str, reason: str, *, run_id: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute(insert(s.failures).values(run_id=run_id, input=input, reason=reason, at=_now()))

    # -- articles
    def add_articles(self, articles: Iterable[Article], *, run_id: int | None = None) -> tuple[int, int]:
        """Store a batch in one transaction; an article already stored (same id or same
        content) is skipped. Returns (added, duplicates)."""
        batch = list(articles)
        if not batch:
            return 0, 0
        with collector.paused(), self.transaction(write=True) as conn:
            ids = [a.id for a in batch]
            hashes = [a.content_hash for a in batch if a.content_hash]
            seen_ids = {r[0] for r in select_in(conn, s.articles, ("id",), "id", ids)}
            seen_hashes = {r[0] for r in select_in(conn, s.articles, ("content_hash",), "content_hash", hashes)}
            fresh: list[Article] = []
            for a in batch:
                h = a.content_hash or a.id
                if a.id in seen_ids or h in seen_hashes:
                    continue
                seen_ids.add(a.id)
                seen_hashes.add(h)
                fresh.append(a)
            if fresh:
                self._insert(conn, fresh, run_id)
        return len(fresh), len(batch) - len(fresh)

    def _insert(self, conn: Connection, batch: list[Article], run_id: int | None) -> None:
        from .linking import link_stories, merge_events, recount, save_stories
        from .rows import child_rows, event_rows

        now = _now()
        links = link_stories(conn, batch)  # reads only, so that articles go in with their story
        insert_rows(
            conn,
            s.articles,
            [
                {
                    "id": a.id, "input": a.input, "url": a.url, "title": a.title,
                    "published": a.published,
                    "published_day": a.published[:10] if a.published else None,
                    "language": a.language, "source_name": a.source.name,
                    "source_place": a.source.place, "source_via": json.dumps(a.source.via),
                    "text": a.text, "content_hash": a.content_hash or a.id,
                    "story_id": links.story_of[a.id], "run_id": run_id,
                    "ingested_at": now, "record": a.model_dump_json(exclude=STORED_APART),
                }
                for a in batch
            ],
            one_statement=True,  # one FTS5 flush a batch, not one an article (bulk.insert_rows)
        )
        for table, rows in child_rows(batch).items():
            insert_rows(conn, table, rows)
        rows = event_rows(batch)
        joined = merge_events(conn, rows, [ev for a in batch for ev in a.events], batch)
        insert_rows(conn, s.events, rows)
        recount(conn, joined)
        save_stories(conn, batch, links)

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 6 characters, with its ``story_id``."""
        cols = (s.articles.c.id, s.articles.c.record, s.articles.c.text, s.articles.c.story_id)
        with self.transaction() as conn:
            row = conn.execute(select(*cols).where(s.articles.c.id == article_id)).first()
            if row is None and len(article_id) >= 6:
                found = conn.execute(
                    select(*cols).where(s.articles.c.id.startswith(article_id, autoescape=True)).limit(2)
                ).all()
                row = found[0] if len(found) == 1 else None
            if row is None:
                return None
            events = _event_records(conn, [row.id])
        article = _article(row.record, row.text, events.get(row.id, []))
        article.story_id = row.story_id  # type: ignore[attr-defined]
        return article

    def search_articles(self, words: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text has all the words (SQLite FTS5 / PostgreSQL full text)."""
        terms = [w for w in re.findall(r"\w+", words) if w]
        if not terms:
            return []
        a = s.articles
        cols = (a.c.id, a.c.title, a.c.published, a.c.source_name, a.c.story_id)
        with self.transaction() as conn:
            if self.dialect == "sqlite":
                match = " ".join(f'"{t}"' for t in terms)
                stmt = text(
                    "SELECT a.id, a.title, a.published, a.source_name, a.story_id, "
                    "snippet(articles_fts, 1, '[', ']', ' ... ', 12) AS snippet "
                    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                    "WHERE articles_fts MATCH :match ORDER BY rank LIMIT :limit"
                )
                rows = conn.execute(stmt, {"match": match, "limit": limit}).all()
            else:
                doc = func.to_tsvector("english", func.coalesce(a.c.title, "") + " " + a.c.text)
                tsq = func.plainto_tsquery("english", " ".join(terms))
                snippet = func.ts_headline("english", a.c.text, tsq, "StartSel=[,StopSel=],MaxWords=24,MinWords=8")
                rows = conn.execute(
                    select(*cols, snippet.label("snippet")).where(doc.op("@@")(tsq))
                    .order_by(func.ts_rank(doc, tsq).desc()).limit(limit)
                ).all()
        return [dict(r._mapping) for r in rows]

    def stories(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Stories with more than one copy, largest first."""
        with self.transaction() as conn:
            rows = conn.execute(
                select(s.stories).where(s.stories.c.num_articles > 1)
                .order_by(s.stories.c.num_articles.desc(), s.stories.c.id).limit(limit)
            ).all()
        return [dict(r._mapping) for r in rows]

    def merged_events(self, *, limit: int = 100, min_sources: int = 1) -> list[dict[str, Any]]:
        """Merged events (one per real event) with their NumMentions/NumArticles/NumSources."""
        m = s.merged_events
        with self.transaction() as conn:
            rows = conn.execute(
                select(m).where(m.c.num_sources >= min_sources)
                .order_by(m.c.num_sources.desc(), m.c.date.desc(), m.c.id).limit(limit)
            ).all()
        return [{k: v for k, v in r._mapping.items() if k != "record"} for r in rows]

    def get_event(self, event_id: str) -> Event | None:
        """An event by id, with its article's id as ``article_id``."""
        with self.transaction() as conn:
            row = conn.execute(
                select(s.events.c.record, s.events.c.article_id).where(s.events.c.id == event_id)
            ).first()
        if row is None:
            return None
        event = Event.from_json(row.record)
        event.article_id = row.article_id  # type: ignore[attr-defined]
        return event

    def query_events(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events matching a query, newest first by default, as row dicts without the JSON record."""
        from .query import event_statement

        stmt, values = event_statement(query)
        with self.transaction() as conn:
            result = conn.execute(stmt, values)
            names = result.keys()
            keys = [str(k) for k in names]  # plain str (not quoted_name); no JSON record
            return [dict(zip(keys, row, strict=True)) for row in result.all()]

    def dyad_timeline(
        self, a: str, b: str, *, since: str | None = None, until: str | None = None, merged: bool = True
    ) -> list[dict[str, Any]]:
        """Per day: events between countries ``a`` and ``b`` (either direction), by quad class,
        with the mean PLOVER score; asserted and historical events only (what happened).

        Reads merged events (one per real event) by default, every mention with ``merged=False``.
        """
        t = s.merged_events if merged else s.events
        a, b = a.upper(), b.upper()
        conds: list[Any] = [
            ((t.c.actor_country == a) & (t.c.recipient_country == b))
            | ((t.c.actor_country == b) & (t.c.recipient_country == a)),
            t.c.modality.in_(("asserted", "historical")),
            t.c.date.is_not(None),
        ]
        if since:
            conds.append(t.c.date >= since)
        if until:
            conds.append(t.c.date <= until + "\uffff")
        day = func.substr(t.c.date, 1, 10)
        stmt = (
            select(day.label("day"), t.c.quad_code, func.count().label("n"), func.avg(t.c.event_scale).label("score"))
            .where(*conds).group_by(day, t.c.quad_code).order_by(day)
        )
        with self.transaction() as conn:
            rows = conn.execute(stmt).all()
        return [dict(r._mapping) for r in rows]

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in id order, without holding them all."""
        last = ""
        while True:
            with self.transaction() as conn:
                recs = conn.execute(
                    select(s.articles.c.id, s.articles.c.record, s.articles.c.text)
                    .where(s.articles.c.id > last).order_by(s.articles.c.id).limit(batch_size)
                ).all()
                events = _event_records(conn, [r.id for r in recs])
            if not recs:
                return
            for row in recs:
                yield _article(row.record, row.text, events.get(row.id, []))
            last = recs[-1].id

    def failures(self, *, limit: int = 100) -> list[dict[str, Any]]:
        with self.transaction() as conn:
            rows = conn.execute(select(s.failures).order_by(s.failures.c.id.desc()).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts of everything stored, events by type and modality, and the date range."""
        out: dict[str, Any] = {}
        with self.transaction() as conn:
            for name, table in [
                ("articles", s.articles), ("entities", s.entities), ("actors", s.article_actors),
                ("places", s.places), ("times", s.times), ("statements", s.statements),
                ("events", s.events), ("failures", s.failures), ("runs", s.runs),
            ]:
                out[name] = conn.scalar(select(func.count()).select_from(table)) or 0
            out["events_by_type"] = dict(
                conn.execute(select(s.events.c.type, func.count()).group_by(s.events.c.type).order_by(s.events.c.type)).all()
            )
            out["events_by_modality"] = dict(
                conn.execute(select(s.events.c.modality, func.count()).group_by(s.events.c.modality)).all()
            )
            first, last = conn.execute(
                select(func.min(s.articles.c.published_day), func.max(s.articles.c.published_day))
            ).one()
            out["published"] = [first, last]
        return out


# An article's text and events are stored once, in their own columns and rows; its record
# (articles.record) holds the rest, and reading puts them back (records stored before
# schema v6 hold them too and are read as they are).
STORED_APART: set[str] = {"text", "events"}


def _event_records(conn: Connection, article_ids: list[str]) -> dict[str, list[str]]:
    """The event records (JSON) of articles, each article's in order."""
    out: dict[str, list[str]] = defaultdict(list)
    rows = sorted(select_in(conn, s.events, ("article_id", "idx", "record"), "article_id", article_ids))
    for article_id, _, record in rows:
        out[article_id].append(record)
    return out


def _article(record: str, text: str, events: list[str]) -> Article:
    """An article from its stored record, with the text and the events stored apart put back."""
    data = orjson.loads(record)
    if "text" not in data:
        data["text"] = text
    if "events" not in data:
        data["events"] = [orjson.loads(e) for e in events]
    return Article.model_validate(data)


def _reason(e: Exception) -> str:
    msg = str(getattr(e, "orig", e) or e).strip().splitlines()[0]
    low = msg.lower()
    if "locked" in low:
        return f"{msg} (another process is writing; try again when it is done)"
    if "readonly" in low or "read-only" in low:
        return f"{msg} (the database file or its folder is read-only)"
    if "disk" in low and "full" in low:
        return f"{msg} (free some disk space and run the same command again)"
    return msg
