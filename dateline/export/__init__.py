"""Exports of the store: PLOVER JSONL, the GDELT 2.0 event table, CSV, Parquet, JSONL."""

from .gdelt import GDELT_COLUMNS
from .writers import FORMATS, export_events

__all__ = ["FORMATS", "GDELT_COLUMNS", "export_events"]
