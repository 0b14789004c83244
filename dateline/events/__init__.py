"""Stage placeholder: fills ``article.events``. Replaced by the real stage."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article

__all__ = ["code_events"]


def code_events(article: Article, doc: Doc) -> Article:
    """Fill ``article.events`` from ``doc`` (not implemented yet: leaves it empty)."""
    return article
