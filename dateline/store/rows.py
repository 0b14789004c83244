"""Article records -> rows of the child tables and the events table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from ..model import Article, Event, Participant
from . import schema as s


def child_rows(batch: list[Article]) -> dict[Table, list[dict[str, Any]]]:
    """Rows for entities, actors, places, times and statements of every article in a batch."""
    out: dict[Table, list[dict[str, Any]]] = {
        s.entities: [], s.article_actors: [], s.places: [], s.times: [], s.statements: []
    }
    for a in batch:
        for i, e in enumerate(a.entities):
            out[s.entities].append({"article_id": a.id, "idx": i, "text": e.text, "start": e.start,
                                    "end": e.end, "label": e.label, "actor": e.actor})
        for i, ac in enumerate(a.actors):
            out[s.article_actors].append({"article_id": a.id, "idx": i, "actor_id": ac.id, "name": ac.name,
                                          "country": ac.country, "sector": ac.sector, "office": ac.office,
                                          "code": ac.code, "kind": ac.kind})
        for i, p in enumerate(a.places):
            out[s.places].append({"article_id": a.id, "idx": i, "text": p.text, "start": p.start, "end": p.end,
                                  "name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat,
                                  "lon": p.lon, "geonameid": p.geonameid})
        for i, t in enumerate(a.times):
            out[s.times].append({"article_id": a.id, "idx": i, "text": t.text, "start": t.start, "end": t.end,
                                 "type": t.type, "value": t.value, "enddate": t.enddate})
        for i, st in enumerate(a.statements):
            out[s.statements].append({
                "article_id": a.id, "idx": i,
                "speaker": st.speaker.text if st.speaker else None,
                "speaker_actor": st.speaker.actor if st.speaker else None,
                "cue": st.cue.text if st.cue else None,
                "addressee": st.addressee.text if st.addressee else None,
                "content": st.content.text, "content_start": st.content.start,
                "content_end": st.content.end, "kind": st.kind, "date": st.date,
            })
    return out


def _first(parts: list[Participant]) -> Participant | None:
    return parts[0] if parts else None


def event_row(article_id: str, idx: int, ev: Event) -> dict[str, Any]:
    """One row of the events table for one event of an article."""
    actor, recipient = _first(ev.actor), _first(ev.recipient)
    loc = ev.location
    return {
        "id": ev.id or f"{article_id}-e{idx}", "article_id": article_id, "idx": idx,
        "type": ev.type, "modality": ev.modality,
        "actor_id": actor.actor if actor else None,
        "actor_country": actor.country if actor else None,
        "actor_code": actor.code if actor else None,
        "recipient_id": recipient.actor if recipient else None,
        "recipient_country": recipient.country if recipient else None,
        "recipient_code": recipient.code if recipient else None,
        "date": ev.date, "enddate": ev.enddate,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "evidence": ev.evidence.text if ev.evidence else None,
        "evidence_start": ev.evidence.start if ev.evidence else None,
        "evidence_end": ev.evidence.end if ev.evidence else None,
        "said_by": ev.said_by, "cameo": ev.cameo, "quad_code": ev.quad_code,
        "event_scale": ev.event_scale, "confidence": ev.confidence, "record": ev.to_json(),
        "merged_id": None,
    }


def event_rows(batch: list[Article]) -> list[dict[str, Any]]:
    rows = []
    seen: set[str] = set()
    for a in batch:
        for i, ev in enumerate(a.events):
            row = event_row(a.id, i, ev)
            if row["id"] in seen:
                row["id"] = f"{row['id']}-{i}"
            seen.add(row["id"])
            rows.append(row)
    return rows
