"""The records of FORMAT.md (v1) as typed models with a JSON round-trip.

Every stage fills fields of these objects; nothing else crosses a stage boundary.
Fields named in FORMAT.md keep their names and meanings; extra fields are allowed
(``extra="allow"``) so that a record written by a newer dateline still loads.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "EVENT_TYPES",
    "MODALITIES",
    "STATEMENT_KINDS",
    "Actor",
    "Article",
    "Entity",
    "Event",
    "Location",
    "Mention",
    "Participant",
    "Place",
    "Sentence",
    "Source",
    "Span",
    "SpeakerSpan",
    "Statement",
    "TimeExpression",
    "parse_published",
]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "historical")
STATEMENT_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Modality = Literal["asserted", "negated", "hypothetical", "future", "historical"]
StatementKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


class Record(BaseModel):
    """Base of every record: unknown fields are kept, not rejected."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_json(self) -> str:
        """One line of JSON with every field, nulls included (FORMAT.md shows them)."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, data: str | bytes) -> Any:
        """The inverse of :meth:`to_json`."""
        return cls.model_validate_json(data)


class Span(Record):
    """A stretch of the article's ``text``: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


class SpeakerSpan(Span):
    actor: str | None = None
    antecedent: Span | None = None  # the name a "he" or "who" stands for


class Source(Record):
    name: str | None = None
    place: str | None = None
    via: list[str] = Field(default_factory=list)


class Sentence(Record):
    """A sentence of the text, as the NLP stage split it (an added field)."""

    start: int
    end: int


class Entity(Span):
    label: str
    actor: str | None = None


class Actor(Record):
    """An actor as it stood on the article's date: office, country and sector then."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    office: str | None = None
    code: str | None = None
    kind: str | None = None  # person, state, organisation, group, role


class Mention(Span):
    """A stretch of text that refers to an actor: a name, a role ("Iraqi troops"), a pronoun."""

    actor: str | None = None
    kind: str = "name"  # name, role, metonym, pronoun, coref


class Place(Span):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, admin1, city, region ...


class TimeExpression(Span):
    type: TimeType = "DATE"
    value: str | None = None
    enddate: str | None = None
    anchor: str | None = None  # the value this one was resolved against


class Statement(Record):
    speaker: SpeakerSpan | None = None
    cue: Span | None = None
    addressee: Span | None = None
    content: Span
    kind: StatementKind = "indirect"
    date: str | None = None
    context: Span | None = None  # e.g. the question of an "Asked whether ..." frame
    parts: list[Span] = Field(default_factory=list)  # the quoted pieces of a quote split by its cue


class Participant(Record):
    text: str
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None


class Location(Record):
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class Event(Record):
    id: str = ""
    type: EventType
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    modality: Modality = "asserted"
    actor: list[Participant] = Field(default_factory=list)
    recipient: list[Participant] = Field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    date_source: str | None = None  # "text", "statement" or "published"
    location: Location | None = None
    evidence: Span | None = None
    said_by: str | None = None
    cameo: str | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    confidence: float = 0.0
    trigger: Span | None = None
    produced_by: dict[str, Any] = Field(default_factory=dict)  # rule, lexicon entry, ...


class Article(Record):
    id: str
    input: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    source: Source = Field(default_factory=Source)
    authors: list[str] = Field(default_factory=list)
    text: str = ""
    entities: list[Entity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    content_hash: str | None = None
    analysis: dict[str, Any] | None = None  # what analysed it: dateline version, spaCy model, stages

    def published_datetime(self) -> datetime | date | None:
        """``published`` parsed: an aware datetime, a date, or None."""
        return parse_published(self.published)

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` of this article's text."""
        return Span(text=self.text[start:end], start=start, end=end)


def parse_published(value: str | None) -> datetime | date | None:
    """Parse an ISO 8601 ``published`` value; a day alone gives a :class:`date`."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)  # Python 3.11 reads a final Z as UTC
    except ValueError:
        return None


def text_hash(text: str) -> str:
    """A stable content hash of a text (whitespace-normalised), used for ids and dedup."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()
