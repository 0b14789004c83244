"""``dateline process INPUT... [-o FILE]``: article records as JSONL."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..run import iter_articles
from .app import app, handle_errors, settings
from .output import progress_counter


@app.command()
@handle_errors
def process(
    inputs: list[str] = typer.Argument(None, help="Files, directories, globs, URLs, or - for stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSONL here (default: stdout)."),
    urls: Path | None = typer.Option(None, "--urls", help="A file of URLs to fetch, one per line."),
    published: str | None = typer.Option(None, "--published", help="Publication time for inputs that state none."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load by name."),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Extraction only: no NLP stages."),
) -> None:
    """Read articles and write one record per line (FORMAT.md). Exit 1 if any input failed."""
    items = list(inputs or [])
    if urls:
        from ..ingest.urls import read_url_list

        items += read_url_list(urls)
    if not items:
        raise typer.BadParameter("give at least one input (or --urls FILE)", param_hint="INPUT")
    conf = settings(spacy_model=model)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        with progress_counter() as count:
            for item in iter_articles(items, settings=conf, published=published, analyse=not no_analysis):
                count(item)
                if not hasattr(item, "reason"):
                    out.write(item.to_json() + "\n")
    finally:
        if output:
            out.close()
    if count.failures:
        raise typer.Exit(1)
