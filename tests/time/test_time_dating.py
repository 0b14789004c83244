"""date_of: which time expression dates an event trigger or a speech cue; calendar helpers."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.model import Article
from dateline.time import date_of, find_times
from dateline.time.calendar import Point, day_span, weekday_near
from dateline.time.lexicon import parse_number

MONDAY = "2014-06-16T19:21:00+04:00"


@pytest.fixture(scope="module")
def read(nlp):
    def run(text: str, published: str | None = MONDAY):
        doc = nlp(text)
        return find_times(Article(id="d", text=text, published=published), doc), doc

    return run


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_date_of_prefers_expression_attached_to_verb(read):
    text = "On Friday, the spokesman said officials met in Europe last week."
    article, doc = read(text)
    assert date_of(article, *_at(text, "met"), doc) == ("2014-06-09", "2014-06-15")


def test_date_of_reported_speech_takes_date_of_saying(read):
    text = "On Friday, the spokesman had said Ankara was not negotiating with the rebels."
    article, doc = read(text)
    assert date_of(article, *_at(text, "negotiating"), doc) == ("2014-06-13", None)


def test_date_of_without_doc_uses_nearest_in_sentence(read):
    text = "Rebels captured the town overnight. Talks were held on Saturday."
    article, _ = read(text)
    assert date_of(article, *_at(text, "captured")) == ("2014-06-15", None)
    assert date_of(article, *_at(text, "held")) == ("2014-06-14", None)


def test_date_of_none_when_sentence_has_no_date(read):
    text = "Talks were held on Saturday. The rebels seized the dam."
    article, doc = read(text)
    assert date_of(article, *_at(text, "seized"), doc) is None


def test_date_of_ignores_vague_and_durations(read):
    text = "The army recently shelled the town for three days."
    article, doc = read(text)
    assert date_of(article, *_at(text, "shelled"), doc) is None


def test_date_of_none_without_published(read):
    text = "The ministers met on Friday in Geneva."
    article, doc = read(text, None)
    assert date_of(article, *_at(text, "met"), doc) is None


def test_date_of_month_gives_first_and_last_day(read):
    text = "The rebels seized the dam in March 2011."
    article, doc = read(text)
    assert date_of(article, *_at(text, "seized"), doc) == ("2011-03-01", "2011-03-31")


def test_weekday_near_direction():
    monday = date(2014, 6, 16)
    assert weekday_near(monday, 5, -1) == date(2014, 6, 13)
    assert weekday_near(monday, 5, +1) == date(2014, 6, 20)
    assert weekday_near(monday, 1, 0) == monday
    assert weekday_near(monday, 1, -1) == date(2014, 6, 9)


def test_point_values_per_granularity():
    d = date(2014, 6, 16)
    assert Point(d, "week").value == "2014-W25"
    assert Point(d, "quarter").value == "2014-Q2"
    assert Point(d, "decade").value == "201"
    assert Point(d, "day", part="NI").value == "2014-06-16TNI"
    assert Point(d, "week", part="WE").days() == (date(2014, 6, 21), date(2014, 6, 22))


def test_day_span_of_values():
    assert day_span("2014-W24") == ("2014-06-09", "2014-06-15")
    assert day_span("2014-06-15TNI") == ("2014-06-15", None)
    assert day_span("2014-Q1") == ("2014-01-01", "2014-03-31")
    assert day_span("PAST_REF") is None
    assert day_span(None) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("two", 2), ("twenty-four", 24), ("2 1/2", 2.5), ("a couple of", 2), ("several", None)],
)
def test_parse_number_words_and_digits(text, value):
    assert parse_number(text) == value
