"""Fixtures of the web app tests: small stores we write, the app, a sync ASGI client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_fixtures import SyncClient, hostile_article, make_client, sample_article

from dateline.store import open_store


@pytest.fixture
def sample_db(tmp_path: Path) -> str:
    """A SQLite store with 30 hand-written articles over three dyads and one hostile article."""
    db = str(tmp_path / "serve.db")
    dyads = [("IRN", "IRQ", "CONSULT", "Baghdad"), ("USA", "IRN", "ACCUSE", "Geneva"), ("RUS", "UKR", "ASSAULT", "Donetsk")]
    with open_store(db) as store:
        articles = []
        for n in range(30):
            a, b, kind, place = dyads[n % 3]
            articles.append(sample_article(n, a=a, b=b, kind=kind, place=place, day=f"2020-03-{n % 28 + 1:02d}"))
        articles.append(hostile_article())
        store.add_articles(articles)
        store.add_failure("broken/page.html", "no article text found")
    return db


@pytest.fixture
def client(sample_db: str) -> Iterator[SyncClient]:
    c = make_client(sample_db)
    yield c
    c.close()
