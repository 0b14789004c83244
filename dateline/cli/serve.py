"""``dateline serve [--db URL] [--host H] [--port P]``: the web UI and HTTP API over a store."""

from __future__ import annotations

import os
from typing import Any

import typer

from ..errors import ConfigError
from .app import app, handle_errors, settings


@app.command()
@handle_errors
def serve(
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on (0: any free port)."),
    token: str | None = typer.Option(None, "--token", envvar="DATELINE_API_TOKEN",
                                     help="Token for POST /api/articles (ingest over HTTP is off without one)."),
    cache_seconds: float = typer.Option(10.0, "--cache-seconds",
                                        help="Reuse a read (event page, counts, chart) this long; 0: never."),
    log_level: str = typer.Option("warning", "--log-level", help="Server log level: debug, info, warning, error."),
    workers: int = typer.Option(1, "--workers", "-w", help="Server processes (each with its own store connection)."),
) -> None:
    """Serve the web UI (overview, articles, events, actors, dyads, map, search) and the JSON API."""
    try:
        import uvicorn

        from ..serve import create_app
    except ImportError as e:
        raise ConfigError(f"the web server needs the 'serve' extra: pip install 'dateline[serve]' ({e})") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}: expected 0..65535")
    if workers < 1:
        raise ConfigError(f"--workers {workers}: expected 1 or more")
    conf = settings(db=db, api_token=token)
    web = create_app(db=conf.db, settings=conf, cache_seconds=cache_seconds)  # fails fast on a bad store
    typer.echo(f"dateline serving {conf.db} on http://{host}:{port}/ with {workers} process(es) "
               f"(ingest over HTTP {'on' if conf.api_token else 'off'})", err=True)
    # asyncio's own loop even where uvloop is installed: under load uvloop left some requests
    # waiting over a second (p99 3 s against 0.45 s, benchmarks/serve_load.py)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level.lower(),
                               "access_log": log_level.lower() == "debug", "loop": "asyncio"}
    if workers == 1:
        uvicorn.run(web, **options)
        return
    # Worker processes build their own app from the environment (uvicorn imports it by name).
    os.environ.update({
        "DATELINE_DB": conf.db, "DATELINE_SPACY_MODEL": conf.spacy_model,
        "DATELINE_MAX_INPUT_BYTES": str(conf.max_input_bytes),
        "DATELINE_SERVE_CACHE_SECONDS": str(cache_seconds),
    })
    if conf.api_token:
        os.environ["DATELINE_API_TOKEN"] = conf.api_token
    # A new worker first imports dateline (spaCy with it): several seconds on a busy machine,
    # longer than uvicorn's 5 s health check, which would kill and restart it over and over.
    uvicorn.run("dateline.serve.app:app_from_environment", factory=True, workers=workers,
                timeout_worker_healthcheck=60, **options)
