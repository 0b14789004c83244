"""An article's text cut into runs, each carrying the layers (entities, places, times,
statements, event evidence) whose spans cover it, for the article page to mark up.

The text is never turned into HTML here: the template escapes every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Article

__all__ = ["Mark", "Run", "article_runs"]


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its layer (``entity``, ``place``, ``time``, ``statement``,
    ``evidence``), a CSS-safe kind, a tooltip and the number of the item in its list."""

    layer: str
    kind: str
    note: str
    index: int
    start: int
    end: int


@dataclass
class Run:
    """A stretch of text between two span boundaries and the marks over it."""

    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # element ids that start here

    @property
    def classes(self) -> str:
        """The CSS classes of the run: ``hl`` plus one per layer and kind."""
        names = {f"hl-{m.layer}" for m in self.marks} | {f"k-{m.kind}" for m in self.marks}
        return " ".join(["hl", *sorted(names)]) if self.marks else ""

    @property
    def title(self) -> str:
        """The tooltip: every mark's note, one a line."""
        return "\n".join(dict.fromkeys(m.note for m in self.marks))

    @property
    def events(self) -> str:
        """Space-separated numbers of the events whose evidence covers this run."""
        return " ".join(str(m.index) for m in self.marks if m.layer == "evidence")


def _safe_kind(value: str | None) -> str:
    return "".join(c for c in (value or "x").lower() if c.isalnum() or c in "-_")[:20] or "x"


def article_marks(article: Article) -> list[Mark]:
    """Every span of the record as a :class:`Mark`, spans outside the text dropped."""
    n = len(article.text)
    marks: list[Mark] = []

    def add(layer: str, kind: str | None, note: str, index: int, start: int | None, end: int | None) -> None:
        if start is None or end is None or not 0 <= start < end <= n:
            return
        marks.append(Mark(layer, _safe_kind(kind), note, index, start, end))

    for i, ent in enumerate(article.entities):
        add("entity", ent.label, f"{ent.label}" + (f" -> {ent.actor}" if ent.actor else ""), i, ent.start, ent.end)
    for i, place in enumerate(article.places):
        where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
        add("place", "place", f"place: {where}", i, place.start, place.end)
    for i, t in enumerate(article.times):
        add("time", t.type, f"{t.type} = {t.value}", i, t.start, t.end)
    for i, st in enumerate(article.statements):
        who = st.speaker.text if st.speaker else "?"
        add("statement", st.kind, f"{st.kind} statement by {who}", i, st.content.start, st.content.end)
        if st.speaker:
            add("speaker", "speaker", f"speaker: {who}", i, st.speaker.start, st.speaker.end)
        if st.cue:
            add("cue", "cue", f"cue: {st.cue.text}", i, st.cue.start, st.cue.end)
    for i, ev in enumerate(article.events):
        if ev.evidence:
            add("evidence", ev.type, f"event {i + 1}: {ev.type} ({ev.modality})", i, ev.evidence.start, ev.evidence.end)
        if ev.trigger:
            add("trigger", ev.type, f"trigger of event {i + 1}: {ev.type}", i, ev.trigger.start, ev.trigger.end)
    return marks


def article_runs(article: Article) -> list[Run]:
    """The text cut at every span boundary; runs cover the whole text in order.

    Overlapping and nested spans are fine: a run lists every mark that covers it. The
    first run of each event's evidence carries the anchor ``ev-<n>`` the event list links to.
    """
    text = article.text
    marks = article_marks(article)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[str]] = {}
    for m in marks:
        if m.layer == "evidence":
            starts.setdefault(m.start, []).append(f"ev-{m.index}")
    runs: list[Run] = []
    active: list[Mark] = []
    by_start: dict[int, list[Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    for a, b in pairwise(cuts):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        anchors = list(dict.fromkeys(starts.get(a, [])))
        runs.append(Run(text=text[a:b], start=a, marks=list(active), anchors=anchors))
    return runs
