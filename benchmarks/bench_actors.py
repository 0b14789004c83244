"""Benchmark of the actor and geo stages: KB load time, docs/s and share of pipeline time.

usage: python benchmarks/bench_actors.py [ARTICLES.jsonl] [--limit N]

ARTICLES.jsonl holds ``{"id", "text", "published"?}`` lines (e.g. the output of
``shared/eval/tools/articles_from_gold.py``); without it the seed-like built-in wire story
is used 100 times. Reported: the knowledge base load (parsing the YAML, and from the parsed
cache), the gazetteer load, the spaCy parse, the actor and geo stages, and the actor stage's
share of parse + all measured stages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

from corpus import load_articles  # noqa: E402 - benchmarks/ is on sys.path when run

from dateline.actors import resolve_actors
from dateline.actors.kb import _load_cached, load_kb
from dateline.config import Settings
from dateline.geo import find_places, load_gazetteer
from dateline.model import Article
from dateline.nlp import entities_of, load_nlp, sentences_of

_STORY = (
    "France would be ready to work with Chad in Mali to push back jihadist fighters, "
    "Foreign Minister Laurent Fabius said on Monday. Fabius told reporters that Paris was "
    "weighing every option. Fighters of al-Qaeda in the Islamic Maghreb captured Gao in "
    "northern Mali overnight. The militants had earlier taken Timbuktu. Malian President "
    "Dioncounda Traore said Bamako would welcome help. A spokeswoman for the French "
    "government said Paris would not send ground troops. She added that Malian troops "
    "were regrouping near Mopti."
)


def _articles(path: str | None, limit: int) -> list[Article]:
    return load_articles(path, story=_STORY, published="2014-06-16T19:21:00+04:00", copies=limit, limit=limit)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", help="JSONL articles (default: a built-in story)")
    ap.add_argument("--limit", type=int, default=100, help="at most this many articles")
    a = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATELINE_CACHE_DIR"] = tmp
        t0 = time.perf_counter()
        _load_cached.__wrapped__(None, ())
        kb_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        _load_cached.__wrapped__(None, ())
        kb_cached = time.perf_counter() - t0
        del os.environ["DATELINE_CACHE_DIR"]
    load_kb()
    t0 = time.perf_counter()
    load_gazetteer()
    gaz = time.perf_counter() - t0
    load_gazetteer(15000)  # the light index the actor resolver uses

    articles = _articles(a.articles, a.limit)
    nlp = load_nlp(Settings().spacy_model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe([x.text for x in articles], batch_size=32))
    parse = time.perf_counter() - t0
    for article, doc in zip(articles, docs, strict=True):
        article.entities = entities_of(doc)
        article.sentences = sentences_of(doc)
    t0 = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        resolve_actors(article, doc)
    actors = time.perf_counter() - t0
    t0 = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        find_places(article, doc)
    geo = time.perf_counter() - t0
    n = len(articles)
    mentions = sum(len(x.mentions) for x in articles)
    places = sum(len(x.places) for x in articles)
    sys.stdout.write(
        f"knowledge base load: {kb_parse:.3f} s parsing the YAML, {kb_cached:.3f} s cached\n"
        f"gazetteer load:      {gaz:.3f} s\n"
        f"documents {n}  mentions {mentions}  places {places}\n"
        f"spaCy parse   {parse:8.3f} s  {n / parse:9.1f} docs/s\n"
        f"actor stage   {actors:8.3f} s  {n / actors:9.1f} docs/s\n"
        f"geo stage     {geo:8.3f} s  {n / geo:9.1f} docs/s\n"
        f"actor stage share of parse + actors + geo: "
        f"{100 * actors / (parse + actors + geo):.1f}%\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
