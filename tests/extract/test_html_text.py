"""News-specific cleaning of extracted text and agency credits."""

from __future__ import annotations

from dateline.extract.news_text import clean_paragraphs, find_via, is_article_text

STORY = [
    "Flood barriers were raised along the canal on Sunday as the river rose above its winter level.",
    "The city's emergency office said no homes had been flooded so far.",
    "Residents of the lower town were asked to move cars away from the quay overnight.",
    "Forecasters expect the water to fall again by Wednesday.",
]


def test_clean_paragraphs_drops_repeated_title_byline_and_stamp() -> None:
    lines = ["Canal barriers raised", "By Ines Moreau", "Updated at 4:15 p.m.", *STORY]
    assert clean_paragraphs(lines, title="Canal barriers raised", authors=["Ines Moreau"]) == STORY


def test_clean_paragraphs_drops_title_with_kicker() -> None:
    lines = ["Weather Canal barriers raised as river rises", *STORY]
    assert clean_paragraphs(lines, title="Canal barriers raised as river rises", authors=[]) == STORY


def test_clean_paragraphs_drops_teasers_credits_and_urls() -> None:
    lines = [
        STORY[0], "Read more: Canal walls to be repaired next year", STORY[1], "Photo: City emergency office",
        "https://example.org/canal-story", STORY[2], "Tags: floods, canal", STORY[3],
        "Write to the desk at desk@example.org",
    ]
    assert clean_paragraphs(lines, title=None, authors=[]) == STORY


def test_clean_paragraphs_keeps_sentences_and_repeats_that_are_content() -> None:
    lines = [*STORY, "Residents of the lower town were asked to move cars away from the quay overnight."]
    assert clean_paragraphs(lines, title=None, authors=[]) == lines
    assert clean_paragraphs(["ITALY", *STORY], title=None, authors=[])[0] == "ITALY"


def test_clean_paragraphs_drops_block_repeated_in_a_row() -> None:
    lines = [STORY[0], STORY[0], *STORY[1:]]
    assert clean_paragraphs(lines, title=None, authors=[]) == STORY


def test_clean_paragraphs_date_lines_dropped_at_edges_kept_inside() -> None:
    lines = ["12 May 2023", *STORY, "12 May 2023", *STORY]
    assert clean_paragraphs(lines, title=None, authors=[]) == [*STORY, "12 May 2023", *STORY]


def test_is_article_text_needs_prose() -> None:
    assert is_article_text(STORY)
    assert not is_article_text(["World", "Business", "Sport", "Weather", "About us"])
    assert is_article_text(["これは日本語の記事の本文で、スペースを使わずに書かれていますが、十分な長さがあり記事として読むべき文章です。ここでは川の水位について説明しています。"])


def test_find_via_reports_quoting_and_dateline_credit() -> None:
    assert find_via(["AFP reports that the barriers held.", *STORY], source_name="Daily Globe") == ["AFP"]
    assert find_via(["LYON (Reuters) - Flood barriers were raised.", *STORY], source_name=None) == ["Reuters"]
    assert find_via([*STORY[:3], "The office said so, quoting Xinhua."], source_name=None) == ["Xinhua"]


def test_find_via_ignores_the_site_itself_and_plain_mentions() -> None:
    assert find_via(["Reuters reported the barriers held.", *STORY], source_name="Reuters") == []
    assert find_via(["Officials told AFP news agency the barriers held.", *STORY], source_name=None) == []
