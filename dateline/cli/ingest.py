"""``dateline ingest INPUT... [--db PATH]``: process into the store."""

from __future__ import annotations

from pathlib import Path

import typer

from ..run import ingest as run_ingest
from ..store import open_store
from .app import app, handle_errors, settings
from .output import progress_counter


@app.command()
@handle_errors
def ingest(
    inputs: list[str] = typer.Argument(None, help="Files, directories, globs, URLs, or - for stdin."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default ./dateline.db)."),
    urls: Path | None = typer.Option(None, "--urls", help="A file of URLs to fetch, one per line."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load by name."),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Extraction only: no NLP stages."),
) -> None:
    """Process inputs and store the articles; the same article is never stored twice."""
    items = list(inputs or [])
    if urls:
        from ..ingest.urls import read_url_list

        items += read_url_list(urls)
    if not items:
        raise typer.BadParameter("give at least one input (or --urls FILE)", param_hint="INPUT")
    conf = settings(spacy_model=model, db=db)
    with open_store(conf.db) as store, progress_counter() as count:
        report = run_ingest(items, store=store, settings=conf, on_item=count, analyse=not no_analysis)
        typer.echo(
            f"stored {report.articles} new articles ({report.duplicates} already stored, "
            f"{len(report.failures)} failed) in {store.display_url}",
            err=True,
        )
    if report.failures:
        raise typer.Exit(1)
