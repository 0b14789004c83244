"""PLOVER JSON records (the manual's data-exchange chapter), one event per line."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..model import Participant
from .rows import ExportRow


def _entity(p: Participant) -> dict[str, Any]:
    code = p.code or p.country or ""
    return {
        "code": p.country or code[:3] or None,
        "sector": p.sector or (code[3:6] if len(code) >= 6 else None),
        "entity_text": p.text,
        "identifier_id": p.actor,
        "actor_code": p.code,
    }


def plover_record(row: ExportRow) -> dict[str, Any]:
    """One PLOVER record: the manual's named fields plus dateline's modality and provenance."""
    ev = row.event
    loc = ev.location
    rec: dict[str, Any] = {
        "id": row.merged_id or ev.id,
        "has_event": True,
        "date": (ev.date or "")[:10] or None,
        "enddate": (ev.enddate or "")[:10] or None,
        "actor": [_entity(p) for p in ev.actor],
        "recipient": [_entity(p) for p in ev.recipient],
        "event": [ev.type],
        "mode": ev.mode,
        "context": ev.context,
        "quad_code": ev.quad_code,
        "event_scale": ev.event_scale,
        "event_loc": None if loc is None else {
            "extracted_place": loc.name, "resolved_place": loc.name, "geonameid": loc.geonameid,
            "lat": loc.lat, "lon": loc.lon, "country_code": loc.country,
        },
        "event_text": [ev.trigger.text] if ev.trigger else [],
        "text": ev.evidence.text if ev.evidence else None,
        "text_info": None if ev.evidence is None else {"start": ev.evidence.start, "end": ev.evidence.end},
        "cite_info": {"url": row.url, "title": row.title, "publication": row.source, "language": row.language,
                      "coder": f"dateline {__version__}", "codebook": "plover-2021"},
        "coder": f"dateline {__version__}",
        "coded_date": datetime.now(UTC).date().isoformat(),
        # dateline's additions
        "modality": ev.modality,
        "said_by": ev.said_by,
        "date_source": ev.date_source,
        "cameo": ev.cameo,
        "num_mentions": row.num_mentions,
        "num_articles": row.num_articles,
        "num_sources": row.num_sources,
        "article_id": row.article_id,
        "mention_id": ev.id,
    }
    return rec
