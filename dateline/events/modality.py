"""The modality of a coded event: asserted, negated, hypothetical, future or historical.

Read from the trigger's own clause only (never across a speech verb): negation words,
modal auxiliaries, conditional conjunctions, verbs of planning and of considering,
the past perfect and adverbs such as "previously". Negation wins over everything, then a
condition, then the future, then other hypotheticals, then the past perfect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .clauses import clause_path, reporting_verb
from .lexicon import load_cues

__all__ = ["ModalityReading", "read_modality"]

_RANK = {"negated": 0, "conditional": 1, "future": 2, "hypothetical": 3, "historical": 4}


@dataclass
class ModalityReading:
    """What the clause says about whether the event happened.

    Attributes:
        modality: one of the five modalities.
        conditional: the clause is a condition ("if ..."), not only a possibility.
        cues: the words that gave the modality, for ``explain``.
    """

    modality: str = "asserted"
    conditional: bool = False
    cues: list[str] = field(default_factory=list)


def _marks(tok: Token, trigger: Token, is_agree: bool) -> list[tuple[str, str]]:
    """(kind, word) pairs that one token on the path contributes."""
    cues = load_cues()
    out: list[tuple[str, str]] = []
    lemma = tok.lemma_.lower()
    if tok.i != trigger.i:
        if lemma in cues.negating_heads:
            out.append(("negated", tok.text))
        elif lemma in cues.future_heads and tok.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            out.append(("future", tok.text))
        elif lemma in cues.hypothetical_heads and not is_agree:
            out.append(("hypothetical", tok.text))
    nominal = tok.pos_ in ("NOUN", "PROPN")
    for child in tok.children:
        cl = child.lower_
        dep = child.dep_
        if (
            dep == "neg"
            or (cl in cues.negation and dep in ("advmod", "neg", "preconj", "cc"))
            or nominal
            and dep == "det"
            and cl in cues.negating_modifiers
            and tok.i == trigger.i
        ):
            out.append(("negated", child.text))
        elif tok.i == trigger.i and dep in ("dobj", "obj") and child.pos_ == "NOUN" and any(
            g.dep_ == "det" and g.lower_ in cues.negating_modifiers for g in child.children
        ):  # "held no talks": the light verb's object carries the negation
            out.append(("negated", next(g.text for g in child.children if g.dep_ == "det")))
        elif dep == "aux":
            if cl in cues.future_modals or child.lemma_.lower() in cues.future_modals:
                out.append(("future", child.text))
            elif cl in cues.hypothetical_modals and not is_agree:
                out.append(("hypothetical", child.text))
            elif (
                child.lemma_.lower() == "have"
                and child.tag_ == "VBD"
                and tok.tag_ == "VBN"
                and reporting_verb(tok) is None
            ):  # "said it had sent": only the tense of reports
                out.append(("historical", child.text))
        elif dep == "mark" and cl in cues.conditional_marks:
            out.append(("conditional", child.text))
        elif dep == "mark" and cl in cues.hypothetical_heads and not is_agree:
            out.append(("hypothetical", child.text))
        elif dep == "advmod" and cl in cues.historical_adverbs and not nominal:
            out.append(("historical", child.text))
        elif nominal and tok.i == trigger.i and dep in ("amod", "compound"):
            if cl in cues.future_modifiers:
                out.append(("future", child.text))
            elif cl in cues.hypothetical_modifiers:
                out.append(("hypothetical", child.text))
    return out


def read_modality(trigger: Token, *, is_agree: bool = False) -> ModalityReading:
    """Read the modality of the event whose trigger is ``trigger``.

    Args:
        trigger: the trigger word.
        is_agree: the event is an expression of willingness (AGREE): modals such as
            "would", "may" or "could" do not make it hypothetical ("would be open to").

    Returns:
        The modality, whether it is a condition, and the words that gave it.
    """
    found: list[tuple[str, str]] = []
    path = clause_path(trigger)
    for tok in path:
        found.extend(_marks(tok, trigger, is_agree))
    # a conjoined verb shares its first verb's auxiliaries ("will meet and sign")
    top = path[-1]
    if (
        top.dep_ == "conj"
        and top.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in top.children)
    ):
        found.extend((k, w) for k, w in _marks(top.head, top.head, is_agree) if k != "conditional")
    last = trigger.sent[-1] if len(trigger.sent) else trigger
    if last.text == "?" or (
        last.is_punct and len(trigger.sent) > 1 and trigger.sent[-2].text == "?"
    ):
        found.append(("hypothetical", "?"))  # a question asserts nothing
    if not found:
        return ModalityReading()
    kind, _ = min(found, key=lambda kw: _RANK[kw[0]])
    reading = ModalityReading(cues=[w for _, w in found])
    reading.conditional = any(k == "conditional" for k, _ in found)
    reading.modality = "hypothetical" if kind == "conditional" else kind
    return reading
