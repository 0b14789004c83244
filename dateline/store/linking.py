"""At ingest: link each new article to its story and each new event to its merged event."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import delete, distinct, func, insert, select, update
from sqlalchemy.engine import Connection

from ..dedup.events import dates_compatible, event_range, locations_compatible, merge_key
from ..dedup.stories import CONTAINMENT, containment, fingerprints, shingles_of
from ..model import Article, Event, Location, parse_published
from . import schema as s
from .bulk import insert_rows, insert_tuples, select_in, select_pairs, update_rows

MAX_CANDIDATES = 10
MAX_SPAN_DAYS = 400  # an event's span up to this long is read as its days, a longer one by its key


@dataclass
class StoryLinks:
    """The story of each article of a batch, the LSH keys to store for it, and the stories
    stored earlier that the batch showed to be one (each -> the story it joins)."""

    story_of: dict[str, str]  # article id -> story id
    keys: dict[str, tuple[str, ...]]  # article id -> LSH keys
    joined: dict[str, str]  # stored story id -> stored story id it is part of


def link_stories(conn: Connection, batch: list[Article]) -> StoryLinks:
    """The story of each article of a batch (not yet inserted), the earliest copy as original.

    Candidates come from the LSH keys of earlier articles (one query for the batch) and of
    earlier members of the batch; each is verified by shingle containment. An article that is a
    copy of two stories joins them into one (single linkage): copies of one wire story cut in
    different places may not contain each other, while a later, fuller copy contains both.
    Only reads: the caller inserts the articles with their ``story_id`` and then calls
    :func:`save_stories`.
    """
    fps = dict(zip([a.id for a in batch], fingerprints([a.text for a in batch]), strict=True))
    owners: dict[str, list[str]] = defaultdict(list)
    keys = sorted({k for fp in fps.values() for k in fp.keys})
    for key, aid in select_in(conn, s.story_keys, ("key", "article_id"), "key", keys):
        owners[key].append(aid)
    known: dict[str, list] = {}  # article id -> [story id, shingles or None, text]
    stored = sorted({aid for ids in owners.values() for aid in ids})
    for aid, text_, story in select_in(conn, s.articles, ("id", "text", "story_id"), "id", stored):
        known[aid] = [story or aid, None, text_]
    stored_stories = {entry[0] for entry in known.values()}
    into: dict[str, str] = {}  # story -> the story it joined

    def find(story: str) -> str:
        while story in into:
            story = into[story]
        return story

    assigned: dict[str, str] = {}
    for article in batch:
        fp = fps[article.id]
        matched: list[str] = []  # the stories it is a copy of, most shared keys first
        if any(k in owners for k in fp.keys):
            shared = Counter(aid for k in fp.keys for aid in owners.get(k, ()) if aid != article.id)
            for cand, _ in shared.most_common(MAX_CANDIDATES):
                entry = known.get(cand)
                if entry is None or (story := find(entry[0])) in matched:
                    continue
                if entry[1] is None:
                    entry[1] = shingles_of(entry[2])
                if containment(fp.shingles, entry[1]) >= CONTAINMENT:
                    matched.append(story)
        story_id = article.id
        if matched:  # a stored story survives a join, so that stored stories only join stored ones
            story_id = next((x for x in matched if x in stored_stories), matched[0])
            into.update((x, story_id) for x in matched if x != story_id)
        known[article.id] = [story_id, fp.shingles, article.text]
        for k in fp.keys:
            owners[k].append(article.id)
        assigned[article.id] = story_id
    return StoryLinks(
        story_of={aid: find(story) for aid, story in assigned.items()},
        keys={aid: fp.keys for aid, fp in fps.items()},
        joined={story: find(story) for story in into if story in stored_stories},
    )


def save_stories(conn: Connection, batch: list[Article], links: StoryLinks) -> None:
    """Store the LSH keys of a batch's articles (inserted), join the stored stories the batch
    showed to be one, and add the articles to their stories."""
    insert_tuples(conn, s.story_keys, ("key", "article_id"), [(k, aid) for aid, ks in links.keys.items() for k in ks])
    for old, new in sorted(links.joined.items()):
        _join_story(conn, old, new)
    _update_stories(conn, batch, links.story_of)


def _join_story(conn: Connection, old: str, new: str) -> None:
    """Move the articles of story ``old`` to story ``new``; the earliest original stays original."""
    a, st = s.articles, s.stories
    conn.execute(update(a).where((a.c.story_id == old) | ((a.c.id == old) & a.c.story_id.is_(None)))
                 .values(story_id=new))
    rows = {r.id: r for r in conn.execute(select(st).where(st.c.id.in_([old, new])))}
    gone, kept = rows.get(old), rows.get(new)
    if gone is None:
        return
    if kept is None:
        conn.execute(insert(st).values(id=new, original_id=gone.original_id, first_published=gone.first_published,
                                       num_articles=gone.num_articles))
    else:
        values: dict[str, object] = {"num_articles": st.c.num_articles + gone.num_articles}
        if gone.first_published and (kept.first_published is None
                                     or _utc(gone.first_published) < _utc(kept.first_published)):
            values.update(original_id=gone.original_id, first_published=gone.first_published)
        conn.execute(update(st).where(st.c.id == new).values(**values))
    conn.execute(delete(st).where(st.c.id == old))


def _update_stories(conn: Connection, batch: list[Article], assigned: dict[str, str]) -> None:
    members: dict[str, list[Article]] = defaultdict(list)
    for a in batch:
        members[assigned[a.id]].append(a)
    existing = {row[0]: row for row in select_in(conn, s.stories, ("id", "first_published"), "id", sorted(members))}
    fresh = []
    for story_id, arts in members.items():
        first = arts[0] if len(arts) == 1 else min(arts, key=lambda a: _utc(a.published) if a.published else "9999")
        row = existing.get(story_id)  # (id, first_published)
        if row is None:
            fresh.append({"id": story_id, "original_id": first.id, "first_published": first.published,
                          "num_articles": len(arts)})
            continue
        values: dict[str, object] = {"num_articles": s.stories.c.num_articles + len(arts)}
        if first.published and (row[1] is None or _utc(first.published) < _utc(row[1])):
            values.update(original_id=first.id, first_published=first.published)
        conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(**values))
    insert_rows(conn, s.stories, fresh)


def _chunks(items: list[str], size: int = 900) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _utc(value: str) -> str:
    parsed = parse_published(value)
    if parsed is None:
        return value
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        return parsed.astimezone(UTC).isoformat()
    return parsed.isoformat()


def merge_events(conn: Connection, rows: list[dict], events: list[Event], batch: list[Article]) -> set[str]:
    """Give each new event row (not yet inserted) its ``merged_id``: a merged event that reports
    the same event, or a new one. New merged events are inserted with their counts; returns the
    ids of merged events stored earlier that this batch joined (their counts need a recount)."""
    by_id = {a.id: a for a in batch}
    keyed = [(row, ev, key) for row, ev in zip(rows, events, strict=True) if (key := merge_key(ev)) is not None]
    m = s.merged_events
    candidates = _merge_candidates(conn, keyed)
    fresh: dict[str, dict] = {}  # merged events started by this batch
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)  # merged id -> (article, source)
    sharpen = []
    for row, event, k in keyed:
        merged_id = None
        for cand in candidates[k]:
            if dates_compatible(event.date, cand["date"], event.enddate, cand["enddate"]) and locations_compatible(
                event.location, cand["loc"]
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
            fresh[merged_id] = {
                "id": merged_id, "key": k, "type": event.type, "modality": event.modality,
                "actor_country": row["actor_country"], "actor_code": row["actor_code"],
                "recipient_country": row["recipient_country"], "recipient_code": row["recipient_code"],
                "date": event.date, "enddate": event.enddate, "location_name": row["location_name"],
                "location_country": row["location_country"], "lat": row["lat"], "lon": row["lon"], "cameo": event.cameo,
                "quad_code": event.quad_code, "event_scale": event.event_scale,
                "first_article_id": row["article_id"], "first_url": article.url if article else None,
            }
            candidates[k].append({"id": merged_id, "key": k, "date": event.date, "enddate": event.enddate,
                                  "loc": event.location})
        row["merged_id"] = merged_id
        source = (article.source.name if article else None) or row["article_id"]
        members[merged_id].append((row["article_id"], source))
    for mid, rec in fresh.items():
        got = members[mid]
        if len(got) == 1:
            rec.update(num_mentions=1, num_articles=1, num_sources=1)
        else:
            rec.update(num_mentions=len(got), num_articles=len({a for a, _ in got}),
                       num_sources=len({x for _, x in got}))
    insert_rows(conn, m, list(fresh.values()))
    for item in sharpen:  # rare: one at a time keeps every row the same shape
        update_rows(conn, m, "id", [item])
    return set(members) - set(fresh)


def _merge_candidates(conn: Connection, keyed: list[tuple[dict, Event, str]]) -> dict[str, list[dict]]:
    """Merged events stored earlier that events of a batch may join (their key -> them, as dicts).

    A merged event known by one plain ``YYYY-MM-DD`` day can only be compatible with an event
    of its key that covers that day (rule 3), so those are looked up by (key, day) for the days
    the batch's events cover; all others (a week, month or year, an end date, a time or any
    other form: :data:`schema.MERGED_SPAN_SQL`) are looked up by key (a partial index holds them). A batch so reads about as many rows as it has events, not every
    merged event of a dyad's year. Day-precise candidates come before spans.
    """
    pairs: set[tuple[str, str]] = set()
    wide: set[str] = set()  # keys with an event of a span too long to list its days
    for _, ev, k in keyed:
        d: str = ev.date  # type: ignore[assignment]  # keyed events have a date
        pairs.add((k, d))  # a plain day is its own day; a value that does not parse matches as text
        if not ev.enddate and len(d) == 10 and d[4] == "-" and d[7] == "-":
            continue
        r = event_range(d, ev.enddate)
        if r is None:
            continue
        span = (r[1] - r[0]).days
        if span == 0:
            pairs.add((k, r[0].isoformat()))
        elif span > MAX_SPAN_DAYS:
            wide.add(k)
        else:
            pairs.update((k, (r[0] + timedelta(days=i)).isoformat()) for i in range(span + 1))
    narrow = sorted({k for _, _, k in keyed} - wide)
    columns = ("id", "key", "date", "enddate", "location_country", "lat", "lon")
    m = s.merged_events
    rows = chain(
        select_pairs(conn, m, columns, ("key", "date"), sorted(p for p in pairs if p[0] not in wide)),
        select_in(conn, m, columns, "key", narrow, where=s.MERGED_SPAN_SQL, index="ix_merged_key_span"),
        select_in(conn, m, columns, "key", sorted(wide)),
    )
    candidates: dict[str, list[dict]] = defaultdict(list)
    for values in rows:
        cand = dict(zip(columns, values, strict=True))
        cand["loc"] = _location(cand)
        candidates[cand["key"]].append(cand)
    return candidates


def _location(cand: dict) -> Location | None:
    """The place of a merged event, as the merge rule compares it."""
    if cand["location_country"] or cand["lat"] is not None:
        return Location(country=cand["location_country"], lat=cand["lat"], lon=cand["lon"])
    return None


def recount(conn: Connection, merged_ids: set[str]) -> None:
    """NumMentions, NumArticles and NumSources of merged events from their member events."""
    if not merged_ids:
        return
    e, a = s.events, s.articles
    source = func.coalesce(a.c.source_name, a.c.id)
    counts: list[Any] = []
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
