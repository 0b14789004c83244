"""Title, publication time and byline rules of web pages."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from dateline.extract.bylines import find_authors, split_byline
from dateline.extract.html import parse_html
from dateline.extract.pubdate import (
    find_published,
    iso_published,
    parse_visible_date,
    published_value,
    visible_date,
)
from dateline.extract.titles import choose_title, strip_site_name


def tree(head: str = "", body: str = "") -> HtmlElement:
    parsed = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Ceasefire talks stall in Geneva | Reuters", "Reuters", None, "Ceasefire talks stall in Geneva"),
        ("Ceasefire talks stall in Geneva - BBC News", "BBC News", None, "Ceasefire talks stall in Geneva"),
        ("Ceasefire talks stall in Geneva — dailyglobe.net", None, None, "Ceasefire talks stall in Geneva"),
        ("Ceasefire talks stall in Geneva | World | The Daily Globe", None, None, "Ceasefire talks stall in Geneva"),
        ("The Daily Globe: Ceasefire talks stall", None, "www.dailyglobe.com", "The Daily Globe: Ceasefire talks stall"),
        ("Ceasefire talks stall - World - Daily Globe", "Daily Globe", None, "Ceasefire talks stall - World"),
        ("Daily Globe - Ceasefire talks stall in Geneva", "Daily Globe", None, "Ceasefire talks stall in Geneva"),
        ("Anti-war protest - live updates", "Daily Globe", None, "Anti-war protest - live updates"),
        ("Talks stall - Geneva Globe (gg) - GG", "Geneva Globe", None, "Talks stall"),
    ],
)
def test_strip_site_name_removes_site_segments(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert strip_site_name(title, site_name=site, host=host) == expected


def test_choose_title_prefers_confirmed_h1_without_kicker() -> None:
    page = tree(
        '<title>Dam inspection ordered | River Times</title><meta property="og:title" content="Dam inspection ordered">',
        '<h1><span class="roofline">Safety</span> Dam inspection ordered</h1>',
    )
    assert choose_title(page, site_name="River Times", host=None) == "Dam inspection ordered"


def test_choose_title_skips_logo_heading() -> None:
    page = tree(
        "<title>Dam inspection ordered after cracks found - River Times</title>",
        '<h1 class="site-title"><a href="/">River Times</a></h1><h1>Dam inspection ordered after cracks found</h1>',
    )
    assert choose_title(page, site_name=None, host=None) == "Dam inspection ordered after cracks found"


def test_choose_title_single_visible_headline_over_seo_title() -> None:
    page = tree("<title>Dam news: inspection, cracks, what to know</title>", "<h1>Engineers find cracks in the old dam</h1>")
    assert choose_title(page, site_name=None, host=None) == "Engineers find cracks in the old dam"


def test_choose_title_without_heading_uses_cleaned_stated_title() -> None:
    page = tree("<title>Engineers find cracks in the old dam | River Times</title>", "<p>text</p>")
    assert choose_title(page, site_name="River Times", host=None) == "Engineers find cracks in the old dam"


def test_choose_title_reads_json_ld_headline() -> None:
    page = tree(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Port strike ends after &#8216;deal&#8217;"}</script>',
        "<h1>Port strike ends after ‘deal’</h1><h1>Other news</h1>",
    )
    assert choose_title(page, site_name=None, host=None) == "Port strike ends after ‘deal’"


def test_choose_title_none_when_page_states_none() -> None:
    assert choose_title(tree("", "<p>only text</p>"), site_name=None, host=None) is None


def test_find_published_reads_page_stamp_with_offset() -> None:
    page = tree('<meta property="article:published_time" content="2022-11-05T07:15:00+09:00">', "<p>text</p>")
    assert find_published(page) == "2022-11-05T07:15:00+09:00"


def test_find_published_none_for_undated_page() -> None:
    assert find_published(tree("<title>x</title>", "<p>No date anywhere on this page.</p>")) is None


def test_published_value_keeps_time_and_offset() -> None:
    assert published_value(tree(), found="2021-03-04T10:20:30+0200") == "2021-03-04T10:20:30+02:00"


def test_published_value_day_alone_when_only_day_known() -> None:
    assert published_value(tree(), found="2021-03-04T00:00:00") == "2021-03-04"


def test_published_value_takes_offset_from_page_stamp_of_same_day() -> None:
    page = tree('<meta property="article:published_time" content="2021-03-04T18:45:00-05:00">')
    assert published_value(page, found="2021-03-04T00:00:00") == "2021-03-04T18:45:00-05:00"
    other_day = tree('<meta property="article:published_time" content="2021-03-09T18:45:00-05:00">')
    assert published_value(other_day, found="2021-03-04T00:00:00") == "2021-03-04"


def test_published_value_unknown_is_none() -> None:
    assert published_value(tree(), found=None) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-02-29", "2020-02-29"),
        ("2020-02-29T08:00:00Z", "2020-02-29T08:00:00+00:00"),
        ("2020-02-29 08:00:00+0530", "2020-02-29T08:00:00+05:30"),
        ("2020-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_iso_published_normalises_stamps(raw: str | None, expected: str | None) -> None:
    assert iso_published(raw) == expected


def test_find_authors_visible_byline_over_junk_metadata() -> None:
    page = tree(body='<p class="byline">By Ana Ferreira and Liam O\'Connor | Staff</p>')
    assert find_authors(page, meta_author="admin; https://example.org/u/3", site_name=None) == ["Ana Ferreira", "Liam O'Connor"]


def test_find_authors_metadata_when_no_byline() -> None:
    page = tree(body="<p>text</p>")
    assert find_authors(page, meta_author="Ana Ferreira; Daily Globe", site_name="Daily Globe") == ["Ana Ferreira"]
    assert find_authors(page, meta_author="admin", site_name=None) == []


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ana Ferreira", ["Ana Ferreira"]),
        ("Von Jonas Weber und Eva Lind", ["Jonas Weber", "Eva Lind"]),
        ("Par Claire Dubois, Paul Martin", ["Claire Dubois", "Paul Martin"]),
        ("Written by: Sam Okafor - 12 May 2023", ["Sam Okafor"]),
    ],
)
def test_split_byline_names(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20. März 2021 - 15:00 Uhr", "2021-03-20"),
        ("3 de mayo de 2022", "2022-05-03"),
        ("Sunday, January 19, 2020", "2020-01-19"),
        ("Erstellt am: 01.11.2023", "2023-11-01"),
        ("Written: 2023-11-07 15:03:30", "2023-11-07"),
        ("31/12/2021", "2021-12-31"),
        ("no date here", None),
    ],
)
def test_parse_visible_date_languages_and_formats(text: str, expected: str | None) -> None:
    assert parse_visible_date(text) == expected


def test_visible_date_under_headline_not_in_teasers() -> None:
    page = tree(
        body=(
            '<div class="related"><span class="date">02.01.2020</span></div>'
            '<h1>Council approves budget</h1><p class="meta">Posted 14.03.2020</p>'
            '<aside><div class="teaser"><span class="date">20.03.2020</span></div></aside>'
        )
    )
    assert visible_date(page) == "2020-03-14"


def test_find_published_visible_date_beats_markup_unless_much_later() -> None:
    stamped = '<meta property="article:published_time" content="2020-03-13T23:30:00+00:00">'
    near = tree(stamped, '<h1>Council approves budget</h1><p class="date">14.03.2020</p><p>text</p>')
    assert find_published(near) == "2020-03-14"
    far = tree(stamped, '<h1>Council approves budget</h1><p class="date">02.06.2020</p><p>text</p>')
    assert find_published(far) == "2020-03-13T23:30:00+00:00"


def test_find_published_url_month_overrules_visible_date() -> None:
    stamped = '<meta property="article:published_time" content="2019-10-01T08:00:00+02:00">'
    page = tree(stamped, '<h1>New shoes tested</h1><span class="date">18.01.2019</span><p>text</p>')
    assert find_published(page, url="https://blog.example/2019/10/new-shoes") == "2019-10-01T08:00:00+02:00"
