"""Schema migrations: each version's steps run once, in order, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, inspect, insert, select
from sqlalchemy.engine import Connection

from ..errors import StoreError
from . import schema as s


def _v1(conn: Connection, dialect: str) -> None:
    s.metadata.create_all(conn, checkfirst=True)


# version -> step; append new versions, never edit an applied one.
MIGRATIONS: dict[int, Callable[[Connection, str], None]] = {1: _v1}


def current_version(conn: Connection) -> int:
    """The schema version of the database (0 when it has none)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.scalar(select(func.max(s.schema_version.c.version))) or 0)


def migrate(conn: Connection, dialect: str) -> list[int]:
    """Bring the schema to :data:`schema.SCHEMA_VERSION`; returns the versions applied."""
    have = current_version(conn)
    if have > s.SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {have}, newer than this dateline ({s.SCHEMA_VERSION}); "
            "upgrade dateline"
        )
    applied = []
    for version in sorted(v for v in MIGRATIONS if v > have):
        MIGRATIONS[version](conn, dialect)
        s.schema_version.create(conn, checkfirst=True)
        conn.execute(insert(s.schema_version).values(version=version, applied_at=datetime.now(UTC).isoformat()))
        applied.append(version)
    return applied
