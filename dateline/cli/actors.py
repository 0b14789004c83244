"""``dateline actors search NAME [--on DATE]``: inspect the knowledge base."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from ..errors import ConfigError
from .app import actors_app, handle_errors


@actors_app.command("search")
@handle_errors
def search(
    name: str = typer.Argument(..., help="A name, alias, surname, country or group."),
    on: str | None = typer.Option(None, "--on", help="Resolve as of this day (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Actors the knowledge base knows by this name, with the office held on --on."""
    from ..actors import search_actors

    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise ConfigError(f"--on {on!r}: expected a day as YYYY-MM-DD") from None
    found = search_actors(name, on=day)
    if as_json:
        typer.echo(json.dumps([a.model_dump() for a in found]))
        return
    if not found:
        typer.echo(f"no actor named {name!r}", err=True)
        raise typer.Exit(1)
    table = Table(title=f"{name}" + (f" on {day}" if day else ""), title_justify="left")
    for col in ("id", "name", "country", "sector", "office", "code"):
        table.add_column(col)
    for a in found:
        table.add_row(a.id, a.name, a.country or "", a.sector or "", a.office or "", a.code or "")
    Console().print(table)
