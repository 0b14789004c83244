"""End-to-end: the app served by uvicorn on loopback over a store built from examples/, used
in headless Chromium as a person would (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_fixtures import hostile_article

from dateline.serve import create_app
from dateline.serve.background import BackgroundServer
from dateline.serve.screenshots import CHROMIUM, launch_browser
from dateline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright==1.65.2)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing_browser()
    if reason:
        if os.environ.get("DATELINE_REQUIRE_SERVICES", "") not in ("", "0"):
            pytest.fail(f"{reason} (DATELINE_REQUIRE_SERVICES=1: the browser is required)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch_browser(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example articles, analysed and stored, plus one hostile article."""
    from dateline.run import ingest

    db = str(tmp_path_factory.mktemp("browser") / "examples.db")
    with open_store(db) as store:
        report = ingest([str(EXAMPLES)], store=store)
        assert report.articles >= 9 and not report.failures
        store.add_articles([hostile_article()])
    return db


@pytest.fixture(scope="module")
def base_url(examples_db: str) -> Iterator[str]:
    with BackgroundServer(create_app(db=examples_db)) as server:
        yield server.url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors  # JavaScript errors the page raised
    yield tab
    context.close()


def test_browser_overview_shows_counts_and_latest_events(page: Any, base_url: str, examples_db: str) -> None:
    with open_store(examples_db, create=False) as store:
        stored = store.stats()["articles"]
    page.goto(base_url + "/")
    counts = {el.inner_text().split("\n")[1]: el.inner_text().split("\n")[0] for el in page.locator(".count").all()}
    assert int(counts["articles"].replace(",", "")) == stored >= 10
    assert int(counts["events"].replace(",", "")) > 20
    assert page.locator("#latest tr.event").count() > 5
    assert page.errors == []


def test_browser_article_highlights_events_and_links_evidence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events?text=ceasefire")
    page.locator("#events td.evidence a").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].rsplit("/", 2)[-2] == "articles"
    assert page.locator(".hl-evidence").count() > 0
    assert page.locator(".hl-entity").count() > 0 and page.locator(".hl-time").count() > 0
    n = page.evaluate("location.hash").removeprefix("#ev-")
    lit = page.locator(".hl-evidence.active")
    assert lit.count() > 0 and all(n in el.get_attribute("data-ev").split() for el in lit.all())
    assert "ceasefire" in " ".join(el.inner_text() for el in lit.all()).lower()
    # choosing another event in the list lights its own evidence
    other = page.locator(".event-list a.to-evidence").nth(1)
    target = other.get_attribute("data-ev")
    other.click()
    page.wait_for_function(f"document.querySelector('.event-list li.active')?.dataset.ev === '{target}'")
    # a layer switched off loses its highlight
    page.locator('#layers input[data-layer="time"]').uncheck()
    assert "show-time" not in page.locator("#text").get_attribute("class")
    assert page.errors == []


def test_browser_events_filter_by_dyad(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.fill('input[name="dyad"]', "usa-irq")
    page.click('#filters button[type="submit"]')
    page.wait_for_url("**/events?**")
    rows = page.locator("#events tr.event")
    assert rows.count() > 0
    for row in rows.all():
        cells = row.locator("td").all_inner_texts()
        assert {cells[3].strip(), cells[4].strip()} == {"USA", "IRQ"}
    page.locator("th a.sort", has_text="Type").click()
    page.wait_for_url("**sort=type**")
    assert page.locator("#events tr.event").count() == rows.count()


def test_browser_dyad_chart_and_map_render(page: Any, base_url: str) -> None:
    page.goto(base_url + "/dyad")
    page.locator("#dyads a").first.click()
    page.wait_for_url("**/dyad?a=*")
    line = page.locator("svg.line-chart")
    assert line.is_visible() and line.locator("circle.dot").count() > 0
    assert line.bounding_box()["height"] > 100
    assert page.locator("svg.bar-chart rect.bar").count() > 0
    page.goto(base_url + "/map")
    svg = page.locator("svg.map")
    assert svg.is_visible() and svg.bounding_box()["width"] > 600
    assert svg.locator("path.land").count() > 150
    assert svg.locator("circle.place").count() > 5
    # the last circle is painted on top: nothing overlaps it, as a person would click
    svg.locator("circle.place").last.click()
    page.wait_for_url("**/events?place=*")
    assert page.locator("#events tr.event").count() > 0


def test_browser_search_finds_articles(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill('header input[name="q"]', "Taliban Kabul")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator("#results li")
    assert results.count() >= 1
    assert page.locator("#results mark").count() > 0
    results.first.locator("a").click()
    page.wait_for_url("**/articles/*")
    assert "Kabul" in page.locator("#text").inner_text()


def test_browser_runs_no_script_from_article_text(page: Any, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("/articles/hostile-0001", "/events?type=ASSAULT", "/map?type=ASSAULT",
                 "/search?q=Ruritania", "/"):
        page.goto(base_url + path)
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, path
    page.goto(base_url + "/articles/hostile-0001")
    assert "<script>window.__pwned = 1" in page.locator("#text").inner_text()  # shown as text
    assert page.locator('a[href^="javascript"], [onerror], #text img, #text script').count() == 0
    for link in page.locator("#text a, .meta a, .event-list a").all():
        href = link.get_attribute("href") or ""
        if href and not href.startswith("#"):
            assert href.startswith(("/", "http://", "https://")), href
    page.locator("#text .hl-evidence").first.click()
    assert page.evaluate("window.__pwned") is None and dialogs == []
