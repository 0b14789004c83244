"""Benchmark of the statements stage: documents per second and its share of pipeline time.

usage: python benchmarks/bench_quotes.py [ARTICLES.jsonl] [--repeat N] [--limit N]

ARTICLES.jsonl holds ``{"id", "text", "published"?}`` lines (e.g. the output of
``shared/eval/tools/articles_from_gold.py``); without it a built-in story is used.
The spaCy parse, every stage before the statements stage, the statements stage and the
stages after it are timed separately, so the share printed last is the statements stage's
part of the whole pipeline's time.
"""

from __future__ import annotations

import argparse
import sys
import time

from corpus import load_articles  # noqa: E402 - benchmarks/ is on sys.path when run

from dateline.config import Settings
from dateline.model import Article
from dateline.nlp import load_nlp
from dateline.pipeline import STAGES, load_stage

_STORY = (
    "The port authority said on Tuesday that the northern terminal would stay closed until "
    "repairs were finished.\n\n"
    "\u201cWe lost two cranes in the storm and the quay is cracked in three places,\u201d "
    "harbour master Elsa Lindqvist told local radio. \u201cNobody should expect ships "
    "before the spring.\u201d\n\n"
    'Asked whether the closure would cost jobs, she said: "Not if the insurers pay on '
    'time."\n\n'
    "According to the dockers' union, about 300 workers have been sent home, and the union "
    "warned that it would strike if wages were not paid by Friday."
)


def _articles(path: str | None, limit: int | None) -> list[Article]:
    return load_articles(path, story=_STORY, published="2021-03-09T10:00:00+01:00", copies=200, limit=limit)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", help="JSONL articles (default: a built-in story x200)")
    ap.add_argument("--repeat", type=int, default=1, help="passes of the stages over the docs")
    ap.add_argument("--limit", type=int, default=None, help="read at most this many articles")
    a = ap.parse_args(argv)
    articles = _articles(a.articles, a.limit)
    nlp = load_nlp(Settings().spacy_model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe([x.text for x in articles], batch_size=32))
    parse = time.perf_counter() - t0
    timings: dict[str, float] = {}
    for name in STAGES:
        stage = load_stage(name)
        t1 = time.perf_counter()
        for _ in range(a.repeat):
            for article, doc in zip(articles, docs, strict=True):
                stage(article, doc)
        timings[name] = (time.perf_counter() - t1) / a.repeat
    n = len(articles)
    total = parse + sum(timings.values())
    quotes = timings["quotes"]
    found = sum(len(x.statements) for x in articles)
    lines = [
        f"documents {n}  characters {sum(len(x.text) for x in articles)}  statements {found}",
        f"spaCy parse       {parse:8.3f} s  {n / parse:9.1f} docs/s",
    ]
    for name, secs in timings.items():
        lines.append(f"{name + ' stage':<17} {secs:8.3f} s  {n / max(secs, 1e-9):9.1f} docs/s")
    lines.append(f"statements stage share of pipeline time: {100 * quotes / total:.1f}%")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
