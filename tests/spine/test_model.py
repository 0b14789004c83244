"""The record model: every FORMAT.md record survives a JSON round-trip; bad values are refused."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from dateline.model import (
    Actor,
    Article,
    Entity,
    Event,
    Location,
    Mention,
    Participant,
    Place,
    Source,
    Span,
    SpeakerSpan,
    Statement,
    TimeExpression,
    parse_published,
    text_hash,
)


def full_article() -> Article:
    text = "Minister Ana Lopez said on Friday that Spain would send aid to Chile."
    return Article(
        id="a1", input="x.txt", title="Spain to send aid", published="2020-03-06T10:00:00+01:00",
        language="en", source=Source(name="EFE", place="Madrid", via=["Reuters"]), text=text,
        entities=[Entity(text="Ana Lopez", start=9, end=18, label="PERSON", actor="ana-lopez")],
        actors=[Actor(id="ana-lopez", name="Ana Lopez", country="ESP", sector="GOV", office="Minister", code="ESPGOV")],
        mentions=[Mention(text="Ana Lopez", start=9, end=18, actor="ana-lopez")],
        places=[Place(text="Chile", start=62, end=67, name="Chile", country="CHL", lat=-33.4, lon=-70.6)],
        times=[TimeExpression(text="on Friday", start=24, end=33, type="DATE", value="2020-03-06")],
        statements=[Statement(
            speaker=SpeakerSpan(text="Ana Lopez", start=9, end=18, actor="ana-lopez"),
            cue=Span(text="said", start=19, end=23),
            content=Span(text="Spain would send aid to Chile", start=39, end=68), kind="indirect", date="2020-03-06",
        )],
        events=[Event(
            id="e1", type="AID", modality="future",
            actor=[Participant(text="Spain", country="ESP", code="ESP")],
            recipient=[Participant(text="Chile", country="CHL", code="CHL")],
            date="2020-03-06", location=Location(name="Chile", country="CHL"),
            evidence=Span(text=text, start=0, end=len(text)), said_by="ana-lopez", cameo="070", quad_code=2,
        )],
    )


def test_model_article_round_trip_is_lossless() -> None:
    article = full_article()
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.events[0].actor[0].country == "ESP"
    assert again.statements[0].speaker is not None and again.statements[0].speaker.actor == "ana-lopez"


def test_model_json_has_every_format_field() -> None:
    data = json.loads(full_article().to_json())
    for key in ("id", "input", "url", "title", "published", "language", "source", "authors", "text",
                "entities", "actors", "places", "times", "statements", "events"):
        assert key in data
    event = data["events"][0]
    for key in ("id", "type", "mode", "context", "modality", "actor", "recipient", "date", "enddate",
                "location", "evidence", "said_by", "cameo", "quad_code", "event_scale", "confidence"):
        assert key in event


def test_model_keeps_unknown_fields() -> None:
    data = json.loads(full_article().to_json())
    data["added_by_a_newer_version"] = {"x": 1}
    again = Article.model_validate(data)
    assert json.loads(again.to_json())["added_by_a_newer_version"] == {"x": 1}


@pytest.mark.parametrize("field,value", [("type", "HUG"), ("modality", "maybe")])
def test_model_event_rejects_unknown_type_and_modality(field: str, value: str) -> None:
    with pytest.raises(ValidationError):
        Event.model_validate({"type": "AGREE", field: value})


def test_model_parse_published_keeps_offset_and_days() -> None:
    dt = parse_published("2014-06-16T19:21:00+04:00")
    assert dt is not None and dt.utcoffset() is not None and dt.utcoffset().total_seconds() == 4 * 3600
    assert str(parse_published("2014-06-16")) == "2014-06-16"
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_model_text_hash_ignores_whitespace_only() -> None:
    assert text_hash("A  b\nc") == text_hash("a b c")
    assert text_hash("a b c") != text_hash("a b d")
