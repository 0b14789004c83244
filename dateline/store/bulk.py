"""Many rows in one DBAPI ``executemany``, the statement compiled once per dialect and shape;
and ``SELECT ... WHERE key IN (...)`` over many keys, straight through the driver.

SQLAlchemy Core's own executemany processes every parameter of every row in Python, and its
``in_`` renders every value of the list at each execution, which costs more than the
database's work when a batch holds tens of thousands of small rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.engine import Connection, Dialect

IN_CHUNK = 900  # keys per IN list: under SQLite's old limit of 999 bound parameters


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
    params: list[Any] = rows
    if order is not None:  # a positional paramstyle (SQLite's qmark): dicts -> tuples, in C
        params = [(r[order[0]],) for r in rows] if len(order) == 1 else list(map(itemgetter(*order), rows))
    conn.exec_driver_sql(sql, params)


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], *, one_statement: bool = False) -> None:
    """INSERT every row (all rows have the same keys).

    ``one_statement`` writes the rows with multi-row ``INSERT ... VALUES (...), (...)`` statements
    (as few as the driver's limit on bound values allows) instead of one statement a row. On
    SQLite that matters for a table with a trigger into an FTS5 index: FTS5 flushes its pending
    terms to a new index segment at every statement, so one statement a row costs a segment
    (and its later merging) a row.
    """
    if not rows:
        return
    sql, order = _compiled_insert(table, tuple(rows[0]), conn.dialect)
    if not one_statement or order is None:  # named paramstyles (psycopg) keep executemany
        _run(conn, sql, order, rows)
        return
    head, sep, values = sql.partition(" VALUES ")
    per = max(1, _max_bound(conn.dialect) // len(order))
    get = itemgetter(*order)
    for i in range(0, len(rows), per):
        part = rows[i:i + per]
        flat = [v for r in part for v in (get(r) if len(order) > 1 else (get(r),))]
        conn.exec_driver_sql(head + sep + ", ".join([values] * len(part)), tuple(flat))


def insert_tuples(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT rows given as tuples of ``columns`` (no dict a row, for tables of many small rows)."""
    if rows:
        sql, order = _compiled_insert(table, columns, conn.dialect)
        if order is None:
            conn.exec_driver_sql(sql, [dict(zip(columns, r, strict=True)) for r in rows])
        elif order == columns:
            conn.exec_driver_sql(sql, rows)
        else:
            where = [columns.index(c) for c in order]
            conn.exec_driver_sql(sql, [tuple(r[i] for i in where) for r in rows])


def _max_bound(dialect: Dialect) -> int:
    """Bound values a statement may hold: SQLite's limit (999 before 3.32), else PostgreSQL's."""
    if dialect.name == "sqlite":
        return 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return 65_535


def update_rows(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """UPDATE ``table`` SET the rows' other columns WHERE ``key`` = the row's ``key``."""
    if rows:
        columns = tuple(c for c in rows[0] if c != key)
        sql, order = _compiled_update(table, key, columns, conn.dialect)
        renamed = [{f"k_{key}": r[key], **{f"v_{c}": r[c] for c in columns}} for r in rows]
        _run(conn, sql, order, renamed)


@lru_cache(maxsize=64)
def _select_in_sql(
    table: Table, columns: tuple[str, ...], key: str, n: int, where: str, index: str, dialect: Dialect
) -> str:
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    hint = f" INDEXED BY {quote(index)}" if index and dialect.name == "sqlite" else ""
    sql = (f"SELECT {', '.join(quote(c) for c in columns)} FROM {dialect.identifier_preparer.format_table(table)}"
           f"{hint} WHERE {quote(key)} IN ({', '.join([mark] * n)})")
    return f"{sql} AND ({where.replace('?', mark)})" if where else sql


def select_in(
    conn: Connection, table: Table, columns: tuple[str, ...], key: str, values: Sequence[Any], *,
    where: str = "", params: Sequence[Any] = (), index: str = "",
) -> Iterator[tuple[Any, ...]]:
    """Rows (tuples of ``columns``) of ``table`` whose ``key`` is one of ``values``, a chunk of
    values at a time; ``where`` adds a condition (SQL with ``?`` for each of ``params``).

    ``index`` names the index SQLite must use (a partial index that it would not pick
    without statistics; PostgreSQL's planner picks it by its size)."""
    if conn.dialect.paramstyle not in ("qmark", "format", "pyformat"):
        raise NotImplementedError(f"select_in: paramstyle {conn.dialect.paramstyle}")
    for i in range(0, len(values), IN_CHUNK):
        chunk = tuple(values[i:i + IN_CHUNK])
        sql = _select_in_sql(table, columns, key, len(chunk), where, index, conn.dialect)
        yield from conn.exec_driver_sql(sql, chunk + tuple(params))


@lru_cache(maxsize=16)
def _select_pairs_sql(table: Table, columns: tuple[str, ...], keys: tuple[str, str], n: int, dialect: Dialect) -> str:
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    values = ", ".join([f"({mark}, {mark})"] * n)
    return (f"WITH wanted(a, b) AS (VALUES {values}) "
            f"SELECT {', '.join('t.' + quote(c) for c in columns)} "
            f"FROM wanted JOIN {dialect.identifier_preparer.format_table(table)} t "
            f"ON t.{quote(keys[0])} = wanted.a AND t.{quote(keys[1])} = wanted.b")


def select_pairs(
    conn: Connection, table: Table, columns: tuple[str, ...], keys: tuple[str, str], pairs: Sequence[tuple[Any, Any]]
) -> Iterator[tuple[Any, ...]]:
    """Rows (tuples of ``columns``) of ``table`` whose two ``keys`` columns equal one of ``pairs``:
    one index look-up per pair (a join with the pairs, where ``(a, b) IN (VALUES ...)`` scans)."""
    for i in range(0, len(pairs), IN_CHUNK):
        chunk = pairs[i:i + IN_CHUNK]
        sql = _select_pairs_sql(table, columns, keys, len(chunk), conn.dialect)
        yield from conn.exec_driver_sql(sql, tuple(v for pair in chunk for v in pair))
