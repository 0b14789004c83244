"""find_times on small texts: every kind of expression, and its TimeML value."""

from __future__ import annotations

import pytest

from dateline.model import Article, TimeExpression
from dateline.time import find_times

MONDAY = "2014-06-16T19:21:00+04:00"  # a Monday evening, four hours east of UTC


@pytest.fixture(scope="module")
def times_of(nlp):
    def run(text: str, published: str | None = MONDAY) -> list[TimeExpression]:
        return find_times(Article(id="t", text=text, published=published), nlp(text)).times

    return run


def _one(times: list[TimeExpression], phrase: str) -> TimeExpression:
    found = [t for t in times if t.text == phrase]
    assert found, f"{phrase!r} not in {[t.text for t in times]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "value"),
    [
        # absolute dates in the common news forms
        ("The treaty was signed on June 5, 2013 in Vienna.", "June 5, 2013", "DATE", "2013-06-05"),
        ("The treaty was signed on 5 June 2013 in Vienna.", "5 June 2013", "DATE", "2013-06-05"),
        ("The vote took place on 2013-06-05.", "2013-06-05", "DATE", "2013-06-05"),
        ("Talks collapsed in March 2011 after a week.", "March 2011", "DATE", "2011-03"),
        ("Rebels took the town on June 3, officials said.", "June 3", "DATE", "2014-06-03"),
        ("The vote will be held on Sept. 3, officials said.", "Sept. 3", "DATE", "2014-09-03"),
        (
            "The deal was reached on Wednesday, June 11, aides said.",
            "Wednesday, June 11",
            "DATE",
            "2014-06-11",
        ),
        ("The war began in 2003 and ended years later.", "2003", "DATE", "2003"),
        ("The party was founded in mid-1996 by exiles.", "mid-1996", "DATE", "1996"),
        # weekdays against the DCT and the tense
        ("Kerry said on Monday that talks would go on.", "Monday", "DATE", "2014-06-16"),
        ("The ministers met on Friday in Geneva.", "Friday", "DATE", "2014-06-13"),
        ("The ministers will meet on Friday in Geneva.", "Friday", "DATE", "2014-06-20"),
        ("Rouhani spoke last Tuesday about the talks.", "last Tuesday", "DATE", "2014-06-10"),
        ("The summit opens next Thursday in Brussels.", "next Thursday", "DATE", "2014-06-19"),
        # deictic days and nights
        ("Protesters gathered yesterday outside the embassy.", "yesterday", "DATE", "2014-06-15"),
        ("The council votes today on the plan.", "today", "DATE", "2014-06-16"),
        ("The council will vote tomorrow on the plan.", "tomorrow", "DATE", "2014-06-17"),
        ("Militants seized the town overnight.", "overnight", "TIME", "2014-06-15TNI"),
        ("Shelling resumed last night near the border.", "last night", "TIME", "2014-06-15TNI"),
        ("The president will speak tonight.", "tonight", "TIME", "2014-06-16TNI"),
        ("Fighting broke out on Saturday night.", "Saturday night", "TIME", "2014-06-14TNI"),
        # relative periods
        ("Officials met in Europe last week.", "last week", "DATE", "2014-W24"),
        ("The ministers will meet again next week.", "next week", "DATE", "2014-W26"),
        ("Prices rose last month, the bank said.", "last month", "DATE", "2014-05"),
        ("The law was passed earlier this month.", "earlier this month", "DATE", "2014-06"),
        ("Turnout fell last year in the north.", "last year", "DATE", "2013"),
        ("The group was founded two years ago.", "two years ago", "DATE", "2012"),
        ("The envoy arrived 10 days ago.", "10 days ago", "DATE", "2014-06-06"),
        ("The mine closed five months ago.", "five months ago", "DATE", "2014-01"),
        # decades, centuries, seasons, quarters, fiscal years
        ("The region was calm in the 1990s.", "the 1990s", "DATE", "199"),
        (
            "Such wars were common in the nineteenth century.",
            "the nineteenth century",
            "DATE",
            "18",
        ),
        ("The offensive is expected this summer.", "this summer", "DATE", "2014-SU"),
        (
            "Exports fell in the third quarter of 2012.",
            "the third quarter of 2012",
            "DATE",
            "2012-Q3",
        ),
        ("Profit rose in the first quarter.", "the first quarter", "DATE", "2014-Q1"),
        ("The ministry overspent in fiscal 2012.", "fiscal 2012", "DATE", "2012"),
        (
            "The rebels lost ground in the first half of 2013.",
            "the first half of 2013",
            "DATE",
            "2013-H1",
        ),
        # durations
        ("The siege lasted for three days.", "three days", "DURATION", "P3D"),
        ("He served a two-year term in parliament.", "two-year", "DURATION", "P2Y"),
        ("The talks went on for six hours.", "six hours", "DURATION", "PT6H"),
        (
            "The ceasefire has held for the past two months.",
            "the past two months",
            "DURATION",
            "P2M",
        ),
        ("Negotiations dragged on for several weeks.", "several weeks", "DURATION", "PXW"),
        ("The sentence is 2 1/2 years in prison.", "2 1/2 years", "DURATION", "P2Y6M"),
        # sets
        ("The council meets every Monday in the capital.", "every Monday", "SET", "XXXX-WXX-1"),
        ("Inspectors report each month to the board.", "each month", "SET", "P1M"),
        ("The agency publishes the figures weekly.", "weekly", "SET", "XXXX-WXX"),
        # vague references
        ("The army now controls the road.", "now", "DATE", "PRESENT_REF"),
        ("The army recently took the road.", "recently", "DATE", "PAST_REF"),
        ("Talks may resume in the near future.", "the near future", "DATE", "FUTURE_REF"),
        # times of day
        ("The blast happened at 7:15 p.m. in the market.", "7:15 p.m.", "TIME", "2014-06-16T19:15"),
        ("The curfew started at noon Saturday.", "noon Saturday", "TIME", "2014-06-14T12:00"),
        ("The curfew starts at noon Saturday.", "noon Saturday", "TIME", "2014-06-21T12:00"),
    ],
)
def test_find_times_resolves_each_kind(times_of, text, phrase, kind, value):
    t = _one(times_of(text), phrase)
    assert (t.type, t.value) == (kind, value)
    assert text[t.start : t.end] == t.text


