"""``code_sentences``: one-sentence articles in, one line per input out, same order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dateline.events import code_events, code_sentences
from dateline.model import Article


class ParseOnly:
    """A pipeline that only parses and codes events (no other stage)."""

    def __init__(self, nlp) -> None:  # type: ignore[no-untyped-def]
        self.nlp = nlp

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield code_events(article, self.nlp(article.text))


def test_code_sentences_keeps_order_and_ids(nlp, tiny_resolver) -> None:  # type: ignore[no-untyped-def]
    items = [
        {"id": "a", "text": "Iran threatened to attack Israel.", "date": "2024-01-02"},
        {"id": "b", "text": "The weather was fine."},
        {"id": "c", "text": "Police arrested the mayor."},
    ]
    out = list(code_sentences(items, pipeline=ParseOnly(nlp)))
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[0]["events"][0]["type"] == "THREATEN"
    assert out[0]["events"][0]["date"] == "2024-01-02"
    assert out[1]["events"] == []
    assert out[2]["events"][0]["type"] == "COERCE"


def test_code_sentences_bad_items_give_empty_events(nlp) -> None:  # type: ignore[no-untyped-def]
    out = list(code_sentences([{"id": "x"}, {"id": "y", "text": 5}], pipeline=ParseOnly(nlp)))
    assert out == [{"id": "x", "events": []}, {"id": "y", "events": []}]
