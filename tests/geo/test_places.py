"""Geoparsing: places of an article ranked by its country context, and an event's place."""

from __future__ import annotations

import math

import pytest

from dateline.geo import choose_event_place, country_of_place, find_places, load_gazetteer
from dateline.model import Article, Sentence, Source
from dateline.nlp import entities_of, sentences_of


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str, source_place: str | None = None) -> Article:
        article = Article(
            id="g", text=text, published="2014-06-16", source=Source(place=source_place)
        )
        doc = nlp(text)
        article.entities = entities_of(doc)
        article.sentences = sentences_of(doc)
        return find_places(article, doc)

    return _run


def _place(article: Article, text: str):
    found = [p for p in article.places if p.text == text]
    assert found, f"no place {text!r} in {[p.text for p in article.places]}"
    return found[0]


def test_find_places_town_province_and_country(run):
    art = run(
        "Gunmen overran the town of Tal Afar, west of Mosul in Iraq's Nineveh province, on Sunday, "
        "officials said."
    )
    tal_afar = _place(art, "Tal Afar")
    assert tal_afar.country == "IRQ" and _km(tal_afar.lat, tal_afar.lon, 36.38, 42.45) < 25
    nineveh = _place(art, "Nineveh")
    assert nineveh.country == "IRQ" and nineveh.feature == "admin1"
    mosul = _place(art, "Mosul")
    assert mosul.admin1 == "Nineveh" and _km(mosul.lat, mosul.lon, 36.34, 43.12) < 25
    assert _place(art, "Iraq").feature == "country"
    for p in art.places:
        assert art.text[p.start : p.end] == p.text


def test_find_places_context_country_ranks_namesakes(run):
    lebanon = run(
        "Clashes in Tripoli, Lebanon's second city, left five dead, Lebanese officials said."
    )
    libya = run("Militias fought near Tripoli as Libya's parliament met in Tobruk.")
    assert _place(lebanon, "Tripoli").country == "LBN"
    assert _place(libya, "Tripoli").country == "LBY"


def test_find_places_aliases_and_old_spellings(run):
    art = run("Protesters gathered in Kiev on Sunday.")
    kiev = _place(art, "Kiev")
    assert kiev.country == "UKR" and kiev.name == "Kyiv"


def test_find_places_demonym_capital_phrase(run):
    art = run("A car bomb exploded in the Iraqi capital on Monday.")
    capital = next(p for p in art.places if "capital" in p.text)
    assert capital.name == "Baghdad" and capital.country == "IRQ"


def test_find_places_country_abbreviation_is_the_country(run):
    art = run("U.S. forces left the base.")
    assert _place(art, "U.S.").country == "USA"


def test_find_places_empty_text(run):
    assert run("").places == []


def test_choose_event_place_prefers_locative_place_in_the_sentence(run):
    text = (
        "Baku-APA. Rebels seized the town of Tal Afar in northern Iraq overnight. "
        "Officials met in Baku later."
    )
    art = run(text, source_place="Baku")
    start = text.index("seized")
    place = choose_event_place(art, start, start + len("seized"))
    assert place is not None and place.text == "Tal Afar"


def test_choose_event_place_never_the_dateline_city(run):
    text = "Baku-APA. The minister said the talks would continue."
    art = run(text, source_place="Baku")
    start = text.index("said")
    assert choose_event_place(art, start, start + 4) is None


def test_choose_event_place_dateline_city_counts_when_the_sentence_names_it(run):
    text = "Baku-APA. Thousands marched in Baku on Sunday."
    art = run(text, source_place="Baku")
    start = text.index("marched")
    place = choose_event_place(art, start, start + 7)
    assert place is not None and place.start == text.index("Baku on")


def test_choose_event_place_without_sentences_uses_punctuation():
    text = "Talks went on. Troops fired shells at Mosul on Friday."
    art = Article(id="x", text=text, places=[])
    assert choose_event_place(art, 0, 5) is None
    art.sentences = [Sentence(start=0, end=14)]
    assert choose_event_place(art, -1, 3) is None


def test_country_of_place_for_actor_phrases():
    assert country_of_place("Kyiv") == "UKR"
    assert country_of_place("Mosul") == "IRQ"
    assert country_of_place("Nowhere Special") is None


def test_gazetteer_links_towns_to_subdivision_names():
    gaz = load_gazetteer()
    towns = [c for c in gaz.candidates("Ramadi") if c.source == "geonames"]
    assert towns and towns[0].admin1 == "Anbar"
    assert gaz.capital_of("IRQ").name == "Baghdad"


def test_choose_event_place_skips_metonyms(run):
    from dateline.model import Mention

    text = "Washington said it would send aid to flood victims."
    art = run(text)
    span = text.index("Washington")
    art.mentions = [Mention(text="Washington", start=span, end=span + 10, kind="metonym")]
    start = text.index("send")
    assert choose_event_place(art, start, start + 4) is None
