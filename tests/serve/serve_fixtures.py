"""Helpers of the web app tests: articles we write (one hostile), a sync ASGI client."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from dateline.config import Settings
from dateline.model import (
    Actor,
    Article,
    Entity,
    Event,
    Location,
    Participant,
    Place,
    Span,
    SpeakerSpan,
    Statement,
    TimeExpression,
    text_hash,
)
from dateline.serve import create_app

HOSTILE = (
    "<script>window.__pwned = 1; alert('x')</script> Officials in Ruritania said on Monday "
    "that <img src=x onerror=\"window.__pwned = 2\"> the army shelled the border town. "
    "Read more at <a href=\"javascript:window.__pwned=3\">this link</a> or javascript:alert(4)."
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(text=part, start=start, end=start + len(part))


def sample_article(n: int, *, a: str = "IRN", b: str = "IRQ", day: str = "2020-03-02",
                   kind: str = "CONSULT", place: str = "Baghdad") -> Article:
    """An analysed article record written by hand: one statement, one event between a and b."""
    text = (f"Story {n}. The foreign minister of {a} met officials of {b} in {place} on Monday, "
            f"the ministry said. \"We talked about the border,\" the minister told reporters.")
    sentence = _span(text, f"The foreign minister of {a} met officials of {b} in {place} on Monday, the ministry said.")
    evidence = Span(text=sentence.text, start=sentence.start, end=sentence.end)
    return Article(
        id=f"sample-{n:04d}", title=f"Sample story {n} about {a} and {b}", text=text,
        published=f"{day}T10:00:00+00:00", url=f"https://example.org/{n}", content_hash=text_hash(text),
        analysis={"dateline": "test"},
        entities=[Entity(**_span(text, place).model_dump(), label="GPE")],
        actors=[Actor(id="ana-minister", name="Ana Minister", country=a, sector="GOV", office="Foreign Minister",
                      code=f"{a}GOV", kind="person")],
        places=[Place(**_span(text, place).model_dump(), name=place, country=b, lat=33.34, lon=44.4)],
        times=[TimeExpression(**_span(text, "on Monday").model_dump(), type="DATE", value=day)],
        statements=[Statement(speaker=SpeakerSpan(**_span(text, "the minister").model_dump(), actor="ana-minister"),
                              cue=_span(text, "told"), content=_span(text, "We talked about the border,"),
                              kind="direct", date=day)],
        events=[Event(id=f"sample-{n:04d}-e0", type=kind, modality="asserted",
                      actor=[Participant(text=f"foreign minister of {a}", actor="ana-minister", country=a, code=f"{a}GOV")],
                      recipient=[Participant(text=f"officials of {b}", country=b, code=f"{b}GOV")],
                      date=day, location=Location(name=place, country=b, lat=33.34, lon=44.4),
                      evidence=evidence, quad_code=1, event_scale=1.0, cameo="040")],
    )


def hostile_article() -> Article:
    """An article whose text, title and URL try to run script in the page."""
    text = HOSTILE
    sentence = _span(text, "the army shelled the border town.")
    return Article(
        id="hostile-0001", title="<script>window.__pwned = 5</script>Breaking <b>news</b>", text=text,
        url="javascript:window.__pwned=6", published="2020-03-03T08:00:00+00:00",
        content_hash=text_hash(text), analysis={"dateline": "test"},
        entities=[Entity(**_span(text, "<script>").model_dump(), label="ORG")],
        events=[Event(id="hostile-0001-e0", type="ASSAULT", modality="asserted",
                      actor=[Participant(text="<script>alert(7)</script>", country="RUR")],
                      recipient=[Participant(text="town", country="RUR")],
                      location=Location(name="<img src=x onerror=alert(8)>", country="RUR", lat=10.0, lon=20.0),
                      evidence=sentence, date="2020-03-02", quad_code=4, event_scale=-9.0)],
    )


class SyncClient:
    """httpx over the app's ASGI interface, called synchronously (no server, no network)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


def make_client(db: str, **settings: Any) -> SyncClient:
    return SyncClient(create_app(db=db, settings=Settings().with_overrides(**settings)))