def test_find_times_span_excludes_preposition(times_of):
    t = _one(times_of("Kerry said on Monday that he was hopeful."), "Monday")
    assert t.start == len("Kerry said on ")


def test_find_times_week_has_enddate_and_anchor(times_of):
    t = _one(times_of("Officials met in Europe last week."), "last week")
    assert t.enddate == "2014-06-15"
    assert t.anchor == "2014-06-16"


def test_find_times_uses_local_day_of_published_offset(times_of):
    # 23:30 at UTC-05:00 is already the next day in UTC; the article's own day counts
    t = _one(times_of("The mayor spoke yesterday.", "2014-06-16T23:30:00-05:00"), "yesterday")
    assert t.value == "2014-06-15"


def test_find_times_published_day_without_time(times_of):
    t = _one(times_of("The mayor spoke yesterday.", "2014-06-16"), "yesterday")
    assert t.value == "2014-06-15"


def test_find_times_missing_published_keeps_expressions_without_values(times_of):
    found = {
        t.text: t.value
        for t in times_of("The mayor spoke yesterday and will return next week.", None)
    }
    assert found == {"yesterday": None, "next week": None}


def test_find_times_missing_published_keeps_absolute_values(times_of):
    found = {
        t.text: t.value for t in times_of("The treaty of June 5, 2013 lasted three days.", None)
    }
    assert found["June 5, 2013"] == "2013-06-05"
    assert found["three days"] == "P3D"


def test_find_times_unparsable_published_is_treated_as_missing(times_of):
    t = _one(times_of("The mayor spoke yesterday.", "last Tuesday-ish"), "yesterday")
    assert t.value is None


def test_find_times_absurd_date_kept_without_value(times_of):
    t = _one(times_of("The memo was dated February 30, 2014 by the clerk."), "February 30, 2014")
    assert t.value is None


def test_find_times_month_verbs_are_not_months(times_of):
    texts = [t.text for t in times_of("The talks may fail and protesters march on the capital.")]
    assert texts == []


def test_find_times_ages_are_not_durations(times_of):
    assert times_of("The 52-year-old minister, 52 years old, resigned.") == []


def test_find_times_money_years_are_not_years(times_of):
    assert [t.text for t in times_of("The bill cost $2014 and 2,013 troops were sent.")] == []


def test_find_times_empty_text_gives_nothing(times_of):
    assert times_of("") == []


def test_find_times_explicit_date_anchors_following_day(times_of):
    found = {
        t.text: t.value
        for t in times_of(
            "The accord was signed on March 3, 2009. The following day, fighting resumed."
        )
    }
    assert found["The following day"] == "2009-03-04"


