"""Per-Doc lookups that the stages ask for many times: entities within a span, sentence numbers.

``Span.ents`` walks every entity of the Doc (and builds each one again) on every call, and
the stages ask it once per noun phrase and per place name: on a long article that was most of
the actor and place stages' time. :func:`doc_index` builds the entity list and the sentence
starts once per Doc (kept in ``doc.user_data``) and answers by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

__all__ = ["DocIndex", "doc_index", "ents_within", "tokens_lowered"]

KEY = "dateline.index"


@dataclass
class DocIndex:
    """The Doc's entities and sentences, each once."""

    ents: tuple[Span, ...]
    ent_starts: list[int]
    sent_char_starts: list[int]

    def ents_within(self, start: int, end: int) -> list[Span]:
        """Entities wholly inside tokens ``start:end`` (what ``doc[start:end].ents`` gives)."""
        out = []
        for ent in self.ents[bisect_left(self.ent_starts, start) :]:
            if ent.end > end:
                break
            out.append(ent)
        return out

    def sentence_number(self, char: int) -> int:
        """How many sentences start at or before character ``char``."""
        return bisect_right(self.sent_char_starts, char)


def doc_index(doc: Doc) -> DocIndex:
    """The :class:`DocIndex` of a parsed Doc, built on first use."""
    index = doc.user_data.get(KEY)
    if index is None:
        ents = tuple(doc.ents)
        sents = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        index = doc.user_data[KEY] = DocIndex(ents, [e.start for e in ents], sents)
    return index


def ents_within(span: Span) -> list[Span]:
    """``span.ents``, answered from the Doc's index."""
    return doc_index(span.doc).ents_within(span.start, span.end)


def tokens_lowered(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lower-case form is one of ``words``, without visiting the others."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    keys = numpy.array([strings.add(w) for w in words], dtype=numpy.uint64)
    positions = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), keys))
    return [doc[int(i)] for i in positions]
