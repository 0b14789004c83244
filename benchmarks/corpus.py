"""Articles for the stage benchmarks: a JSONL file's, or a built-in story repeated."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.model import Article


def load_articles(path: str | None, *, story: str, published: str, copies: int,
                  limit: int | None = None) -> list[Article]:
    """The articles of a JSONL file (``{"id", "text", "published"?}``, at most ``limit``), or
    ``copies`` copies of ``story`` published at ``published`` when no file is given."""
    if path is None:
        return [Article(id=str(i), text=story, published=published) for i in range(copies)]
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if limit is not None and len(out) >= limit:
            break
        if line.strip():
            r = json.loads(line)
            out.append(Article(id=r["id"], text=r["text"], published=r.get("published")))
    return out
