"""Shared fixtures: the real pinned spaCy pipeline, store URLs (SQLite file, PostgreSQL server)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PG_URL = os.environ.get("DATELINE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def services_required() -> bool:
    """In CI (DATELINE_REQUIRE_SERVICES=1) a missing server fails the test instead of skipping it."""
    return os.environ.get("DATELINE_REQUIRE_SERVICES", "") not in ("", "0")


@pytest.fixture(scope="session", autouse=True)
def _kb_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The knowledge-base cache goes to a temporary folder, not the user's ~/.cache."""
    old = os.environ.get("DATELINE_CACHE_DIR")
    os.environ["DATELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("kb-cache"))
    yield
    if old is None:
        os.environ.pop("DATELINE_CACHE_DIR", None)
    else:
        os.environ["DATELINE_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    return load_nlp(settings.spacy_model)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def _pg_available() -> str | None:
    """None when the PostgreSQL server answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("select 1")
        return None
    except Exception as e:  # noqa: BLE001 - any failure means: no server to test against
        return f"no PostgreSQL server answers at {PG_URL}: {str(e).strip().splitlines()[0] if str(e) else type(e).__name__}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    reason = _pg_available()
    if reason:
        if services_required():
            pytest.fail(f"{reason} (DATELINE_REQUIRE_SERVICES=1: the server is required)")
        pytest.skip(reason)
    return PG_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import psycopg

    schema = f"dl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'create schema "{schema}"')
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options=-csearch_path%3D{schema}&application_name={schema}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'drop schema "{schema}" cascade')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same store tests against a SQLite file and the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
