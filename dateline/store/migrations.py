"""Schema migrations: each version's steps run once, in order, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Table, func, insert, inspect, select, text
from sqlalchemy.engine import Connection

from ..errors import StoreError
from . import schema as s


def _v1(conn: Connection, dialect: str) -> None:
    s.metadata.create_all(conn, tables=s.V1_TABLES, checkfirst=True)


def _v2(conn: Connection, dialect: str) -> None:
    """Stories, merged events, events.merged_id, and full-text search over articles."""
    s.metadata.create_all(conn, tables=s.V2_TABLES, checkfirst=True)
    columns = {c["name"] for c in inspect(conn).get_columns("events")}
    if "merged_id" not in columns:
        conn.execute(text("ALTER TABLE events ADD COLUMN merged_id VARCHAR(200)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_merged ON events (merged_id)"))
    if dialect == "sqlite":
        for stmt in SQLITE_FTS:
            conn.execute(text(stmt))
    elif dialect == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        ))


SQLITE_FTS = [
    ("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
     "title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
     "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
     "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
     "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
     "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]


def _v3(conn: Connection, dialect: str) -> None:
    """merged_events.enddate (merged events keep the span their reports give, "last week"),
    and indexes for the newest events and for events by recipient."""
    columns = {c["name"] for c in inspect(conn).get_columns("merged_events")}
    if "enddate" not in columns:
        conn.execute(text("ALTER TABLE merged_events ADD COLUMN enddate VARCHAR(40)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_date ON events (date, id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_recipient_date ON events (recipient_country, date)"))


def _v4(conn: Connection, dialect: str) -> None:
    """An index for the newest events of a country as actor (the events query reads the actor
    and the recipient side each in date order)."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_actor_date ON events (actor_country, date)"))


def _v5(conn: Connection, dialect: str) -> None:
    """Merge candidates of an ingest batch by (key, day) and by key among spans, instead of
    reading every merged event of a key (the merged events of a dyad's year)."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_merged_key_date ON merged_events (key, date)"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_merged_key_span ON merged_events (key) WHERE {s.MERGED_SPAN_SQL}"))
    conn.execute(text("DROP INDEX IF EXISTS ix_merged_key"))


def _v6(conn: Connection, dialect: str) -> None:
    """Less written per article: merged events lose their copy of the first event's record
    (events.record has it), and on SQLite the story keys (twenty an article) become a WITHOUT
    ROWID table, one b-tree instead of a table and its primary-key index. Article records
    stored from now on leave out the text and the events, which have their own columns."""
    has_record = "record" in {c["name"] for c in inspect(conn).get_columns("merged_events")}
    if dialect != "sqlite":
        if has_record:
            conn.execute(text("ALTER TABLE merged_events DROP COLUMN record"))
        return
    if has_record:  # SQLite drops a column in place only from 3.35 (Debian 11 has 3.34)
        _rebuild_sqlite_table(conn, s.merged_events)
    sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'story_keys'"))
    if sql and "WITHOUT ROWID" not in sql.upper():
        _rebuild_sqlite_table(conn, s.story_keys)


def _rebuild_sqlite_table(conn: Connection, table: Table) -> None:
    """Make a SQLite table again as the schema now defines it, with its indexes, keeping its rows
    (the columns the schema still has). No other table may refer to it by a foreign key."""
    old = f"{table.name}_old"
    for index in table.indexes:
        conn.execute(text(f'DROP INDEX IF EXISTS "{index.name}"'))
    conn.execute(text(f'ALTER TABLE "{table.name}" RENAME TO "{old}"'))
    table.create(conn)
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    conn.execute(text(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} FROM "{old}"'))
    conn.execute(text(f'DROP TABLE "{old}"'))


# version -> step; append new versions, never edit an applied one.
MIGRATIONS: dict[int, Callable[[Connection, str], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6}


def current_version(conn: Connection) -> int:
    """The schema version of the database (0 when it has none)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.scalar(select(func.max(s.schema_version.c.version))) or 0)


def migrate(conn: Connection, dialect: str, *, target: int | None = None) -> list[int]:
    """Bring the schema to ``target`` (default :data:`schema.SCHEMA_VERSION`); returns the versions applied."""
    target = s.SCHEMA_VERSION if target is None else target
    have = current_version(conn)
    if have > s.SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {have}, newer than this dateline ({s.SCHEMA_VERSION}); "
            "upgrade dateline"
        )
    applied = []
    for version in sorted(v for v in MIGRATIONS if have < v <= target):
        MIGRATIONS[version](conn, dialect)
        s.schema_version.create(conn, checkfirst=True)
        conn.execute(insert(s.schema_version).values(version=version, applied_at=datetime.now(UTC).isoformat()))
        applied.append(version)
    return applied
