"""``dateline process INPUT... [-o FILE] [--workers N] [--scheduler ADDR [--parts DIR]]``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..config import Settings
from .app import app, handle_errors, settings
from .output import progress_counter

WORKERS_HELP = "Worker processes (default: all cores; 1 = in this process)."
SCHEDULER_HELP = "Run on a Dask cluster: tcp://HOST:PORT, or local for a cluster on this machine."


@app.command()
@handle_errors
def process(
    inputs: list[str] = typer.Argument(None, help="Files, directories, globs, URLs, or - for stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSONL here (default: stdout)."),
    urls: Path | None = typer.Option(None, "--urls", help="A file of URLs to fetch, one per line."),
    published: str | None = typer.Option(None, "--published", help="Publication time for inputs that state none."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load by name."),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Extraction only: no NLP stages."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=0, help=WORKERS_HELP),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    parts: Path | None = typer.Option(
        None, "--parts", help="With --scheduler: write Parquet parts here (merge with `dateline load`)."
    ),
) -> None:
    """Read articles and write one record per line (FORMAT.md), in input order. Exit 1 if any
    input failed."""
    items = list(inputs or [])
    if urls:
        from ..ingest.urls import read_url_list

        items += read_url_list(urls)
    if not items:
        raise typer.BadParameter("give at least one input (or --urls FILE)", param_hint="INPUT")
    if parts and not scheduler:
        raise typer.BadParameter("--parts needs --scheduler (local or tcp://HOST:PORT)", param_hint="--parts")
    conf = settings(spacy_model=model, workers=workers)
    if parts:
        _process_to_parts(items, parts, scheduler=scheduler or "local", conf=conf,
                          published=published, analyse=not no_analysis)
        return
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below, unless stdout
    try:
        with progress_counter() as count:
            if scheduler:
                from ..dist import run_on_cluster

                outcomes = run_on_cluster(items, scheduler=scheduler, settings=conf, workers=conf.workers,
                                          published=published, analyse=not no_analysis)
            else:
                from ..dist import parallel_items

                outcomes = parallel_items(items, settings=conf, workers=conf.workers,
                                          published=published, analyse=not no_analysis)
            for item in outcomes:
                count(item)
                if hasattr(item, "to_json"):
                    out.write(item.to_json() + "\n")
    finally:
        if output:
            out.close()
    if count.failures:
        raise typer.Exit(1)


def _process_to_parts(items: list[str], parts: Path, *, scheduler: str, conf: Settings, published: str | None,
                      analyse: bool) -> None:
    from ..dist import ClusterReport, run_on_cluster

    report = ClusterReport()
    with progress_counter() as count:
        for failure in run_on_cluster(items, scheduler=scheduler, settings=conf, workers=conf.workers,
                                      parts_dir=parts, published=published, analyse=analyse, report=report,
                                      on_result=lambda r: count.add(articles=r.articles, stored=r.stored,
                                                                    failures=r.failures)):
            count(failure)  # an input that cannot be split into partitions
    typer.echo(
        f"wrote {report.partitions - report.skipped_partitions} parts to {parts} "
        f"({report.skipped_partitions} already there; {report.articles} articles, "
        f"{len(report.failures)} failed); merge them with `dateline load {parts}`",
        err=True,
    )
    if report.failures:
        raise typer.Exit(1)

