"""Story dedup and event merging, in the store (SQLite and PostgreSQL) and as pure rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.dedup.events import (
    date_range,
    dates_compatible,
    event_key,
    locations_compatible,
    merge_key,
    same_event,
)
from dateline.dedup.stories import fingerprint, same_story
from dateline.model import Article, Event, Location, Participant, Source, Span, text_hash
from dateline.store import open_store

STORY = (
    "The defence ministry said on Tuesday that its troops had pushed rebel fighters out of the "
    "river port of Nakuru after three days of heavy fighting. A ministry spokesman said the army "
    "now controlled the port and the main road to the north, and that engineers were clearing mines "
    "from the bridges. Aid agencies said thousands of residents had fled to camps on the coast and "
    "warned that food stocks there would last only a week. The rebels said in a statement that they "
    "had withdrawn to spare civilians and would continue the fight in the hills. Talks between the "
    "government and the rebel movement broke down in March after the two sides failed to agree on a "
    "ceasefire line. The United Nations envoy urged both sides to return to the table and to let "
    "convoys of food and medicine through the front lines before the rains begin next month."
)
OTHER = (
    "Finance ministers from the region agreed on Friday to set up a common fund to support "
    "farmers hit by drought, the bloc's secretariat said. The fund will start with contributions "
    "from five member states and will lend to cooperatives at low interest, officials said. Several "
    "ministers said they hoped development banks would add money to the fund later in the year."
)


def art(i: str, text: str, *, title: str = "t", published: str = "2021-05-04", source: str | None = None,
        events: list[Event] | None = None) -> Article:
    return Article(id=i, text=text, title=title, published=published, content_hash=text_hash(text),
                   source=Source(name=source), events=events or [])


@pytest.mark.parametrize(
    "variant",
    [
        STORY[: len(STORY) // 2],  # truncated copy
        "Nairobi-XNA. " + STORY,  # dateline added
        STORY.replace("said on Tuesday", "said on Tuesday, XNA reports quoting Reuters,"),
        STORY.replace("heavy fighting", "fierce fighting").replace("a week", "seven days"),  # light edits
    ],
)
def test_dedup_same_story_variants(variant: str) -> None:
    assert same_story(STORY, variant)


def test_dedup_different_stories_do_not_match() -> None:
    assert not same_story(STORY, OTHER)
    assert not set(fingerprint(STORY).keys) & set(fingerprint(OTHER).keys)


def test_dedup_story_linking_in_store_earliest_is_original(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([art("late-copy", STORY, published="2021-05-05T10:00:00+00:00")])
        store.add_articles([
            art("retitled", STORY + " This story was updated.", title="A new headline",
                published="2021-05-04T09:00:00+00:00"),
            art("half", STORY[: len(STORY) // 2], published="2021-05-06"),
            art("other", OTHER),
        ])
        got = {x: store.get_article(x) for x in ("late-copy", "retitled", "half", "other")}
        assert {a.story_id for k, a in got.items() if k != "other"} == {"late-copy"}
        assert got["other"].story_id == "other"
        stories = store.stories()
        assert len(stories) == 1
        assert stories[0]["num_articles"] == 3
        assert stories[0]["original_id"] == "retitled"  # the earliest published copy


def ev(eid: str, *, date: str = "2021-05-04", type: str = "ASSAULT", modality: str = "asserted",
       actor: str = "KEN", recipient: str = "REB", loc: Location | None = None) -> Event:
    return Event(id=eid, type=type, modality=modality, date=date,
                 actor=[Participant(text=actor, country=actor)],
                 recipient=[Participant(text=recipient, code=recipient)], location=loc,
                 evidence=Span(text="x", start=0, end=1))


def test_dedup_event_merge_rule() -> None:
    nakuru = Location(name="Nakuru", country="KEN", lat=-0.28, lon=36.07)
    near = Location(name="Near Nakuru", country="KEN", lat=-0.30, lon=36.10)
    far = Location(name="Mombasa", country="KEN", lat=-4.04, lon=39.67)
    assert same_event(ev("a", loc=nakuru), ev("b", loc=near))
    assert same_event(ev("a", loc=nakuru), ev("b"))  # a missing place is compatible
    assert not same_event(ev("a", loc=nakuru), ev("b", loc=far))
    assert not same_event(ev("a"), ev("b", modality="negated"))
    assert not same_event(ev("a"), ev("b", type="COERCE"))
    assert not same_event(ev("a"), ev("b", actor="UGA"))
    assert not same_event(ev("a"), ev("b", date="2021-05-05"))
    assert same_event(ev("a", date="2021-W18"), ev("b", date="2021-05-04"))
    assert not same_event(ev("a", date="2021-W19"), ev("b", date="2021-05-04"))
    assert event_key(ev("a").model_copy(update={"date": None})) is None


def test_dedup_merge_key_is_the_event_key_string() -> None:
    isis = Participant(text="the group", code="IMGMUSISI", country="IRQ")
    cases = [ev("a"), ev("b", modality="historical", date="2021-W18"), ev("c", modality="negated"),
             ev("d").model_copy(update={"actor": [isis], "recipient": []}),
             ev("e").model_copy(update={"actor": [Participant(text="Some  Official", actor=None)]})]
    for event in cases:
        key = event_key(event)
        assert key is not None and merge_key(event) == key.as_string()
    assert merge_key(ev("a")) == merge_key(ev("b", modality="historical"))  # both: it happened
    assert merge_key(ev("a").model_copy(update={"date": None})) is None


@pytest.mark.parametrize(
    "value,first,last",
    [("2014-06-11", "2014-06-11", "2014-06-11"), ("2014-W24", "2014-06-09", "2014-06-15"),
     ("2014-02", "2014-02-01", "2014-02-28"), ("2014", "2014-01-01", "2014-12-31")],
)
def test_dedup_date_range(value: str, first: str, last: str) -> None:
    r = date_range(value)
    assert r is not None and (str(r[0]), str(r[1])) == (first, last)


def test_dedup_dates_and_locations_compatibility_edges() -> None:
    assert not dates_compatible(None, "2014-06-11")
    assert dates_compatible("2014-06", "2014-06-30")
    assert locations_compatible(None, None)
    assert not locations_compatible(Location(country="IRQ"), Location(country="SYR"))


def test_dedup_merged_events_count_mentions_articles_sources(store_url: str) -> None:
    texts = [f"{STORY} Version {i}." for i in range(4)]
    with open_store(store_url) as store:
        store.add_articles([
            art("s1", texts[0], source="Wire A", events=[ev("s1-e1"), ev("s1-e2", type="RETREAT", actor="REB", recipient="KEN")]),
            art("s2", OTHER, source="Wire B", events=[ev("s2-e1"), ev("s2-e2")]),  # two mentions in one article
        ])
        store.add_articles([
            art("s3", OTHER + " More.", source="Wire C", events=[ev("s3-e1", date="2021-W18")]),
            art("s4", OTHER + " Even more text.", source="Wire A", events=[ev("s4-e1", modality="negated")]),
        ])
        merged = {(m["type"], m["modality"]): m for m in store.merged_events()}
        assault = merged[("ASSAULT", "asserted")]
        assert (assault["num_mentions"], assault["num_articles"], assault["num_sources"]) == (4, 3, 3)
        assert assault["date"] == "2021-05-04"
        assert merged[("ASSAULT", "negated")]["num_mentions"] == 1
        assert merged[("RETREAT", "asserted")]["num_sources"] == 1
        assert len(merged) == 3


def test_store_migrates_v1_database_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    from sqlalchemy import create_engine

    from dateline.store.migrations import migrate

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate(conn, "sqlite", target=1)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("drop index ix_events_merged")
    con.execute("alter table events drop column merged_id")  # as a v1 database really was
    con.execute("insert into articles (id, text, content_hash, ingested_at, record) values "
                "('old', 'Old text about talks.', 'h', 'x', '{\"id\": \"old\", \"text\": \"Old text about talks.\"}')")
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        assert store.get_article("old") is not None
        assert [r["id"] for r in store.search_articles("talks")] == ["old"]
        store.add_articles([art("new", OTHER, events=[ev("n1")])])
        assert store.merged_events()[0]["num_mentions"] == 1


def test_store_search_articles_full_text(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([art("s", STORY, title="Army retakes port"), art("o", OTHER, title="Drought fund")])
        assert [r["id"] for r in store.search_articles("rebel port")] == ["s"]
        assert [r["id"] for r in store.search_articles("drought")] == ["o"]
        assert store.search_articles("zebra") == []
        assert store.search_articles("\" OR 1=1; drop table articles; --") == []
        assert store.stats()["articles"] == 2
