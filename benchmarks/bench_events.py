"""Speed of the event coder alone: sentences per second on one core, parse excluded.

    .venv/bin/python benchmarks/bench_events.py [--repeat 3] [--sentences FILE.yaml]

Parses the project's own test sentences (tests/events/event_sentences.yaml) once with the
configured spaCy pipeline, then times ``code_events`` over the parsed Docs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from dateline.config import Settings
from dateline.events import code_events
from dateline.model import Article
from dateline.nlp import load_nlp

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "events" / "event_sentences.yaml"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write one summary line to stdout."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--no-resolver",
        action="store_true",
        help="time the coder alone, without dateline.actors.resolve_text lookups",
    )
    a = ap.parse_args(argv)
    if a.no_resolver:
        from dateline.events import participants

        participants.resolve_text_function = lambda: None  # type: ignore[assignment]
    texts = [i["text"] for i in yaml.safe_load(a.sentences.read_text(encoding="utf-8"))]
    nlp = load_nlp(Settings().spacy_model)
    docs = list(nlp.pipe(texts))
    # warm-up: load the lexicon, cue lists and the actor knowledge base (and gazetteer) once
    for text, doc in zip(texts, docs, strict=True):
        code_events(Article(id="warm", text=text, published="2024-05-06"), doc)
    best = float("inf")
    events = 0
    for _ in range(a.repeat):
        start = time.perf_counter()
        events = 0
        for n, (text, doc) in enumerate(zip(texts, docs, strict=True)):
            article = code_events(Article(id=f"s{n}", text=text, published="2024-05-06"), doc)
            events += len(article.events)
        best = min(best, time.perf_counter() - start)
    rate = len(texts) / best
    print(
        f"events coder: {len(texts)} sentences, {events} events, {best:.3f}s, "
        f"{rate:.0f} sentences/s (one core, parse excluded, best of {a.repeat}"
        f"{', no actor resolver' if a.no_resolver else ', actor lookups cached after warm-up'})"
    )


if __name__ == "__main__":
    main()
