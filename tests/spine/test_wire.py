"""The wire-text reader on pages we wrote: title, date line, dateline, agency chain, boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.extract.dates import parse_printed_date
from dateline.extract.wire import is_boilerplate, read_wire_text


def read(examples_dir: Path, name: str):
    return read_wire_text((examples_dir / name).read_text(encoding="utf-8"))


def test_wire_repeated_title_date_line_and_agency_dateline(examples_dir: Path) -> None:
    page = read(examples_dir, "baghdad-strike.txt")
    assert page.title == "U.S. strike near Baghdad airport kills Iranian commander Soleimani"
    assert page.published == "2020-01-03T11:15:00+03:00"
    assert (page.source_name, page.source_place, page.via) == ("NINA", "Baghdad", ["AP"])
    assert page.text.startswith("A U.S. drone strike")
    assert page.text.count("U.S. strike near Baghdad airport kills") == 0  # title not in the body


@pytest.mark.parametrize(
    "name,source,place,via",
    [
        ("minsk-ceasefire.txt", "BelTA", "Minsk", ["Reuters"]),
        ("hormuz-tanker.txt", "AFP", "London", []),
        ("kabul-taliban.txt", "Pajhwok", "Kabul", []),
        ("shayrat-strike.txt", "TASS", "Moscow", []),
        ("singapore-summit.txt", "AP", "Singapore", []),
    ],
)
def test_wire_dateline_forms(examples_dir: Path, name: str, source: str, place: str, via: list[str]) -> None:
    page = read(examples_dir, name)
    assert (page.source_name, page.source_place, page.via) == (source, place, via)
    assert not page.paragraphs[0].startswith(place)


@pytest.mark.parametrize(
    "name,junk",
    [
        ("minsk-ceasefire.txt", ["ПОЛИТИКА", "Share", "Print"]),
        ("baghdad-strike.txt", ["İDMAN", "XƏBƏR", "1 2 3 4 5"]),
        ("hormuz-tanker.txt", ["Related news", "Share this article", "Prev"]),
        ("kabul-taliban.txt", ["Поделиться", "Печать"]),
        ("shayrat-strike.txt", ["Читайте также"]),
        ("singapore-summit.txt", ["Follow us", "Tags:"]),
    ],
)
def test_wire_drops_site_furniture_in_any_language(examples_dir: Path, name: str, junk: list[str]) -> None:
    page = read(examples_dir, name)
    for word in junk:
        assert word not in page.text
    assert page.text.rstrip().endswith((".", '"', "”"))


def test_wire_date_line_is_not_in_text(examples_dir: Path) -> None:
    page = read(examples_dir, "minsk-ceasefire.txt")
    assert page.published == "2015-02-12T14:05:00+03:00"
    assert "14:05" not in page.text and "UTC" not in page.text


def test_wire_keeps_quotes_and_paragraphs() -> None:
    raw = (
        "Talks collapse in Doha\n\n# 3 March 2021 09:00 (UTC +03:00)\n\n"
        "Doha-QNA. Negotiators left the talks on Tuesday, QNA reports citing Al Jazeera.\n\n"
        '"We are done here," the envoy said.\n\nThe next round was not scheduled.\n\n'
        "Home | World | Business\n"
    )
    page = read_wire_text(raw)
    assert page.title == "Talks collapse in Doha"
    assert page.published == "2021-03-03T09:00:00+03:00"
    assert page.source_name == "QNA" and page.source_place == "Doha" and page.via == ["Al Jazeera"]
    assert page.paragraphs == [
        "Negotiators left the talks on Tuesday, QNA reports citing Al Jazeera.",
        '"We are done here," the envoy said.',
        "The next round was not scheduled.",
    ]


def test_wire_according_to_a_person_is_not_an_agency() -> None:
    page = read_wire_text("Title here\n\nThe border is closed, according to Ahmed Karimi, a local official.\n")
    assert page.via == []


def test_wire_soft_wrapped_lines_join_into_one_paragraph() -> None:
    page = read_wire_text("A title\n\nThe minister said the\nborder would reopen\nnext week.\n")
    assert page.paragraphs == ["The minister said the border would reopen next week."]


def test_wire_text_without_title_line() -> None:
    page = read_wire_text("The army said it had shelled rebel positions near the town on Monday.\n")
    assert page.title is None
    assert page.paragraphs[0].startswith("The army said")


@pytest.mark.parametrize(
    "line,expected",
    [
        ("21 May 2016 07:45 (UTC +04:00)", "2016-05-21T07:45:00+04:00"),
        ("June 12, 2018 10:45 AM (UTC +08:00)", "2018-06-12T10:45:00+08:00"),
        ("5 Jan 2020, 07:05 GMT", "2020-01-05T07:05:00+00:00"),
        ("2019-07-20 09:40 -05:00", "2019-07-20T09:40:00-05:00"),
        ("12.02.2015 14:05", "2015-02-12T14:05:00"),
        ("3 March 2021", "2021-03-03"),
        ("30 February 2021 10:00", None),
        ("no date here", None),
    ],
)
def test_wire_parse_printed_date(line: str, expected: str | None) -> None:
    assert parse_printed_date(line) == expected


@pytest.mark.parametrize(
    "line,furniture",
    [
        ("1 2 3 4 5", True),
        ("« Prev 1 2 3 Next »", True),
        ("SPORT NEWS POLITICS", True),
        ("Paylaş", True),
        ("Imprimer", True),
        ("Home World Business Sport", True),
        ("The talks ended.", False),
        ("NATO said it would respond.", False),
        ("Iran says talks will go on", False),
    ],
)
def test_wire_is_boilerplate(line: str, furniture: bool) -> None:
    assert is_boilerplate(line) is furniture
