"""``dateline show ID`` and ``dateline stats``: what the store holds."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ..model import Article
from ..store import open_store
from .app import app, handle_errors, settings


@app.command()
@handle_errors
def show(
    article_id: str = typer.Argument(..., help="Article id (or a unique prefix of 6+ characters)."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored record as JSON."),
) -> None:
    """Print one stored article with what dateline found in it."""
    conf = settings(db=db)
    with open_store(conf.db, create=False) as store:
        article = store.get_article(article_id)
    if article is None:
        typer.echo(f"error: no article {article_id!r} in {conf.db}", err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(article.to_json())
        return
    print_article(article, Console())


def print_article(article: Article, console: Console) -> None:
    """A readable account of one article record."""
    src = article.source
    console.print(f"[bold]{article.title or '(no title)'}[/bold]", highlight=False)
    via = f" via {', '.join(src.via)}" if src.via else ""
    console.print(
        f"{article.id}  published {article.published or 'unknown'}  "
        f"source {src.name or '?'}{' (' + src.place + ')' if src.place else ''}{via}  "
        f"language {article.language or '?'}",
        highlight=False, markup=False,
    )
    console.print()
    console.print(article.text, highlight=False, markup=False)
    _table(console, "Actors", ["id", "name", "country", "sector", "office"],
           [[a.id, a.name, a.country, a.sector, a.office] for a in article.actors])
    _table(console, "Places", ["text", "name", "country", "lat", "lon"],
           [[p.text, p.name, p.country, p.lat, p.lon] for p in article.places])
    _table(console, "Times", ["text", "type", "value"], [[t.text, t.type, t.value] for t in article.times])
    _table(console, "Statements", ["speaker", "cue", "kind", "date", "content"],
           [[s.speaker.text if s.speaker else None, s.cue.text if s.cue else None, s.kind, s.date,
             s.content.text[:80]] for s in article.statements])
    _table(console, "Events", ["type", "modality", "actor", "recipient", "date", "where", "evidence"],
           [[e.type, e.modality, ", ".join(p.country or p.text for p in e.actor),
             ", ".join(p.country or p.text for p in e.recipient), e.date,
             e.location.name if e.location else None,
             (e.evidence.text[:60] if e.evidence else None)] for e in article.events])


def _table(console: Console, title: str, columns: list[str], rows: list[list[object]]) -> None:
    if not rows:
        return
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


@app.command()
@handle_errors
def stats(
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Counts of what the store holds."""
    conf = settings(db=db)
    with open_store(conf.db, create=False) as store:
        counts = store.stats()
        failures = store.failures(limit=10)
    if as_json:
        typer.echo(json.dumps({**counts, "recent_failures": failures}, default=str))
        return
    console = Console()
    table = Table(title=f"dateline store {conf.db}", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("articles", "entities", "actors", "places", "times", "statements", "events", "failures", "runs"):
        table.add_row(key, str(counts[key]))
    console.print(table)
    if counts["events_by_type"]:
        console.print("events by type: " + ", ".join(f"{k} {v}" for k, v in counts["events_by_type"].items()))
        console.print("by modality: " + ", ".join(f"{k} {v}" for k, v in counts["events_by_modality"].items()))
    if counts["published"][0]:
        console.print(f"published from {counts['published'][0]} to {counts['published'][1]}")
    for f in failures:
        console.print(f"failed: {f['input']}: {f['reason']}", markup=False, highlight=False)
