"""Read events out of the store for export: merged events (default) or every mention."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ..model import Event
from ..store import Store
from ..store import schema as s


@dataclass
class ExportRow:
    """One event to export, with its article's citation and its merged counts."""

    event: Event
    article_id: str
    url: str | None
    title: str | None
    source: str | None
    language: str | None
    ingested_at: str | None
    is_root: bool
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1
    merged_id: str | None = None


def iter_rows(store: Store, *, mentions: bool = False, batch_size: int = 1000) -> Iterator[ExportRow]:
    """Every merged event (one per real event), or with ``mentions`` every event record."""
    e, a, m = s.events, s.articles, s.merged_events
    first_break = (
        func.instr(a.c.text, "\n\n") if store.dialect == "sqlite" else func.strpos(a.c.text, "\n\n")
    )
    is_root = (first_break == 0) | (e.c.evidence_start < first_break)
    cols: list[Any] = [e.c.id, e.c.record, e.c.article_id, a.c.url, a.c.input, a.c.title, a.c.source_name,
                       a.c.language, a.c.ingested_at, is_root.label("is_root"), e.c.merged_id]
    if mentions:
        base = select(*cols).join(a, a.c.id == e.c.article_id)
    else:
        # the first event of each merged event stands for it, with the merged counts
        e2 = e.alias("first_event")
        first = select(func.min(e2.c.id)).where(e2.c.merged_id == m.c.id).correlate(m).scalar_subquery()
        cols += [m.c.num_mentions, m.c.num_articles, m.c.num_sources, m.c.date.label("merged_date")]
        base = select(*cols).select_from(m).join(e, e.c.id == first).join(a, a.c.id == e.c.article_id)
    last = ""
    while True:
        with store.transaction() as conn:
            rows = conn.execute(base.where(e.c.id > last).order_by(e.c.id).limit(batch_size)).all()
        if not rows:
            return
        for r in rows:
            event = Event.model_validate_json(r.record)
            mp = r._mapping
            if not mentions and mp.get("merged_date"):
                event.date = mp["merged_date"]
            yield ExportRow(
                event=event, article_id=r.article_id, url=r.url or r.input, title=r.title,
                source=r.source_name, language=r.language, ingested_at=r.ingested_at, is_root=bool(r.is_root),
                num_mentions=mp.get("num_mentions", 1), num_articles=mp.get("num_articles", 1),
                num_sources=mp.get("num_sources", 1), merged_id=r.merged_id,
            )
        last = rows[-1].id