def test_find_times_year_earlier_follows_named_quarter(times_of):
    found = {
        t.text: t.value
        for t in times_of(
            "Profit in the second quarter of 2013 rose to $5 million "
            "from $4 million a year earlier."
        )
    }
    assert found["a year earlier"] == "2012-Q2"


def test_find_times_past_tense_month_goes_back(times_of):
    t = _one(times_of("The rebels seized the dam in December."), "December")
    assert t.value == "2013-12"


def test_find_times_future_tense_month_goes_ahead(times_of):
    t = _one(times_of("Elections will be held in January."), "January")
    assert t.value == "2015-01"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The strike began at 0800 GMT on the port.", "0800 GMT", "2014-06-16T08:00"),
        ("The ceasefire took hold at 19:21 GMT.", "19:21 GMT", "2014-06-16T19:21"),
        ("Aid convoys arrived in mid-June, officials said.", "mid-June", "2014-06"),
        ("The court rules on Friday on the appeal.", "Friday", "2014-06-20"),
        ("The army followed Tuesday's attack with raids.", "Tuesday", "2014-06-10"),
        ("The new rules take effect on July 1.", "July 1", "2014-07-01"),
        ("Output fell in the year ended March 31.", "March 31", "2014-03-31"),
        ("The mandate runs until January.", "January", "2015-01"),
        ("The deal was struck in May, officials said.", "May", "2014-05"),
    ],
)
def test_find_times_reads_cues_around_dates(times_of, text, phrase, value):
    assert _one(times_of(text), phrase).value == value


def test_find_times_programme_titles_are_not_dates(times_of):
    texts = [
        t.text for t in times_of('Baker said on ABC\'s "This Week" that he listens to VOA Today.')
    ]
    assert "This Week" not in texts and "Today" not in texts


def test_find_times_time_without_published_keeps_clock(times_of):
    t = _one(times_of("The blast happened at 7:15 p.m. in the market.", None), "7:15 p.m.")
    assert (t.type, t.value) == ("TIME", "T19:15")


def test_find_times_every_n_units_is_a_set(times_of):
    t = _one(times_of("The ministers, who meet every two weeks, agreed."), "every two weeks")
    assert (t.type, t.value) == ("SET", "P2W")


def test_find_times_counts_are_not_years(times_of):
    texts = [t.text for t in times_of("Some 2000 people fled, and 1500 troops were sent.")]
    assert texts == []


def test_find_times_year_before_verb_is_a_year(times_of):
    t = _one(times_of("Sales volume in 1989 is following the trend."), "1989")
    assert t.value == "1989"


def test_find_times_later_moves_the_story_clock(times_of):
    found = {
        t.text: t.value
        for t in times_of(
            "In 2003, U.S. forces invaded Iraq. Three years later, violence peaked; "
            "the following year, a surge was ordered."
        )
    }
    assert found["Three years later"] == "2006"
    assert found["the following year"] == "2007"


def test_find_times_sentence_initial_yesterday_after_weekday(times_of):
    found = {
        t.text: t.value for t in times_of("Shares fell on Wednesday. Yesterday, they recovered.")
    }
    assert found["Yesterday"] == "2014-06-15"


def test_find_times_titles_are_not_times(times_of):
    texts = [
        t.text
        for t in times_of(
            'He hosted "Saturday Night Live", read the Daily News and was named Liar of the Year.'
        )
    ]
    assert texts == []


def test_find_times_rate_after_duration_is_a_set(times_of):
    t = _one(times_of("He did one day a week of community service."), "a week")
    assert (t.type, t.value) == ("SET", "P1W")


def test_find_times_that_night_needs_a_dated_day(times_of):
    found = {
        t.text: t.value
        for t in times_of("The 2012 campaign was long. That night, he could not sleep.")
    }
    assert found["That night"] is None


def test_find_times_past_verb_beats_until_cue(times_of):
    t = _one(
        times_of("Through the end of September, the campaign had raised $3 million."),
        "the end of September",
    )
    assert t.value == "2013-09"


def test_find_times_edge_of_calendar_degrades(times_of):
    found = times_of("He left last week and returns next week, 9999 years later.", "9999-12-31")
    assert "last week" in [t.text for t in found]


def test_find_times_garbage_does_not_crash(times_of):
    text = "Dec. 32, 9999 at 25:99 p.m. 13/45/2014 the 0th century 99999999999 years ago"
    assert isinstance(times_of(text), list)
