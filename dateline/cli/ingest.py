"""``dateline ingest INPUT... [--db PATH] [--workers N | --scheduler ADDR]``: process into the store."""

from __future__ import annotations

from pathlib import Path

import typer

from ..config import Settings
from ..run import RunReport
from ..run import ingest as run_ingest
from ..store import Store, open_store
from .app import app, handle_errors, settings
from .output import Counter, progress_counter, report_stored
from .process import SCHEDULER_HELP, WORKERS_HELP


@app.command()
@handle_errors
def ingest(
    inputs: list[str] = typer.Argument(None, help="Files, directories, globs, URLs, or - for stdin."),
    db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default ./dateline.db)."),
    urls: Path | None = typer.Option(None, "--urls", help="A file of URLs to fetch, one per line."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load by name."),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Extraction only: no NLP stages."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=0, help=WORKERS_HELP),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help=SCHEDULER_HELP + " Workers write to the store (PostgreSQL across machines)."
    ),
) -> None:
    """Process inputs and store the articles; the same article is never stored twice, and a run
    started again reads and analyses only what is missing."""
    items = list(inputs or [])
    if urls:
        from ..ingest.urls import read_url_list

        items += read_url_list(urls)
    if not items:
        raise typer.BadParameter("give at least one input (or --urls FILE)", param_hint="INPUT")
    conf = settings(spacy_model=model, db=db, workers=workers)
    with open_store(conf.db) as store, progress_counter() as count:
        if scheduler:
            report = _ingest_on_cluster(items, store, scheduler=scheduler, conf=conf, count=count,
                                        analyse=not no_analysis)
        else:
            report = run_ingest(items, store=store, settings=conf, on_item=count,
                                analyse=not no_analysis, workers=conf.workers)
        report_stored(report, store.display_url)
    if report.failures:
        raise typer.Exit(1)


def _ingest_on_cluster(
    items: list[str], store: Store, *, scheduler: str, conf: Settings, count: Counter, analyse: bool
) -> RunReport:
    from ..dist import ClusterReport, run_on_cluster

    run_id = store.start_run("ingest", items)
    report = ClusterReport()
    for failure in run_on_cluster(items, scheduler=scheduler, settings=conf, workers=conf.workers,
                                  store_url=store.url, run_id=run_id, analyse=analyse, report=report,
                                  on_result=lambda r: count.add(articles=r.articles, stored=r.stored,
                                                                failures=r.failures)):
        count(failure)  # an input that cannot be split into partitions
        store.add_failure(failure.input, failure.reason, run_id=run_id)
    store.finish_run(run_id, articles=report.articles, duplicates=report.stored, failures=len(report.failures))
    return RunReport(articles=report.articles, duplicates=report.stored, failures=report.failures)
