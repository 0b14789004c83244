"""At ingest: link each new article to its story and each new event to its merged event."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import bindparam, distinct, func, insert, select, update
from sqlalchemy.engine import Connection

from ..dedup.events import dates_compatible, event_key, locations_compatible
from ..dedup.stories import CONTAINMENT, containment, fingerprint
from ..model import Article, Event, Location
from . import schema as s

MAX_CANDIDATES = 20


def link_stories(conn: Connection, batch: list[Article]) -> None:
    """Give each article of a batch (already inserted) its story, the earliest copy as original."""
    for article in batch:
        fp = fingerprint(article.text)
        story_id = None
        if fp.keys:
            shared = Counter(
                conn.scalars(
                    select(s.story_keys.c.article_id).where(s.story_keys.c.key.in_(fp.keys))
                ).all()
            )
            shared.pop(article.id, None)
            for cand_id, _ in shared.most_common(MAX_CANDIDATES):
                row = conn.execute(
                    select(s.articles.c.text, s.articles.c.story_id).where(s.articles.c.id == cand_id)
                ).first()
                if row and containment(fp.shingles, fingerprint(row.text).shingles) >= CONTAINMENT:
                    story_id = row.story_id or cand_id
                    break
            conn.execute(insert(s.story_keys), [{"key": k, "article_id": article.id} for k in fp.keys])
        published = article.published
        if story_id is None:
            story_id = article.id
            conn.execute(insert(s.stories).values(
                id=story_id, original_id=article.id, first_published=published, num_articles=1))
        else:
            story = conn.execute(select(s.stories).where(s.stories.c.id == story_id)).first()
            values: dict[str, object] = {"num_articles": s.stories.c.num_articles + 1}
            if story is not None and published and (story.first_published is None or _utc(published) < _utc(story.first_published)):
                values.update(original_id=article.id, first_published=published)
            conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(**values))
        conn.execute(update(s.articles).where(s.articles.c.id == article.id).values(story_id=story_id))


def _utc(value: str) -> str:
    from ..model import parse_published

    parsed = parse_published(value)
    if parsed is None:
        return value
    if hasattr(parsed, "utcoffset") and getattr(parsed, "tzinfo", None) is not None:
        from datetime import UTC

        return parsed.astimezone(UTC).isoformat()  # type: ignore[union-attr]
    return parsed.isoformat()


def merge_events(conn: Connection, rows: list[dict], batch: list[Article]) -> None:
    """Attach each new event row to a merged event that reports the same event, or start one."""
    by_id = {a.id: a for a in batch}
    touched: set[str] = set()
    for row in rows:
        event = Event.model_validate_json(row["record"])
        key = event_key(event)
        if key is None:
            continue
        k = key.as_string()
        merged_id = None
        for cand in conn.execute(
            select(s.merged_events.c.id, s.merged_events.c.date, s.merged_events.c.location_country,
                   s.merged_events.c.lat, s.merged_events.c.lon).where(s.merged_events.c.key == k)
        ):
            loc = Location(country=cand.location_country, lat=cand.lat, lon=cand.lon) if (
                cand.location_country or cand.lat is not None) else None
            if dates_compatible(event.date, cand.date) and locations_compatible(event.location, loc):
                merged_id = cand.id
                break
        if merged_id is None:
            merged_id = f"m-{row['id']}"
            article = by_id.get(row["article_id"])
            conn.execute(insert(s.merged_events).values(
                id=merged_id, key=k, type=event.type, modality=event.modality,
                actor_country=row["actor_country"], actor_code=row["actor_code"],
                recipient_country=row["recipient_country"], recipient_code=row["recipient_code"],
                date=event.date, location_name=row["location_name"], location_country=row["location_country"],
                lat=row["lat"], lon=row["lon"], cameo=event.cameo, quad_code=event.quad_code,
                event_scale=event.event_scale, num_mentions=1, num_articles=1, num_sources=1,
                first_article_id=row["article_id"], first_url=article.url if article else None,
                record=row["record"],
            ))
        elif event.date and len(event.date) >= 10:
            # A day-precise report sharpens a merged event known only by week or month.
            conn.execute(update(s.merged_events).where(
                (s.merged_events.c.id == merged_id) & (func.length(s.merged_events.c.date) < 10)
            ).values(date=event.date[:10]))
        conn.execute(update(s.events).where(s.events.c.id == row["id"]).values(merged_id=merged_id))
        touched.add(merged_id)
    recount(conn, touched)


def recount(conn: Connection, merged_ids: set[str]) -> None:
    """NumMentions, NumArticles and NumSources of merged events from their member events."""
    if not merged_ids:
        return
    e, a = s.events, s.articles
    source = func.coalesce(a.c.source_name, a.c.id)
    counts = conn.execute(
        select(e.c.merged_id, func.count(), func.count(distinct(e.c.article_id)), func.count(distinct(source)))
        .join(a, a.c.id == e.c.article_id)
        .where(e.c.merged_id.in_(merged_ids))
        .group_by(e.c.merged_id)
    ).all()
    conn.execute(
        update(s.merged_events).where(s.merged_events.c.id == bindparam("mid")).values(
            num_mentions=bindparam("m"), num_articles=bindparam("n"), num_sources=bindparam("src")),
        [{"mid": mid, "m": m, "n": n, "src": src} for mid, m, n, src in counts],
    )
