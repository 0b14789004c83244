"""Statements: who said what, to whom and when (quotes, reported speech, "according to").

The stage function is :func:`find_statements`; it runs after the time and actors stages and
fills ``article.statements``.
"""

from __future__ import annotations

from .statements import find_statements

__all__ = ["find_statements"]
