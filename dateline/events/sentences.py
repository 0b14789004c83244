"""Sentence-level coding: ``dateline code --sentences FILE.jsonl``.

Each input ``{"id", "text", "date"?}`` is read as a one-sentence article published on
``date``; the output is ``{"id", "events": [...]}`` in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from ..model import Article

__all__ = ["SentencePipeline", "code_sentences"]


class SentencePipeline(Protocol):
    """What :func:`code_sentences` needs of a pipeline (``dateline.pipeline.Pipeline``)."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run the stages over articles; yield them in input order."""
        ...


def _article(item: Any, n: int) -> Article:
    if not isinstance(item, dict):
        return Article(id=f"line-{n}", text="")
    text = item.get("text")
    day = item.get("date")
    return Article(
        id=str(item.get("id") or f"line-{n}"),
        text=text if isinstance(text, str) else "",
        published=day if isinstance(day, str) and day else None,
    )


def code_sentences(
    items: Iterable[dict[str, Any]], *, pipeline: SentencePipeline
) -> Iterator[dict[str, Any]]:
    """Code sentences one by one as one-sentence articles.

    Args:
        items: ``{"id", "text", "date"?}`` objects (``date`` an ISO day or datetime).
        pipeline: a loaded :class:`dateline.pipeline.Pipeline` (all stages it runs are used).

    Yields:
        ``{"id": ..., "events": [event objects]}`` in input order; an empty list when a
        sentence has no event or is unusable.
    """
    articles = (_article(item, n) for n, item in enumerate(items, 1))
    for article in pipeline.analyse(articles):
        yield {"id": article.id, "events": [e.model_dump(mode="json") for e in article.events]}
