"""Stage placeholder: fills ``article.actors``. Replaced by the real stage."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article

__all__ = ["resolve_actors"]


def resolve_actors(article: Article, doc: Doc) -> Article:
    """Fill ``article.actors`` from ``doc`` (not implemented yet: leaves it empty)."""
    return article
