"""Inputs -> raw documents: files, directories, globs, stdin, JSONL, web pages, feeds, WARC, URLs."""

from .documents import Document, Failure
from .sources import read_inputs

__all__ = ["Document", "Failure", "read_inputs"]
