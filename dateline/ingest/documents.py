"""What the readers hand to extraction: a raw document, or the reason one could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DocumentKind = Literal["txt", "html", "jsonl", "record", "feed-item", "warc-record", "url"]


@dataclass
class Document:
    """One raw document before extraction.

    Attributes:
        input: where it came from: a path, ``path:LINE`` for JSONL, a URL, ``path#record``.
        kind: how extraction should read ``data``.
        data: the raw bytes (txt, html) or ``None`` when ``fields`` already hold the text.
        fields: what the input itself states: ``id``, ``text``, ``title``, ``published``,
            ``url``, ``source``, ``headers`` (HTTP), ``encoding``, ``fetched`` ...
    """

    input: str
    kind: DocumentKind
    data: bytes | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    """An input that could not be read or extracted, with the reason (one line)."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"
