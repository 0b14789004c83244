"""``dateline load PARTS_DIR [--db URL]``: merge Parquet parts of a cluster run into a store."""

from __future__ import annotations

from pathlib import Path

import typer

from ..dist import load_parts
from ..store import open_store
from .app import app, handle_errors, settings
from .output import progress_counter, report_stored


@app.command()
@handle_errors
def load(
    parts: Path = typer.Argument(..., help="A directory of Parquet parts (dateline process --parts DIR)."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default ./dateline.db)."),
) -> None:
    """Store the articles of Parquet parts, in input order; loading twice stores nothing new."""
    conf = settings(db=db)
    with open_store(conf.db) as store, progress_counter() as count:
        report = load_parts(parts, store=store, batch_size=max(conf.store_batch_size, 1), on_item=count)
        report_stored(report, store.display_url)
    if report.failures:
        raise typer.Exit(1)
