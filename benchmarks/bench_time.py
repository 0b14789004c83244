"""Benchmark of the time stage: documents per second and its share of the pipeline time.

usage: python benchmarks/bench_time.py [ARTICLES.jsonl] [--repeat N] [--all-stages]

ARTICLES.jsonl holds ``{"id", "text", "published"?}`` lines (e.g. the output of
``shared/eval/tools/articles_from_gold.py``); without it a built-in wire story is used.
The spaCy parse (the pipeline's fixed cost) and the time stage are timed separately; with
``--all-stages`` every reading stage runs after it, each timed, for the time stage's share of
the whole pipeline.
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
from dateline.time import find_times

_STORY = (
    "Officials from both governments met in Geneva last week and will meet again on "
    "Friday, a spokesman said on Monday. Rebels seized the town overnight, two years after "
    "they were driven out of it in March 2012. The ceasefire had held for three days. "
    "Fighting in the third quarter of 2013 was the worst since the 1990s, and talks are now "
    "expected to resume in the near future, at 10 a.m. every Tuesday."
)


def _articles(path: str | None) -> list[Article]:
    return load_articles(path, story=_STORY, published="2014-06-16T19:21:00+04:00", copies=100)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", help="JSONL articles (default: a built-in story x100)")
    ap.add_argument("--repeat", type=int, default=1, help="passes of the time stage over the docs")
    ap.add_argument("--all-stages", action="store_true", help="also time the other reading stages")
    a = ap.parse_args(argv)
    articles = _articles(a.articles)
    nlp = load_nlp(Settings().spacy_model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe([x.text for x in articles], batch_size=32))
    parse = time.perf_counter() - t0
    t1 = time.perf_counter()
    for _ in range(a.repeat):
        for article, doc in zip(articles, docs, strict=True):
            find_times(article, doc)
    stage = (time.perf_counter() - t1) / a.repeat
    n = len(articles)
    chars = sum(len(x.text) for x in articles)
    found = sum(len(x.times) for x in articles)
    out = sys.stdout
    out.write(
        f"documents {n}  characters {chars}  time expressions {found}\n"
        f"spaCy parse   {parse:8.3f} s  {n / parse:9.1f} docs/s\n"
        f"time stage    {stage:8.3f} s  {n / stage:9.1f} docs/s\n"
        f"time stage share of parse + time: {100 * stage / (parse + stage):.1f}%\n"
    )
    if a.all_stages:
        total = parse + stage
        for name in STAGES:
            if name == "time":
                continue
            run = load_stage(name)
            t2 = time.perf_counter()
            for article, doc in zip(articles, docs, strict=True):
                run(article, doc)
            spent = time.perf_counter() - t2
            total += spent
            out.write(f"{name:<13} {spent:8.3f} s  {n / spent:9.1f} docs/s\n")
        out.write(f"time stage share of the whole pipeline: {100 * stage / total:.1f}%\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
