"""Stage placeholder: fills ``article.times``. Replaced by the real stage."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article

__all__ = ["find_times"]


def find_times(article: Article, doc: Doc) -> Article:
    """Fill ``article.times`` from ``doc`` (not implemented yet: leaves it empty)."""
    return article
