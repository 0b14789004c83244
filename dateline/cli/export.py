"""``dateline export --format plover|gdelt|csv|parquet|jsonl [-o FILE]``."""

from __future__ import annotations

from pathlib import Path

import typer

from ..export import FORMATS, export_events
from ..store import open_store
from .app import app, handle_errors, settings


@app.command()
@handle_errors
def export(
    format: str = typer.Option("plover", "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here (default: stdout)."),
    mentions: bool = typer.Option(False, "--mentions", help="Every event record, not one per merged event."),
    header: bool = typer.Option(False, "--header", help="gdelt: write the column names first."),
) -> None:
    """Export the store's events (one per real event, with NumMentions/NumSources/NumArticles)."""
    conf = settings(db=db)
    with open_store(conf.db, create=False) as store:
        n = export_events(store, format, output=output, mentions=mentions, header=header)
    typer.echo(f"exported {n} events as {format}" + (f" to {output}" if output else ""), err=True)
