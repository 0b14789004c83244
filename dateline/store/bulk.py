"""Many rows in one DBAPI ``executemany``, the statement compiled once per dialect and shape.

SQLAlchemy Core's own executemany processes every parameter of every row in Python, which
costs more than the database's work when a batch holds tens of thousands of small rows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.engine import Connection, Dialect


@lru_cache(maxsize=256)
def _compiled_insert(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    stmt = insert(table).values({c: bindparam(c) for c in columns})
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), tuple(compiled.positiontup) if compiled.positional else None  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def _compiled_update(
    table: Table, key: str, columns: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...] | None]:
    stmt = update(table).where(table.c[key] == bindparam(f"k_{key}")).values(
        {c: bindparam(f"v_{c}") for c in columns}
    )
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), tuple(compiled.positiontup) if compiled.positional else None  # type: ignore[arg-type]


def _run(conn: Connection, sql: str, order: tuple[str, ...] | None, rows: list[dict[str, Any]]) -> None:
    params: list[Any] = [tuple(r[c] for c in order) for r in rows] if order is not None else rows
    conn.exec_driver_sql(sql, params)


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT every row (all rows have the same keys)."""
    if rows:
        sql, order = _compiled_insert(table, tuple(rows[0]), conn.dialect)
        _run(conn, sql, order, rows)


def update_rows(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """UPDATE ``table`` SET the rows' other columns WHERE ``key`` = the row's ``key``."""
    if rows:
        columns = tuple(c for c in rows[0] if c != key)
        sql, order = _compiled_update(table, key, columns, conn.dialect)
        renamed = [{f"k_{key}": r[key], **{f"v_{c}": r[c] for c in columns}} for r in rows]
        _run(conn, sql, order, renamed)
