"""Resuming a run: what is already done is neither analysed nor, when logged, even read.

Two checks, both cheap next to the NLP stage:

* :func:`stored_ids` - after extraction, before analysis: articles whose id or content hash
  the store already holds (an interrupted run's committed batches).
* :class:`RunLog` - before reading: input files (path + size + mtime) whose every article was
  committed by an earlier run. A changed file (new size or mtime) is read again.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from ..errors import DatelineError

if TYPE_CHECKING:
    from ..model import Article
    from ..store import Store

log = logging.getLogger(__name__)

__all__ = ["RunLog", "default_run_log", "file_key", "store_fingerprint", "stored_ids"]


@lru_cache(maxsize=4)
def _open_store(url: str) -> Store:
    from ..store import open_store

    return open_store(url)


def stored_ids(store: Store | str, articles: Sequence[Article]) -> set[str]:
    """Ids of the given articles that the store already holds (by id or by content hash).

    Args:
        store: an open store, or its URL (opened once per process and kept).
        articles: extracted articles.

    A store that cannot be read gives an empty set: the articles are analysed and the store's
    own duplicate check still keeps them from being stored twice.
    """
    from ..store import schema as s

    ids = [a.id for a in articles]
    hashes = [a.content_hash or a.id for a in articles]
    try:
        if isinstance(store, str):
            store = _open_store(store)
        with store.transaction() as conn:
            rows = conn.execute(
                select(s.articles.c.id, s.articles.c.content_hash).where(
                    or_(s.articles.c.id.in_(ids), s.articles.c.content_hash.in_(hashes))
                )
            ).all()
    except DatelineError as e:
        log.warning("cannot check the store for stored articles: %s", e)
        return set()
    seen_ids = {r.id for r in rows}
    seen_hashes = {r.content_hash for r in rows}
    return {a.id for a, h in zip(articles, hashes, strict=True) if a.id in seen_ids or h in seen_hashes}


def file_key(path: str) -> str | None:
    """``path<TAB>size<TAB>mtime_ns`` for a local file, ``None`` for anything else (URL, stdin)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{os.path.abspath(path)}\t{st.st_size}\t{st.st_mtime_ns}"


def default_run_log(store_url: str) -> Path | None:
    """Where a SQLite store keeps its run log (``<db>.runlog``); ``None`` for server stores."""
    if "://" in store_url and not store_url.startswith("sqlite:///"):
        return None
    path = store_url.removeprefix("sqlite:///").split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path + ".runlog")


def store_fingerprint(store: Store) -> str:
    """What tells one store from another at the same path: when its first run started."""
    from ..store import schema as s

    try:
        with store.transaction() as conn:
            first = conn.execute(select(s.runs.c.started_at).order_by(s.runs.c.id).limit(1)).scalar()
    except DatelineError:
        return ""
    return str(first or "")


class RunLog:
    """An append-only file of finished input files, one :func:`file_key` per line.

    Args:
        path: the log file (created on the first finished input); ``None`` keeps nothing.
        store: the store's :func:`store_fingerprint`; lines written for another store (a
            database deleted and created again at the same path) are ignored.
    """

    def __init__(self, path: Path | None, *, store: str = "") -> None:
        self.path = path
        self.store = store
        self.done: set[str] = set()
        self.articles: dict[str, int] = {}
        self.skipped_articles = 0
        """Articles in the files skipped so far (stored by the earlier run)."""
        if path is not None and path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                    if entry.get("store", "") == store:
                        self.done.add(entry["file"])
                        self.articles[entry["file"]] = int(entry.get("articles", 0))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue  # a torn last line from an interrupted run

    def is_done(self, key: str | None) -> bool:
        """Whether this input file was finished by an earlier run."""
        return key is not None and key in self.done

    def skip(self, key: str) -> None:
        """Count the articles of a finished file that is not read again."""
        self.skipped_articles += self.articles.get(key, 0)

    def mark_done(self, files: dict[str, int]) -> None:
        """Record finished input files with their article counts (after they were committed)."""
        fresh = {k: n for k, n in files.items() if k not in self.done}
        self.articles.update(fresh)
        if not fresh or self.path is None:
            self.done.update(fresh)
            return
        try:
            with open(self.path, "a", encoding="utf-8") as f:
                f.writelines(json.dumps({"file": k, "store": self.store, "articles": n}) + "\n" for k, n in fresh.items())
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            log.warning("cannot write the run log %s: %s", self.path, e)
        self.done.update(fresh)
