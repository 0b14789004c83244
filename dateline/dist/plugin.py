"""The Dask worker plugin that loads the reading stages once per worker (imports distributed)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Settings
from .worker import warm_up

__all__ = ["PipelinePlugin"]


class PipelinePlugin(WorkerPlugin):
    """Load the spaCy pipeline and stages when a worker starts, so no task pays for it.

    Args:
        settings: which model and stages the run uses.
    """

    name = "dateline-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        """Build the pipeline in the worker process and warm its stages (cached there)."""
        warm_up(self.settings)
