"""Fixtures for the event coder's tests: the tiny test resolver and a one-call coder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tiny_actors import tiny_resolve_text

from dateline.events import code_events
from dateline.events import participants as participants_module
from dateline.model import Actor, Article


@pytest.fixture()
def tiny_resolver(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Actor | None]:
    """Make the coder resolve actors with :func:`tiny_resolve_text`."""
    monkeypatch.setattr(participants_module, "resolve_text_function", lambda: tiny_resolve_text)
    return tiny_resolve_text


@pytest.fixture()
def code(nlp, tiny_resolver) -> Callable[..., Article]:  # type: ignore[no-untyped-def]
    """Code one text as an article: ``code(text, published=None, **fields) -> Article``."""

    def run(text: str, published: str | None = "2024-05-06", **fields: Any) -> Article:
        article = Article(id="test", text=text, published=published, **fields)
        return code_events(article, nlp(text))

    return run
