"""The ``dateline`` command: one thin module per verb, each calling one library function."""

from __future__ import annotations

from .app import app, main

__all__ = ["app", "main"]
