"""The HTML pages through the ASGI interface, and the pieces they are drawn with."""

from __future__ import annotations

import re

from serve_fixtures import SyncClient, hostile_article, sample_article

from dateline.serve.app import web_url
from dateline.serve.filters import EventFilters, parse_dyad
from dateline.serve.highlight import article_runs
from dateline.serve.pages import snippet_html
from dateline.serve.reads import weekly_series
from dateline.serve.svg import load_world, map_svg, score_line_svg, type_bars_svg


def test_article_runs_cover_the_text_in_order() -> None:
    article = sample_article(1)
    runs = article_runs(article)
    assert "".join(r.text for r in runs) == article.text
    evidence = [r for r in runs if any(m.layer == "evidence" for m in r.marks)]
    assert "".join(r.text for r in evidence) == article.events[0].evidence.text
    assert runs[next(i for i, r in enumerate(runs) if r.anchors)].anchors == ["ev-0"]
    place = next(r for r in runs if any(m.layer == "place" for m in r.marks))
    assert place.text == "Baghdad" and "hl-entity" in place.classes and "hl-evidence" in place.classes


def test_article_runs_drop_spans_outside_the_text() -> None:
    article = sample_article(2)
    article.entities[0].end = len(article.text) + 50
    article.times[0].start = -3
    runs = article_runs(article)
    assert "".join(r.text for r in runs) == article.text
    assert not any(m.layer in ("entity", "time") for r in runs for m in r.marks)


def test_weekly_series_folds_days_into_weeks() -> None:
    days = [{"day": "2020-03-02", "quad_code": 1, "n": 2, "score": 4.0},
            {"day": "2020-03-05", "quad_code": 4, "n": 2, "score": -8.0},
            {"day": "2020-03-10", "quad_code": 3, "n": 1, "score": -2.0},
            {"day": "not a day", "quad_code": 1, "n": 5, "score": 1.0}]
    weeks = weekly_series(days)
    assert [w["week"] for w in weeks] == ["2020-03-02", "2020-03-09"]
    assert weeks[0] == {"week": "2020-03-02", "n": 4, "score": -2.0, "cooperation": 2, "conflict": 2}


def test_score_line_svg_draws_a_dot_a_week_and_escapes_its_title() -> None:
    weeks = [{"week": "2020-03-02", "n": 3, "score": 2.0}, {"week": "2020-03-09", "n": 1, "score": -6.0},
             {"week": "2020-06-01", "n": 1, "score": 1.0}]
    svg = str(score_line_svg(weeks, title="<b>A</b>"))
    assert svg.count("<circle") == 3 and svg.count("<polyline") == 1  # no line over the empty weeks
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "no asserted events" in str(score_line_svg([], title="x"))


def test_type_bars_svg_has_a_bar_per_type_largest_first() -> None:
    svg = str(type_bars_svg({"AGREE": 2, "ASSAULT": 5}))
    assert svg.count("<rect") == 2 and svg.index("ASSAULT") < svg.index("AGREE")


def test_map_svg_draws_countries_and_escapes_place_names() -> None:
    assert len(load_world()) > 150 and "IRQ" in load_world()
    svg = str(map_svg([{"name": "<script>x</script>", "country": "IRQ", "lat": 33.3, "lon": 44.4, "n": 3},
                       {"name": "nowhere", "lat": None, "lon": 2, "n": 1}]))
    assert svg.count("<circle") == 1 and "<script>" not in svg
    assert svg.count("<path") > 150


def test_parse_dyad_reads_two_codes() -> None:
    assert parse_dyad("usa-irn") == ("USA", "IRN")
    assert parse_dyad("USA, IRN") == ("USA", "IRN")
    assert parse_dyad("") is None


def test_event_filters_params_drop_defaults() -> None:
    f = EventFilters(dyad="USA-IRN", type="AGREE")
    assert f.params() == "dyad=USA-IRN&type=AGREE"
    assert "offset=50" in f.params(offset=50)


def test_web_url_refuses_script_links() -> None:
    assert web_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", 'https://x" onmouseover="y', None):
        assert web_url(bad) == ""


def test_snippet_html_escapes_and_marks_matches() -> None:
    html = str(snippet_html("the [ceasefire] <script>alert(1)</script> held"))
    assert "<mark>ceasefire</mark>" in html and "<script>" not in html


def test_overview_page_shows_counts_latest_events_and_failures(client: SyncClient) -> None:
    html = client.get("/").text
    assert re.search(r'<span class="n">31</span><span class="what">articles</span>', html)
    assert "broken/page.html" in html and "sample-00" in html


def test_article_page_highlights_spans_and_links_events_to_evidence(client: SyncClient) -> None:
    html = client.get("/articles/sample-0003").text
    assert 'id="ev-0"' in html and 'href="#ev-0"' in html
    assert re.search(r'class="hl[^"]*hl-evidence[^"]*"[^>]*data-ev="0"', html)
    assert 'hl-time' in html and 'hl-statement' in html and 'hl-place' in html


def test_article_page_escapes_hostile_text(client: SyncClient) -> None:
    html = client.get("/articles/hostile-0001").text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "window.__pwned = 1" in html
    assert 'href="javascript' not in html.lower()
    assert html.count("<script") == 1  # our own, from /static


def test_events_page_filters_sorts_and_pages(client: SyncClient) -> None:
    html = client.get("/events", params={"dyad": "RUS-UKR", "limit": 4, "sort": "date", "order": "asc"}).text
    assert html.count('<tr class="event"') == 4
    assert "Donetsk" in html and "Baghdad" not in html
    assert 'rel="next"' in html and "offset=4" in html
    dates = re.findall(r'<td class="nowrap">(\d{4}-\d\d-\d\d)</td>', html)
    assert dates == sorted(dates)


def test_actor_page_lists_events_and_statements(client: SyncClient) -> None:
    html = client.get("/actors/ana-minister").text
    assert "Ana Minister" in html and "We talked about the border" in html
    assert client.get("/actors/nobody-at-all", headers={"accept": "text/html"}).status_code == 404


def test_dyad_page_draws_the_line_and_the_bars(client: SyncClient) -> None:
    html = client.get("/dyad", params={"a": "irn", "b": "irq"}).text
    assert "line-chart" in html and "bar-chart" in html and "<circle" in html
    assert "CONSULT" in html


def test_map_page_draws_a_circle_per_place(client: SyncClient) -> None:
    html = client.get("/map", params={"type": "ASSAULT"}).text
    assert html.count('class="place"') == 2  # Donetsk and the hostile article's place
    assert "<img src=x" not in html


def test_search_page_marks_matching_words(client: SyncClient) -> None:
    html = client.get("/search", params={"q": "Geneva"}).text
    assert "<mark>Geneva</mark>" in html and "/articles/sample-0001" in html


def test_hostile_article_in_fixture_is_unsafe_text() -> None:
    assert "<script>" in hostile_article().text
