"""Exports of the store: PLOVER JSONL, the GDELT 2.0 event table, CSV, Parquet, JSONL."""

from .writers import FORMATS, export_events
from .gdelt import GDELT_COLUMNS

__all__ = ["FORMATS", "GDELT_COLUMNS", "export_events"]
