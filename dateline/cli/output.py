"""Progress on a terminal, quiet in pipes; failure lines on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..ingest import Failure
from ..model import Article


class Counter:
    """Counts articles and failures and drives a progress display when stderr is a terminal."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task = progress.add_task("reading", total=None) if progress else None
        self.articles = 0
        self.failures = 0

    def __call__(self, item: Article | Failure) -> None:
        if isinstance(item, Failure):
            self.failures += 1
            report_failure(item)
        else:
            self.articles += 1
        if self.progress is not None and self.task is not None:
            self.progress.update(
                self.task, advance=1,
                description=f"{self.articles} articles, {self.failures} failed",
            )


def report_failure(failure: Failure) -> None:
    typer.echo(f"failed: {failure.input}: {failure.reason}", err=True)


@contextmanager
def progress_counter() -> Iterator[Counter]:
    if not sys.stderr.isatty():
        yield Counter(None)
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=True) as progress:
        yield Counter(progress)
