"""Pages per second of dateline's web-page extraction against plain ``trafilatura.extract``.

Both run in this one process (one core), on the same pages, after an untimed warm-up pass
(one-time costs such as dateparser's per-language regular expressions are not per-page
costs), page by page in alternating order, so that caches, CPU frequency and the load of
other processes favour neither. dateline's figure includes what ``trafilatura.extract``
does not do: metadata (title, htmldate's date, byline, site), the news-specific cleaning
and building the Article record.

    .venv/bin/python benchmarks/bench_extraction.py ../shared/data/extraction/html --passes 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path


def load_pages(directory: Path, limit: int | None) -> list[tuple[str, bytes]]:
    """``(name, html bytes)`` of every ``.html``/``.htm`` (optionally gzipped) page, sorted."""
    pages = []
    for path in sorted(directory.rglob("*")):
        name = path.name.lower()
        if name.endswith((".html.gz", ".htm.gz")):
            pages.append((path.name, gzip.decompress(path.read_bytes())))
        elif name.endswith((".html", ".htm")):
            pages.append((path.name, path.read_bytes()))
    return pages[:limit] if limit else pages


def dateline_extract(name: str, data: bytes) -> None:
    """dateline's reader: bytes -> Article (text, title, date, byline, site, via)."""
    from dateline.errors import InputError
    from dateline.extract.html import article_from_html
    from dateline.ingest.documents import Document

    try:
        article_from_html(Document(name, "html", data))
    except InputError:
        pass


def trafilatura_extract(name: str, data: bytes) -> None:
    """The reference: ``trafilatura.extract`` with its defaults."""
    import trafilatura

    trafilatura.extract(data)


def timed_pass(pages: list[tuple[str, bytes]], *, dateline_first: bool) -> dict[str, float]:
    """Seconds each extractor spends on the pages, measured page by page, interleaved."""
    runs = [("dateline", dateline_extract), ("trafilatura", trafilatura_extract)]
    if not dateline_first:
        runs.reverse()
    spent = {"dateline": 0.0, "trafilatura": 0.0}
    for name, data in pages:
        for label, run in runs:
            started = time.perf_counter()
            run(name, data)
            spent[label] += time.perf_counter() - started
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="directory of .html / .html.gz pages")
    parser.add_argument("--passes", type=int, default=3, help="timed passes per extractor (best one counts)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--warmup", type=int, default=None, help="untimed warm-up on N pages (default: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    pages = load_pages(args.pages, args.limit)
    if not pages:
        print(f"error: no .html pages under {args.pages}", file=sys.stderr)
        return 2
    # Warm-up (untimed): imports, lazy tables, and the regular expressions dateparser
    # compiles per language the first time htmldate's text search meets one.
    timed_pass(pages[: args.warmup] if args.warmup is not None else pages, dateline_first=True)
    best = {"dateline": float("inf"), "trafilatura": float("inf")}
    for n in range(args.passes):
        for label, seconds in timed_pass(pages, dateline_first=n % 2 == 0).items():
            best[label] = min(best[label], seconds)
    rate = {label: len(pages) / seconds for label, seconds in best.items()}
    ratio = rate["dateline"] / rate["trafilatura"]
    figures = {"pages": len(pages), "passes": args.passes, "pages_per_second": rate, "ratio": ratio}
    print(f"pages: {len(pages)}  passes: {args.passes} (best pass counts)")
    print(f"dateline     {rate['dateline']:7.1f} pages/s")
    print(f"trafilatura  {rate['trafilatura']:7.1f} pages/s  (trafilatura.extract, defaults)")
    print(f"ratio        {ratio:7.2f}x  (target >= 0.80)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
