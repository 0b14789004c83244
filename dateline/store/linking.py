"""At ingest: link each new article to its story and each new event to its merged event."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import distinct, func, select, update
from sqlalchemy.engine import Connection

from ..dedup.events import dates_compatible, event_key, event_range, locations_compatible
from ..dedup.stories import CONTAINMENT, containment, fingerprint, shingles_of
from ..model import Article, Event, Location
from . import schema as s
from .bulk import insert_rows, update_rows

MAX_CANDIDATES = 10


def link_stories(conn: Connection, batch: list[Article]) -> None:
    """Give each article of a batch (already inserted) its story, the earliest copy as original.

    Candidates come from the LSH keys of earlier articles (one query for the batch) and of
    earlier members of the batch; each is verified by shingle containment.
    """
    fps = {a.id: fingerprint(a.text) for a in batch}
    owners: dict[str, list[str]] = defaultdict(list)
    keys = sorted({k for fp in fps.values() for k in fp.keys})
    for chunk in _chunks(keys):
        for key, aid in conn.execute(
            select(s.story_keys.c.key, s.story_keys.c.article_id).where(s.story_keys.c.key.in_(chunk))
        ):
            owners[key].append(aid)
    known: dict[str, list] = {}  # article id -> [story id, shingles or None, text]
    stored = sorted({aid for ids in owners.values() for aid in ids})
    for chunk in _chunks(stored):
        for aid, text_, story in conn.execute(
            select(s.articles.c.id, s.articles.c.text, s.articles.c.story_id).where(s.articles.c.id.in_(chunk))
        ):
            known[aid] = [story or aid, None, text_]
    assigned: dict[str, str] = {}
    for article in batch:
        fp = fps[article.id]
        shared = Counter(aid for k in fp.keys for aid in owners.get(k, ()) if aid != article.id)
        story_id = article.id
        for cand, _ in shared.most_common(MAX_CANDIDATES):
            entry = known.get(cand)
            if entry is None:
                continue
            if entry[1] is None:
                entry[1] = shingles_of(entry[2])
            if containment(fp.shingles, entry[1]) >= CONTAINMENT:
                story_id = entry[0]
                break
        known[article.id] = [story_id, fp.shingles, article.text]
        for k in fp.keys:
            owners[k].append(article.id)
        assigned[article.id] = story_id
    insert_rows(conn, s.story_keys, [{"key": k, "article_id": a.id} for a in batch for k in fps[a.id].keys])
    update_rows(conn, s.articles, "id", [{"id": aid, "story_id": sid} for aid, sid in assigned.items()])
    _update_stories(conn, batch, assigned)


def _update_stories(conn: Connection, batch: list[Article], assigned: dict[str, str]) -> None:
    members: dict[str, list[Article]] = defaultdict(list)
    for a in batch:
        members[assigned[a.id]].append(a)
    existing = {}
    for chunk in _chunks(sorted(members)):
        for row in conn.execute(select(s.stories).where(s.stories.c.id.in_(chunk))):
            existing[row.id] = row
    fresh = []
    for story_id, arts in members.items():
        first = min(arts, key=lambda a: _utc(a.published) if a.published else "9999")
        row = existing.get(story_id)
        if row is None:
            fresh.append({"id": story_id, "original_id": first.id, "first_published": first.published,
                          "num_articles": len(arts)})
            continue
        values: dict[str, object] = {"num_articles": s.stories.c.num_articles + len(arts)}
        if first.published and (row.first_published is None or _utc(first.published) < _utc(row.first_published)):
            values.update(original_id=first.id, first_published=first.published)
        conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(**values))
    insert_rows(conn, s.stories, fresh)


def _chunks(items: list[str], size: int = 900) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _utc(value: str) -> str:
    from ..model import parse_published

    parsed = parse_published(value)
    if parsed is None:
        return value
    if hasattr(parsed, "utcoffset") and getattr(parsed, "tzinfo", None) is not None:
        from datetime import UTC

        return parsed.astimezone(UTC).isoformat()  # type: ignore[union-attr]
    return parsed.isoformat()


def merge_events(conn: Connection, rows: list[dict], events: list[Event], batch: list[Article]) -> set[str]:
    """Give each new event row (not yet inserted) its ``merged_id``: a merged event that reports
    the same event, or a new one. New merged events are inserted with their counts; returns the
    ids of merged events stored earlier that this batch joined (their counts need a recount)."""
    by_id = {a.id: a for a in batch}
    keyed = [(row, ev, key.as_string()) for row, ev in zip(rows, events, strict=True)
             if (key := event_key(ev)) is not None]
    m = s.merged_events
    candidates: dict[str, list[dict]] = defaultdict(list)  # key -> merged events (as dicts)
    for chunk in _chunks(sorted({k for _, _, k in keyed})):
        for cand in conn.execute(
            select(m.c.id, m.c.key, m.c.date, m.c.enddate, m.c.location_country, m.c.lat, m.c.lon)
            .where(m.c.key.in_(chunk))
        ):
            candidates[cand.key].append(dict(cand._mapping))
    fresh: dict[str, dict] = {}  # merged events started by this batch
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)  # merged id -> (article, source)
    sharpen = []
    for row, event, k in keyed:
        merged_id = None
        for cand in candidates[k]:
            loc = Location(country=cand["location_country"], lat=cand["lat"], lon=cand["lon"]) if (
                cand["location_country"] or cand["lat"] is not None) else None
            if dates_compatible(event.date, cand["date"], event.enddate, cand["enddate"]) and locations_compatible(
                event.location, loc
            ):
                merged_id = cand["id"]
                mine, theirs = event_range(event.date, event.enddate), event_range(cand["date"], cand["enddate"])
                if mine and theirs and (mine[1] - mine[0]) < (theirs[1] - theirs[0]):
                    # a more precise report sharpens a merged event known only by week or month
                    cand["date"], cand["enddate"] = event.date, event.enddate
                    if merged_id in fresh:
                        fresh[merged_id].update(date=event.date, enddate=event.enddate)
                    else:
                        sharpen.append({"id": merged_id, "date": event.date, "enddate": event.enddate})
                break
        article = by_id.get(row["article_id"])
        if merged_id is None:
            merged_id = f"m-{row['id']}"
            fresh[merged_id] = dict(
                id=merged_id, key=k, type=event.type, modality=event.modality,
                actor_country=row["actor_country"], actor_code=row["actor_code"],
                recipient_country=row["recipient_country"], recipient_code=row["recipient_code"],
                date=event.date, enddate=event.enddate, location_name=row["location_name"],
                location_country=row["location_country"], lat=row["lat"], lon=row["lon"], cameo=event.cameo,
                quad_code=event.quad_code, event_scale=event.event_scale,
                first_article_id=row["article_id"], first_url=article.url if article else None,
                record=row["record"],
            )
            candidates[k].append({"id": merged_id, "key": k, "date": event.date, "enddate": event.enddate,
                                  "location_country": row["location_country"], "lat": row["lat"], "lon": row["lon"]})
        row["merged_id"] = merged_id
        source = (article.source.name if article else None) or row["article_id"]
        members[merged_id].append((row["article_id"], source))
    for mid, rec in fresh.items():
        got = members[mid]
        rec.update(num_mentions=len(got), num_articles=len({a for a, _ in got}), num_sources=len({x for _, x in got}))
    insert_rows(conn, m, list(fresh.values()))
    for item in sharpen:  # rare: one at a time keeps every row the same shape
        update_rows(conn, m, "id", [item])
    return set(members) - set(fresh)


def recount(conn: Connection, merged_ids: set[str]) -> None:
    """NumMentions, NumArticles and NumSources of merged events from their member events."""
    if not merged_ids:
        return
    e, a = s.events, s.articles
    source = func.coalesce(a.c.source_name, a.c.id)
    counts = []
    for chunk in _chunks(sorted(merged_ids)):
        counts += conn.execute(
            select(e.c.merged_id, func.count(), func.count(distinct(e.c.article_id)), func.count(distinct(source)))
            .join(a, a.c.id == e.c.article_id)
            .where(e.c.merged_id.in_(chunk))
            .group_by(e.c.merged_id)
        ).all()
    update_rows(conn, s.merged_events, "id", [
        {"id": mid, "num_mentions": m, "num_articles": n, "num_sources": src} for mid, m, n, src in counts
    ])
