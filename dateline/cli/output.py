"""Progress on a terminal (articles/s, failures), quiet in pipes; failure lines on stderr."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..ingest import Failure

if TYPE_CHECKING:
    from ..run import RunReport


class Counter:
    """Counts articles, already-stored articles and failures; drives a progress display when
    stderr is a terminal."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task = progress.add_task("reading", total=None) if progress else None
        self.articles = 0
        self.stored = 0
        self.failures = 0
        self.started = time.monotonic()

    def __call__(self, item: Any) -> None:
        """Count one outcome: an Article, a Failure (reported on stderr) or a Stored article."""
        if isinstance(item, Failure):
            self.failures += 1
            report_failure(item)
        elif type(item).__name__ == "Stored":
            self.stored += 1
        else:
            self.articles += 1
        self._show()

    def add(self, *, articles: int = 0, stored: int = 0, failures: list[Failure] | None = None) -> None:
        """Count a finished batch (a cluster partition) at once."""
        self.articles += articles
        self.stored += stored
        for f in failures or []:
            self.failures += 1
            report_failure(f)
        self._show()

    @property
    def rate(self) -> float:
        """Articles analysed per second since the start."""
        return self.articles / max(time.monotonic() - self.started, 1e-9)

    def _show(self) -> None:
        if self.progress is None or self.task is None:
            return
        stored = f", {self.stored} already stored" if self.stored else ""
        self.progress.update(
            self.task, completed=self.articles + self.stored + self.failures,
            description=f"{self.articles} articles ({self.rate:.1f}/s){stored}, {self.failures} failed",
        )


def report_failure(failure: Failure) -> None:
    """One line on stderr: which input failed and why."""
    typer.echo(f"failed: {failure.input}: {failure.reason}", err=True)


def report_stored(report: RunReport, store_url: str) -> None:
    """One line on stderr with what a run stored."""
    typer.echo(
        f"stored {report.articles} new articles ({report.duplicates} already stored, "
        f"{len(report.failures)} failed) in {store_url}",
        err=True,
    )


@contextmanager
def progress_counter() -> Iterator[Counter]:
    """A :class:`Counter`, with a live progress line when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield Counter(None)
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=True) as progress:
        yield Counter(progress)
