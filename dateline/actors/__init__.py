"""Actors: the knowledge base of countries, dated officials, organisations and groups, and
the resolution of names, roles, metonyms and back-references to actors for a given day."""

from __future__ import annotations

from .kb import KnowledgeBase, load_kb, search_actors
from .phoenix import read_dictionary
from .resolve import resolve_text
from .stage import resolve_actors

__all__ = [
    "KnowledgeBase",
    "load_kb",
    "read_dictionary",
    "resolve_actors",
    "resolve_text",
    "search_actors",
]
