"""Read queries the web pages need beyond :class:`~dateline.store.Store`'s own methods.

All are SQLAlchemy Core selects over the store's schema, so every value is a bound parameter.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from ..store import schema as s
from ..store.store import Store

__all__ = [
    "dyad_type_counts",
    "event_locations",
    "statements_by",
    "store_actor",
    "top_dyads",
    "weekly_series",
]


def _dyad_condition(table: Any, a: str, b: str) -> Any:
    a, b = a.upper(), b.upper()
    return or_(and_(table.c.actor_country == a, table.c.recipient_country == b),
               and_(table.c.actor_country == b, table.c.recipient_country == a))


def dyad_type_counts(store: Store, a: str, b: str, *, since: str | None = None,
                     until: str | None = None) -> dict[str, int]:
    """Events between two countries (either direction, every modality) by PLOVER type."""
    e = s.events
    conds = [_dyad_condition(e, a, b)]
    if since:
        conds.append(e.c.date >= since)
    if until:
        conds.append(e.c.date <= until + "\uffff")
    stmt = select(e.c.type, func.count()).where(*conds).group_by(e.c.type).order_by(func.count().desc())
    with store.transaction() as conn:
        return {t: int(n) for t, n in conn.execute(stmt).all()}


def weekly_series(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold :meth:`Store.dyad_timeline` rows (day, quad_code, n, score) into ISO weeks.

    Returns one row per week that has events, oldest first: ``week`` (its Monday), ``n``,
    ``score`` (the mean PLOVER/Goldstein score of the week's events), ``cooperation`` and
    ``conflict`` (counts of quad classes 1-2 and 3-4).
    """
    weeks: dict[str, dict[str, Any]] = {}
    for row in days:
        try:
            day = date.fromisoformat(str(row["day"])[:10])
        except (TypeError, ValueError):
            continue
        monday = (day - timedelta(days=day.weekday())).isoformat()
        w = weeks.setdefault(monday, {"week": monday, "n": 0, "total": 0.0, "scored": 0,
                                      "cooperation": 0, "conflict": 0})
        n = int(row.get("n") or 0)
        w["n"] += n
        if row.get("score") is not None:
            w["total"] += float(row["score"]) * n
            w["scored"] += n
        quad = row.get("quad_code")
        if quad in (1, 2):
            w["cooperation"] += n
        elif quad in (3, 4):
            w["conflict"] += n
    out = []
    for monday in sorted(weeks):
        w = weeks[monday]
        score = round(w["total"] / w["scored"], 2) if w["scored"] else None
        out.append({"week": monday, "n": w["n"], "score": score,
                    "cooperation": w["cooperation"], "conflict": w["conflict"]})
    return out


def top_dyads(store: Store, *, limit: int = 20) -> list[dict[str, Any]]:
    """The country pairs with the most events (either direction), most first."""
    e = s.events
    lo = func.min(e.c.actor_country, e.c.recipient_country)
    hi = func.max(e.c.actor_country, e.c.recipient_country)
    if store.dialect != "sqlite":
        lo = func.least(e.c.actor_country, e.c.recipient_country)
        hi = func.greatest(e.c.actor_country, e.c.recipient_country)
    stmt = (
        select(lo.label("a"), hi.label("b"), func.count().label("n"))
        .where(e.c.actor_country.is_not(None), e.c.recipient_country.is_not(None),
               e.c.actor_country != e.c.recipient_country)
        .group_by(lo, hi).order_by(func.count().desc()).limit(limit)
    )
    with store.transaction() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt).all()]


def event_locations(store: Store, *, type: str | None = None, modality: str | None = None,
                    country: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int = 2000) -> list[dict[str, Any]]:
    """Places events happened at, with their coordinates and how many events each."""
    e = s.events
    conds = [e.c.lat.is_not(None), e.c.lon.is_not(None)]
    if type:
        conds.append(e.c.type == type.upper())
    if modality:
        conds.append(e.c.modality == modality)
    if country:
        c = country.upper()
        conds.append(or_(e.c.actor_country == c, e.c.recipient_country == c, e.c.location_country == c))
    if since:
        conds.append(e.c.date >= since)
    if until:
        conds.append(e.c.date <= until + "\uffff")
    stmt = (
        select(e.c.location_name.label("name"), e.c.location_country.label("country"),
               func.avg(e.c.lat).label("lat"), func.avg(e.c.lon).label("lon"),
               func.count().label("n"), func.avg(e.c.event_scale).label("score"))
        .where(*conds).group_by(e.c.location_name, e.c.location_country)
        .order_by(func.count().desc()).limit(limit)
    )
    with store.transaction() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt).all()]


def statements_by(store: Store, actor_id: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """Statements whose speaker was resolved to this actor, with their article's title."""
    st, a = s.statements, s.articles
    stmt = (
        select(st.c.article_id, st.c.idx, st.c.speaker, st.c.cue, st.c.content, st.c.kind,
               st.c.date, st.c.content_start, a.c.title.label("article_title"))
        .join(a, a.c.id == st.c.article_id)
        .where(st.c.speaker_actor == actor_id)
        .order_by(st.c.date.desc(), st.c.article_id, st.c.idx).limit(limit)
    )
    with store.transaction() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt).all()]


def store_actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """How articles in the store saw an actor: its latest name, country, sector, office, kind."""
    aa = s.article_actors
    stmt = (
        select(aa.c.actor_id, aa.c.name, aa.c.country, aa.c.sector, aa.c.office, aa.c.code, aa.c.kind,
               func.count().over().label("articles"))
        .where(aa.c.actor_id == actor_id).limit(1)
    )
    with store.transaction() as conn:
        row = conn.execute(stmt).first()
    return dict(row._mapping) if row else None
