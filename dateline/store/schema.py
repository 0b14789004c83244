"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

SCHEMA_VERSION = 6

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(40), nullable=False),
    Column("inputs", Text, nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("articles", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
)

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("input", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("published_day", String(10)),
    Column("language", String(16)),
    Column("source_name", String(200)),
    Column("source_place", String(200)),
    Column("source_via", Text),  # JSON list
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("story_id", String(200)),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", String(40), nullable=False),
    Column("record", Text, nullable=False),  # the article record as JSON; since v6 without text and events
)
Index("ix_articles_published_day", articles.c.published_day)
Index("ix_articles_story", articles.c.story_id)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("input", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
)


def _child(name: str, *columns: Column) -> Table:
    """A table of things found in an article: one row per item, in article order."""
    return Table(
        name, metadata,
        Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        *columns,
    )


entities = _child(
    "entities",
    Column("text", Text, nullable=False), Column("start", Integer), Column("end", Integer),
    Column("label", String(20)), Column("actor", String(200)),
)
article_actors = _child(
    "article_actors",
    Column("actor_id", String(200), nullable=False), Column("name", Text),
    Column("country", String(8)), Column("sector", String(8)), Column("office", Text),
    Column("code", String(40)), Column("kind", String(20)),
)
places = _child(
    "places",
    Column("text", Text), Column("start", Integer), Column("end", Integer), Column("name", Text),
    Column("country", String(8)), Column("admin1", Text), Column("lat", Float), Column("lon", Float),
    Column("geonameid", Integer),
)
times = _child(
    "times",
    Column("text", Text), Column("start", Integer), Column("end", Integer),
    Column("type", String(10)), Column("value", String(40)), Column("enddate", String(40)),
)
statements = _child(
    "statements",
    Column("speaker", Text), Column("speaker_actor", String(200)), Column("cue", Text),
    Column("addressee", Text), Column("content", Text), Column("content_start", Integer),
    Column("content_end", Integer), Column("kind", String(10)), Column("date", String(40)),
)
events = Table(
    "events", metadata,
    Column("id", String(200), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(12), nullable=False),
    Column("modality", String(12), nullable=False),
    Column("actor_id", String(200)), Column("actor_country", String(8)), Column("actor_code", String(40)),
    Column("recipient_id", String(200)), Column("recipient_country", String(8)),
    Column("recipient_code", String(40)),
    Column("date", String(40)), Column("enddate", String(40)),
    Column("location_name", Text), Column("location_country", String(8)),
    Column("lat", Float), Column("lon", Float),
    Column("evidence", Text), Column("evidence_start", Integer), Column("evidence_end", Integer),
    Column("said_by", String(200)), Column("cameo", String(8)), Column("quad_code", Integer),
    Column("event_scale", Float), Column("confidence", Float),
    Column("record", Text, nullable=False),
    Column("merged_id", String(200)),  # since v2
)
Index("ix_events_article", events.c.article_id)
Index("ix_events_merged", events.c.merged_id)
Index("ix_events_dyad_date", events.c.actor_country, events.c.recipient_country, events.c.date)
Index("ix_events_type_date", events.c.type, events.c.date)
Index("ix_events_date", events.c.date, events.c.id)  # since v3
Index("ix_events_recipient_date", events.c.recipient_country, events.c.date)  # since v3
Index("ix_events_actor_date", events.c.actor_country, events.c.date)  # since v4

V1_TABLES = [schema_version, runs, articles, failures, entities, article_actors, places, times, statements, events]

# -- since v2: stories (copies of one wire story) and merged events
stories = Table(
    "stories", metadata,
    Column("id", String(200), primary_key=True),
    Column("original_id", String(200), nullable=False),  # the earliest published member
    Column("first_published", String(40)),
    Column("num_articles", Integer, nullable=False, default=1),
)
story_keys = Table(
    "story_keys", metadata,
    Column("key", String(40), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # since v6 on SQLite: the rows are the primary key's b-tree, not a table and an index of it
    sqlite_with_rowid=False,
)
merged_events = Table(
    "merged_events", metadata,
    Column("id", String(200), primary_key=True),
    Column("key", String(400), nullable=False),
    Column("type", String(12), nullable=False),
    Column("modality", String(12), nullable=False),
    Column("actor_country", String(8)), Column("actor_code", String(40)),
    Column("recipient_country", String(8)), Column("recipient_code", String(40)),
    Column("date", String(40)), Column("location_name", Text), Column("location_country", String(8)),
    Column("lat", Float), Column("lon", Float),
    Column("cameo", String(8)), Column("quad_code", Integer), Column("event_scale", Float),
    Column("enddate", String(40)),  # since v3
    Column("num_mentions", Integer, nullable=False, default=1),
    Column("num_articles", Integer, nullable=False, default=1),
    Column("num_sources", Integer, nullable=False, default=1),
    Column("first_article_id", String(200)),
    Column("first_url", Text),
    # until v6 also "record", a copy of the first event's record (events.record has it)
)
# since v5, instead of an index on key alone: merge candidates by key and day, and by key
# among the merged events known by a span (a partial index, so it holds few rows)
MERGED_SPAN_SQL = "date NOT LIKE '____-__-__' OR enddate IS NOT NULL"  # not one plain YYYY-MM-DD day
Index("ix_merged_key_date", merged_events.c.key, merged_events.c.date)
Index("ix_merged_key_span", merged_events.c.key,
      sqlite_where=text(MERGED_SPAN_SQL), postgresql_where=text(MERGED_SPAN_SQL))
Index("ix_merged_dyad_date", merged_events.c.actor_country, merged_events.c.recipient_country, merged_events.c.date)
V2_TABLES = [stories, story_keys, merged_events]
