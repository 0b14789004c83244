"""A small corpus written for these tests: wire pages, a JSONL file and a broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STORIES = [
    ("Army shells rebel town", "4 March 2019 09:00 (UTC +01:00)",
     ("Government forces shelled the town of Dara on Monday, residents said. "
     "The interior minister said the army would not negotiate with the rebels.")),
    ("Ministers meet on trade", "5 March 2019 10:30 (UTC +00:00)",
     ("Trade ministers from Kenya and Uganda met in Nairobi on Tuesday. "
     "\"We will sign the agreement next month,\" the Kenyan minister told reporters.")),
    ("Police arrest protesters", "6 March 2019 18:00 (UTC +03:00)",
     ("Police arrested dozens of protesters in the capital on Wednesday, a spokesman said. "
     "The opposition condemned the arrests.")),
]

LINES = [
    {"id": f"line-{n}", "title": f"Report {n}", "published": f"2020-01-0{n}T12:00:00+00:00",
     "text": f"Officials in the province reported {n} new clashes between farmers and herders on day {n}. "
             "The governor said the violence must stop."}
    for n in range(1, 6)
]


def wire(title: str, dateline: str, body: str) -> str:
    return f"{title}\n\n# {dateline}\n\n{body}\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three wire pages, a JSONL file of five articles (and a bad line), and an empty page."""
    root = tmp_path / "corpus"
    root.mkdir()
    for i, story in enumerate(STORIES):
        (root / f"{i:02d}-story.txt").write_text(wire(*story), encoding="utf-8")
    lines = [json.dumps(x) for x in LINES[:3]] + ["{not json"] + [json.dumps(x) for x in LINES[3:]]
    (root / "10-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "20-empty.txt").write_text("   \n", encoding="utf-8")
    return root
