"""Stage placeholder: fills ``article.statements``. Replaced by the real stage."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article

__all__ = ["find_statements"]


def find_statements(article: Article, doc: Doc) -> Article:
    """Fill ``article.statements`` from ``doc`` (not implemented yet: leaves it empty)."""
    return article
