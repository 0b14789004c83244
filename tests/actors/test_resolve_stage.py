"""The actor stage over small articles: names, titles, surnames, pronouns, back-references."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.actors import load_kb, resolve_actors, resolve_text
from dateline.model import Article
from dateline.nlp import entities_of

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def kb():
    return load_kb([FIXTURES / "kb"])


def _run(nlp, kb, text: str, published: str | None = "2014-06-16") -> Article:
    article = Article(id="t", text=text, published=published)
    doc = nlp(text)
    article.entities = entities_of(doc)
    return resolve_actors(article, doc, kb=kb)


def _mention(article: Article, text: str, nth: int = 0):
    found = [m for m in article.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in article.mentions]}"
    return found[nth]


def test_resolve_actors_title_name_then_surname(nlp, kb):
    art = _run(
        nlp,
        kb,
        "Secretary of State John Kerry arrived in Cairo on Sunday. Kerry met officials there.",
    )
    first = _mention(art, "Secretary of State John Kerry")
    assert first.actor == "john-kerry" and first.kind == "name"
    assert _mention(art, "Kerry").actor == "john-kerry"
    kerry = next(a for a in art.actors if a.id == "john-kerry")
    assert kerry.office == "Secretary of State" and kerry.code == "USAGOV"
    for m in art.mentions:
        assert art.text[m.start : m.end] == m.text


def test_resolve_actors_fills_entity_actor_ids(nlp, kb):
    art = _run(nlp, kb, "Iranian President Hassan Rouhani spoke to reporters in Tehran.")
    by_text = {e.text: e.actor for e in art.entities}
    assert by_text.get("Hassan Rouhani") == "hassan-rouhani"
    assert len({a.id for a in art.actors}) == len(art.actors)


def test_resolve_actors_office_follows_the_article_date(nlp, kb):
    text = "Prime Minister Benjamin Netanyahu visited the troops."
    in_office = _run(nlp, kb, text, "2014-07-10")
    out_of_office = _run(nlp, kb, "Benjamin Netanyahu visited the troops.", "2005-01-01")
    assert next(a for a in in_office.actors if a.id == "benjamin-netanyahu").office
    assert next(a for a in out_of_office.actors if a.id == "benjamin-netanyahu").office is None


def test_resolve_actors_undated_article_still_resolves(nlp, kb):
    art = _run(nlp, kb, "Sergei Lavrov said Russia would respond.", published=None)
    ids = {a.id for a in art.actors}
    assert {"sergey-lavrov", "russia"} <= ids


def test_resolve_actors_pronoun_refers_to_last_person(nlp, kb):
    art = _run(
        nlp,
        kb,
        "Angela Merkel met the press in Berlin. She said the talks went well.",
        "2010-01-01",
    )
    assert _mention(art, "She").actor == "angela-merkel"
    assert _mention(art, "She").kind == "pronoun"


def test_resolve_actors_militants_refer_back_to_the_group(nlp, kb):
    art = _run(
        nlp,
        kb,
        "ISIS seized the town on Monday. Residents fled the area. "
        "The militants then blew up a bridge.",
    )
    assert _mention(art, "The militants").actor == "isis"
    assert _mention(art, "The militants").kind == "coref"


def test_resolve_actors_militants_without_antecedent_are_rebels_only(nlp, kb):
    art = _run(nlp, kb, "The militants blew up a bridge near the border.")
    militants = _mention(art, "The militants")
    actor = next(a for a in art.actors if a.id == militants.actor)
    assert actor.sector == "REB" and actor.country is None


def test_resolve_actors_generic_phrase_named_by_apposition(nlp, kb):
    art = _run(
        nlp, kb, "Gunmen of the group calling itself the Islamic State in Iraq and the Levant held the city."
    )
    assert any(m.actor == "isis" for m in art.mentions)


def test_resolve_actors_title_back_reference(nlp, kb):
    art = _run(
        nlp,
        kb,
        "French President Francois Hollande arrived on Monday. The president later met students.",
        "2014-01-10",
    )
    assert _mention(art, "The president").actor == "francois-hollande"


def test_resolve_actors_roles_and_metonyms(nlp, kb):
    art = _run(
        nlp,
        kb,
        "Washington said Iraqi troops had retaken the town, while the "
        "Obama administration weighed air strikes.",
    )
    assert _mention(art, "Washington").actor == "united-states-gov"
    assert _mention(art, "Iraqi troops").actor == "iraq-mil"
    assert any(m.actor == "united-states-gov" and "administration" in m.text for m in art.mentions)


def test_resolve_actors_town_after_in_is_not_an_actor(nlp, kb):
    art = _run(nlp, kb, "Talks were held in Paris on Monday.")
    assert not any(m.text == "Paris" for m in art.mentions)


def test_resolve_actors_unknown_person_gets_country_from_demonym(nlp, kb):
    art = _run(nlp, kb, "Iraqi official Ali Hashem said the road was closed.")
    ali = next(a for a in art.actors if a.name == "Ali Hashem")
    assert ali.id == "ali-hashem" and ali.country == "IRQ"


def test_resolve_actors_bad_input_degrades(nlp, kb):
    art = _run(nlp, kb, "", published="not a date")
    assert art.actors == [] and art.mentions == []


def test_resolve_text_examples_from_the_brief(kb):
    on = "2014-06-16"
    assert resolve_text("protesters in Kyiv", on=on, kb=kb).id == "ukraine-cvl"
    assert resolve_text("Tehran", on=on, kb=kb).code == "IRNGOV"
    assert resolve_text("the militants", on=on, kb=kb).country is None
    assert resolve_text("Iranian President Hassan Rouhani", on=on, kb=kb).office == "President"
    assert resolve_text("the army", on=on, context_country="TUR", kb=kb).code == "TURMIL"
    assert resolve_text("completely unknown words", kb=kb) is None
    assert resolve_text("", kb=kb) is None


def test_resolve_text_takes_the_office_from_the_text_when_the_kb_lacks_it(kb):
    earnest = resolve_text("White House spokesman Josh Earnest", on="2014-06-13", kb=kb)
    assert earnest.office == "White House spokesman"
    assert (earnest.country, earnest.sector) == ("USA", "GOV")


def test_resolve_text_former_title_keeps_no_office(kb):
    blair = resolve_text("former Prime Minister Tony Blair", on="2010-01-01", kb=kb)
    assert blair.id == "tony-blair" and blair.office is None


def test_resolve_text_stance_prefix_is_not_the_country(kb):
    actor = resolve_text("anti-Syria journalists in Beirut", kb=kb)
    assert actor is None or actor.country != "SYR"


def test_resolve_text_people_located_elsewhere(kb):
    assert resolve_text("Russians in Ukraine", kb=kb).country == "UKR"


def test_resolve_actors_title_refers_to_the_office_holder_of_the_day(nlp, kb):
    art = _run(
        nlp,
        kb,
        "Russian troops moved closer to the border. The Kremlin said the "
        "president had approved the plan.",
        "2014-03-01",
    )
    assert _mention(art, "the president").actor == "vladimir-putin"


def test_resolve_actors_role_phrase_takes_its_place(nlp, kb):
    art = _run(nlp, kb, "Pro-Russian separatists in Donetsk said they would keep fighting.",
               "2014-08-26")
    mention = next(m for m in art.mentions if m.text.endswith("in Donetsk"))
    actor = next(a for a in art.actors if a.id == mention.actor)
    assert actor.country == "UKR"


def test_resolve_text_surname_needs_no_other_first_name(kb):
    assert resolve_text("Prime Minister Brown", on="2008-05-01", kb=kb).id == "gordon-brown"
    other = resolve_text("Chris Brown", on="2008-05-01", kb=kb)
    assert other is None or other.id != "gordon-brown"
    undated = resolve_text("President Bush", kb=kb)
    assert undated is not None and undated.country == "USA"
