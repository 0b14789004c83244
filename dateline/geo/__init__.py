"""Stage placeholder: fills ``article.places``. Replaced by the real stage."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article

__all__ = ["find_places"]


def find_places(article: Article, doc: Doc) -> Article:
    """Fill ``article.places`` from ``doc`` (not implemented yet: leaves it empty)."""
    return article
