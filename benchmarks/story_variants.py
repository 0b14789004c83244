#!/usr/bin/env python3
"""Story clustering on generated near-duplicate variants of our example stories.

usage: python benchmarks/story_variants.py [--n 5000] [--seed 1] [--db PATH]

Generates N variants of the articles in examples/ (truncated, re-headlined, with and without
"X reports quoting Y" attributions and datelines, lightly edited, a paragraph dropped,
boilerplate added), stores them through the real store (story linking at ingest), and
reports pairwise precision and recall of the story clusters against the true stories.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.model import Article, text_hash  # noqa: E402
from dateline.run import iter_articles  # noqa: E402
from dateline.store import open_store  # noqa: E402

AGENCIES = ["Reuters", "AFP", "AP", "Xinhua", "TASS", "Anadolu", "APA", "Trend", "IRNA", "Kyodo", "DPA"]
CITIES = ["Baku", "Moscow", "Ankara", "Tehran", "Cairo", "Nairobi", "Delhi", "Tokyo", "Berlin", "Madrid"]
SWAPS = [("said", "stated"), ("on Monday", "on Monday,"), ("killed", "left dead"), ("talks", "negotiations"),
         ("the United States", "Washington"), ("officials", "sources"), ("agreed", "consented"),
         ("President", "president"), ("would", "will"), ("the", "the")]
BOILER = ["Share this article", "Related news", "Follow us on Twitter", "1 2 3 4 5", "Read more"]


def variant(text: str, rng: random.Random) -> str:
    paras = text.split("\n\n")
    ops = rng.sample(["truncate", "drop", "attribute", "dateline", "swap", "boiler", "none"], k=rng.randint(1, 3))
    if "drop" in ops and len(paras) > 3:
        paras.pop(rng.randrange(1, len(paras)))
    if "truncate" in ops and len(paras) > 2:
        paras = paras[: max(2, int(len(paras) * rng.uniform(0.4, 0.9)))]
    if "swap" in ops:
        for _ in range(rng.randint(1, 4)):
            a, b = rng.choice(SWAPS)
            i = rng.randrange(len(paras))
            paras[i] = paras[i].replace(a, b, 1)
    if "attribute" in ops:
        first = paras[0].rstrip(".")
        paras[0] = f"{first}, {rng.choice(AGENCIES)} reports quoting {rng.choice(AGENCIES)}."
    if "dateline" in ops:
        paras[0] = f"{rng.choice(CITIES)}-{rng.choice(AGENCIES)}. {paras[0]}"
    if "boiler" in ops:
        paras.append(rng.choice(BOILER))
    return "\n\n".join(paras)


def pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default=None)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bases = [x for x in iter_articles([str(ROOT / "examples")], analyse=False) if isinstance(x, Article)]
    arts, truth = [], {}
    for i in range(a.n):
        base = rng.randrange(len(bases))
        text = variant(bases[base].text, rng) + f"\n\nEditor's note {i}."  # every copy a distinct page
        art = Article(id=f"v{i:05d}", text=text, title=f"Headline {rng.randrange(10**6)}",
                      published=f"2020-01-{rng.randint(1, 28):02d}", content_hash=text_hash(text))
        arts.append(art)
        truth[art.id] = base
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db or str(Path(tmp) / "variants.db")
        with open_store(db) as store:
            started = time.perf_counter()
            for i in range(0, len(arts), 200):
                store.add_articles(arts[i:i + 200])
            seconds = time.perf_counter() - started
            found = {x.id: store.get_article(x.id).story_id for x in arts}  # type: ignore[union-attr]
    both = Counter((truth[k], found[k]) for k in truth)
    tp = pairs(both)
    pred_pairs, true_pairs = pairs(Counter(found.values())), pairs(Counter(truth.values()))
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / true_pairs if true_pairs else 1.0
    print(f"variants {a.n} of {len(bases)} stories; clusters found {len(set(found.values()))}")
    print(f"pairwise precision {p:.4f} recall {r:.4f}; stored in {seconds:.1f}s ({a.n / seconds:.0f} articles/s; "
          f"load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
