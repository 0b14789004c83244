"""``dateline query``: events from the store, filtered, as a table or JSON."""

from __future__ import annotations

import json
import shutil

import typer
from rich.console import Console
from rich.table import Table

from ..errors import ConfigError
from ..store import open_store
from ..store.query import EventQuery
from .app import app, handle_errors, settings


@app.command()
@handle_errors
def query(
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
    actor: str | None = typer.Option(None, "--actor", help="Actor id or code prefix (either side)."),
    country: str | None = typer.Option(None, "--country", help="ISO alpha-3 country on either side."),
    dyad: str | None = typer.Option(None, "--dyad", help="Two countries, e.g. USA-IRN (either direction)."),
    type: str | None = typer.Option(None, "--type", help="PLOVER event type."),
    modality: str | None = typer.Option(None, "--modality", help="asserted, negated, hypothetical, future, historical."),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
    place: str | None = typer.Option(None, "--place", help="Location name or its ISO3 country."),
    text: str | None = typer.Option(None, "--text", help="Words in the evidence sentence."),
    limit: int = typer.Option(50, "--limit", help="At most this many events."),
    offset: int = typer.Option(0, "--offset", help="Skip this many first."),
    sort: str = typer.Option("date", "--sort", help="date, type, modality, actor_country, event_scale, id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines instead of a table."),
) -> None:
    """Events in the store matching every filter given."""
    pair = None
    if dyad:
        parts = [p for p in dyad.replace(",", "-").split("-") if p]
        if len(parts) != 2:
            raise ConfigError(f"--dyad {dyad!r}: expected two countries such as USA-IRN")
        pair = (parts[0], parts[1])
    q = EventQuery(actor=actor, country=country, dyad=pair, type=type, modality=modality, since=since,
                   until=until, place=place, text=text, limit=limit, offset=offset, sort=sort)
    conf = settings(db=db)
    with open_store(conf.db, create=False) as store:
        rows = store.query_events(q)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, default=str, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} events", title_justify="left")
    for col, width in (("date", 10), ("type", 9), ("modality", 12), ("actor", 6), ("recipient", 9), ("where", 12)):
        table.add_column(col, no_wrap=True, min_width=width, overflow="ellipsis")
    table.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=58)
    table.add_column("id", no_wrap=True, min_width=16)
    for r in rows:
        table.add_row(
            (r["date"] or "")[:10], r["type"], r["modality"],
            r["actor_country"] or r["actor_code"] or r["actor_id"] or "",
            r["recipient_country"] or r["recipient_code"] or r["recipient_id"] or "",
            r["location_name"] or "", " ".join((r["evidence"] or "").split()), r["id"],
        )
    # in a pipe, a wide table rather than rich's default of 80 columns
    Console(width=shutil.get_terminal_size((160, 24)).columns).print(table)
