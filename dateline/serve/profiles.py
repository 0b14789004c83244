"""Actor and dyad profiles: what the knowledge base and the store say of one actor or one
pair of countries, as plain dicts for both the pages and the API."""

from __future__ import annotations

import logging
from typing import Any

from ..store.query import EventQuery
from ..store.store import Store
from .reads import dyad_type_counts, statements_by, store_actor, weekly_series

__all__ = ["actor_profile", "dyad_profile", "kb_entry"]

log = logging.getLogger(__name__)


def kb_entry(actor_id: str) -> dict[str, Any] | None:
    """The knowledge base's entry for an actor id: name, kind, country, code and offices
    (``office``, ``country``, ``sector``, ``start``, ``end``). None when the KB does not
    know it or cannot be loaded (the page then shows what the store holds)."""
    try:
        from ..actors import load_kb

        kb = load_kb()
    except Exception as e:  # noqa: BLE001 - the KB is another stage's work; the page goes on without it
        log.warning("actor knowledge base unavailable: %s", e)
        return None
    person = kb.persons.get(actor_id)
    if person is not None:
        offices = [
            {"office": t.office, "country": t.country or person.country, "sector": t.sector,
             "start": t.start.isoformat() if t.start else None, "end": t.end.isoformat() if t.end else None}
            for t in person.terms
        ]
        offices.sort(key=lambda o: o["start"] or "", reverse=True)
        return {"id": person.id, "name": person.name, "kind": "person", "country": person.country,
                "aliases": list(person.aliases), "offices": offices}
    for country in kb.countries.values():
        if country.id == actor_id or country.code == actor_id.upper():
            return {"id": country.id, "name": country.name, "kind": "state", "country": country.code,
                    "code": country.code, "aliases": list(country.aliases), "offices": []}
    org = kb.organisations.get(actor_id)
    if org is not None:
        return {"id": org.id, "name": org.name, "kind": org.kind or "organisation", "country": org.country,
                "code": org.code, "aliases": list(org.aliases), "offices": []}
    group = kb.groups.get(actor_id)
    if group is not None:
        return {"id": group.id, "name": group.name, "kind": "group",
                "country": group.countries[0] if group.countries else None,
                "code": group.code or group.cameo, "aliases": list(group.aliases), "offices": [],
                "start": group.start.isoformat() if group.start else None,
                "end": group.end.isoformat() if group.end else None}
    return None


def actor_profile(store: Store, actor_id: str, *, limit: int = 100) -> dict[str, Any] | None:
    """An actor's KB entry, how articles named it, its events (as actor and as recipient)
    and its statements; None when neither the KB nor the store knows the id."""
    kb = kb_entry(actor_id)
    seen = store_actor(store, actor_id)
    rows = store.query_events(EventQuery(actor=actor_id, limit=limit * 2))
    as_actor = [r for r in rows if r.get("actor_id") == actor_id][:limit]
    as_recipient = [r for r in rows if r.get("recipient_id") == actor_id][:limit]
    statements = statements_by(store, actor_id, limit=limit)
    if kb is None and seen is None and not rows and not statements:
        return None
    name = (kb or {}).get("name") or (seen or {}).get("name") or actor_id
    return {"id": actor_id, "name": name, "kb": kb, "in_articles": seen,
            "events_as_actor": as_actor, "events_as_recipient": as_recipient, "statements": statements}


def dyad_profile(store: Store, a: str, b: str, *, since: str | None = None, until: str | None = None,
                 merged: bool = True) -> dict[str, Any]:
    """Two countries: the weekly series of their events and their events by type.

    Merged events (one per real event) are read when the store has them for the dyad;
    otherwise every mention.
    """
    a, b = a.upper(), b.upper()
    days = store.dyad_timeline(a, b, since=since, until=until, merged=merged)
    if merged and not days:
        days = store.dyad_timeline(a, b, since=since, until=until, merged=False)
        merged = False
    return {"a": a, "b": b, "since": since, "until": until, "merged": merged,
            "weeks": weekly_series(days), "by_type": dyad_type_counts(store, a, b, since=since, until=until)}
