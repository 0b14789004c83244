"""Screenshots of every page for the docs: ``python -m dateline.serve.screenshots OUTDIR``.

Builds a store from ``examples/`` (or uses ``--db``), serves it on loopback and has headless
Chromium (Debian's ``chromium``, driven by Playwright) save one PNG per page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["BROWSER_ARGS", "CHROMIUM", "launch_browser", "take_screenshots"]

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch_browser(playwright: Any, *, executable: str = CHROMIUM) -> Any:
    """Headless Chromium from the system package (never a downloaded browser build)."""
    return playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS, headless=True)


def _pages(base: str, article_id: str, actor_id: str, dyad: tuple[str, str]) -> list[tuple[str, str]]:
    a, b = dyad
    return [
        ("overview", f"{base}/"),
        ("article", f"{base}/articles/{article_id}#ev-0"),
        ("events", f"{base}/events?dyad={a}-{b}"),
        ("actor", f"{base}/actors/{actor_id}"),
        ("dyad", f"{base}/dyad?a={a}&b={b}"),
        ("map", f"{base}/map"),
        ("search", f"{base}/search?q=ceasefire"),
    ]


def take_screenshots(db: str, out: Path, *, width: int = 1280, height: int = 900) -> list[Path]:
    """Serve ``db`` and save a PNG of each page into ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    from ..store.query import EventQuery
    from .app import create_app
    from .background import BackgroundServer
    from .reads import top_dyads

    app = create_app(db=db)
    store = app.state.store
    events = store.query_events(EventQuery(limit=500))
    counts: dict[str, int] = {}
    for e in events:
        counts[e["article_id"]] = counts.get(e["article_id"], 0) + 1
    article_id = max(counts, key=lambda k: counts[k]) if counts else "none"
    actors: dict[str, int] = {}
    for e in events:
        if e.get("actor_id"):
            actors[e["actor_id"]] = actors.get(e["actor_id"], 0) + 1
    from .profiles import kb_entry

    people = [k for k in actors if (kb_entry(k) or {}).get("offices")]
    actor_id = max(people or actors or ["none"], key=lambda k: actors.get(k, 0))
    dyads = top_dyads(store, limit=1)
    dyad = (dyads[0]["a"], dyads[0]["b"]) if dyads else ("USA", "IRN")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with BackgroundServer(app) as server, sync_playwright() as pw:
        browser = launch_browser(pw)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in _pages(server.url, article_id, actor_id, dyad):
                page.goto(url, wait_until="load")
                page.evaluate("window.scrollTo(0, 0)")
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=False)
                written.append(path)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the example store when no ``--db`` is given."""
    ap = argparse.ArgumentParser(description="Screenshots of every page of the web UI.")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--db", help="a store to show (default: a fresh one built from examples/)")
    ap.add_argument("--examples", type=Path, default=Path(__file__).resolve().parents[2] / "examples")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from ..run import ingest
            from ..store import open_store

            db = str(Path(tmp) / "examples.db")
            with open_store(db) as store:
                ingest([str(args.examples)], store=store)
        for path in take_screenshots(db, args.outdir):
            sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
