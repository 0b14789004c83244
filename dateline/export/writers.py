"""Write the store's events in one of the export formats."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..store import Store
from .gdelt import gdelt_row
from .plover import plover_record
from .rows import ExportRow, iter_rows

FORMATS = ("plover", "gdelt", "csv", "parquet", "jsonl")

FLAT_COLUMNS = (
    "id", "article_id", "merged_id", "type", "modality", "mode", "context",
    "actor_text", "actor_id", "actor_country", "actor_code", "actor_sector",
    "recipient_text", "recipient_id", "recipient_country", "recipient_code", "recipient_sector",
    "date", "enddate", "date_source", "location_name", "location_country", "lat", "lon",
    "said_by", "cameo", "quad_code", "event_scale", "confidence",
    "num_mentions", "num_articles", "num_sources", "evidence", "evidence_start", "evidence_end",
    "url", "title", "source",
)


def flat_row(row: ExportRow) -> dict[str, Any]:
    ev = row.event
    a = ev.actor[0] if ev.actor else None
    r = ev.recipient[0] if ev.recipient else None
    loc = ev.location
    return {
        "id": ev.id, "article_id": row.article_id, "merged_id": row.merged_id, "type": ev.type,
        "modality": ev.modality, "mode": ";".join(ev.mode), "context": ";".join(ev.context),
        "actor_text": "; ".join(p.text for p in ev.actor) or None, "actor_id": a.actor if a else None,
        "actor_country": a.country if a else None, "actor_code": a.code if a else None,
        "actor_sector": a.sector if a else None,
        "recipient_text": "; ".join(p.text for p in ev.recipient) or None,
        "recipient_id": r.actor if r else None, "recipient_country": r.country if r else None,
        "recipient_code": r.code if r else None, "recipient_sector": r.sector if r else None,
        "date": ev.date, "enddate": ev.enddate, "date_source": ev.date_source,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "said_by": ev.said_by, "cameo": ev.cameo, "quad_code": ev.quad_code, "event_scale": ev.event_scale,
        "confidence": ev.confidence, "num_mentions": row.num_mentions, "num_articles": row.num_articles,
        "num_sources": row.num_sources, "evidence": ev.evidence.text if ev.evidence else None,
        "evidence_start": ev.evidence.start if ev.evidence else None,
        "evidence_end": ev.evidence.end if ev.evidence else None,
        "url": row.url, "title": row.title, "source": row.source,
    }


def export_events(
    store: Store, fmt: str, *, output: str | Path | None = None, mentions: bool = False, header: bool = False,
) -> int:
    """Write every event (merged by default; every mention with ``mentions``); returns the count.

    Args:
        fmt: one of :data:`FORMATS`.
        output: a file path; ``None`` writes to stdout (not for parquet).
        header: for gdelt, write the column names as a first line (GDELT's files have none).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    rows = iter_rows(store, mentions=mentions)
    if fmt == "parquet":
        if output is None:
            raise ConfigError("parquet needs an output file: -o FILE.parquet")
        return _parquet(rows, Path(output))
    out: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115 - closed below
    try:
        return _text(rows, fmt, out, header)
    finally:
        if output:
            out.close()


def _text(rows: Iterator[ExportRow], fmt: str, out: IO[str], header: bool) -> int:
    n = 0
    if fmt in ("plover", "jsonl"):
        for row in rows:
            rec = plover_record(row) if fmt == "plover" else {
                **row.event.model_dump(), "article_id": row.article_id, "merged_id": row.merged_id,
                "num_mentions": row.num_mentions, "num_articles": row.num_articles, "num_sources": row.num_sources,
                "url": row.url,
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "gdelt":
        from .gdelt import GDELT_COLUMNS

        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        if header:
            writer.writerow(GDELT_COLUMNS)
        for row in rows:
            writer.writerow([_clean(v) for v in gdelt_row(row)])
            n += 1
        return n
    writer2 = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    writer2.writeheader()
    for row in rows:
        writer2.writerow(flat_row(row))
        n += 1
    return n


def _clean(value: Any) -> Any:
    return value.replace("\t", " ").replace("\n", " ") if isinstance(value, str) else value


def _parquet(rows: Iterator[ExportRow], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ConfigError("parquet export needs pyarrow: pip install 'dateline[dist]'") from e
    writer = None
    n = 0
    batch: list[dict[str, Any]] = []
    schema = pa.schema([(c, pa.float64() if c in ("lat", "lon", "event_scale", "confidence") else
                         pa.int64() if c in ("quad_code", "num_mentions", "num_articles", "num_sources",
                                             "evidence_start", "evidence_end") else pa.string())
                        for c in FLAT_COLUMNS])
    try:
        for row in rows:
            batch.append(flat_row(row))
            n += 1
            if len(batch) >= 10_000:
                writer = writer or pq.ParquetWriter(path, schema)
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer = writer or pq.ParquetWriter(path, schema)
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    finally:
        if writer is not None:
            writer.close()
    return n
