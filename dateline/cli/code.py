"""``dateline code --sentences FILE.jsonl`` and ``dateline explain EVENT_ID``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import InputError
from ..pipeline import Pipeline
from ..store import open_store
from .app import app, handle_errors, settings


@app.command()
@handle_errors
def code(
    sentences: Path = typer.Option(..., "--sentences", help='JSONL of {"id", "text", "date"?}; "-" for stdin.'),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSONL here (default: stdout)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load by name."),
) -> None:
    """Code events sentence by sentence: one {"id", "events"} line per input line, same order."""
    from ..events import code_sentences

    stream = sys.stdin if str(sentences) == "-" else _open(sentences)
    items = []
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{sentences}:{n}", f"not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f"{sentences}:{n}", 'expected an object with a "text" string')
        items.append(obj)
    pipeline = Pipeline(settings(spacy_model=model))
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below, unless stdout
    try:
        for result in code_sentences(items, pipeline=pipeline):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()


def _open(path: Path):  # type: ignore[no-untyped-def]
    try:
        return open(path, encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror}") from None


@app.command()
@handle_errors
def explain(
    event_id: str = typer.Argument(..., help="An event id from a record or `dateline query`."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
) -> None:
    """Show why an event exists: its sentence, trigger, rule and the words behind each field."""
    from ..events import explain as explain_event

    conf = settings(db=db)
    with open_store(conf.db, create=False) as store:
        found = store.get_event(event_id)
    if found is None:
        typer.echo(f"error: no event {event_id!r} in {conf.db}", err=True)
        raise typer.Exit(1)
    typer.echo(explain_event(found))
