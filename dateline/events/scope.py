"""Which triggers are the sentence's events, and which belong inside another event.

Two questions the coder asks of every trigger:

- *absorption*: is it the complement of another trigger ("agreed to **provide** aid",
  "condemned the **attack**", "Libya **must** hand over ...", "telephoned X to **discuss**")?
  Then it is coded as part of that trigger's event, not as an event of its own.
- *background*: is it only a description of some participant or a time ("weapons **seized**
  last year", "the **banned** party", "the curfew **imposed** in May", "after two days of
  **fighting**")? Then it is not coded. An event noun is coded only when the clause
  reports it as happening: the object of a light verb ("held **talks**"), the subject of
  a verb of occurrence ("**protests** erupted"), or a headline fragment.
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import clause_path
from .lexicon import lemma_of, load_cues
from .triggers import Trigger

__all__ = ["TEMPORAL_MARKS", "background_reason", "governor_of", "is_nominal"]

TEMPORAL_MARKS = frozenset({"when", "after", "before", "since", "until", "till", "while", "once"})
_RELATIVE = frozenset({"who", "that", "which"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def is_nominal(tok: Token) -> bool:
    """Is the trigger a noun ("talks", "airstrikes")?"""
    return tok.pos_ in ("NOUN", "PROPN")


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children)


def governor_of(trig: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose event this one is part of, or None when it stands on its own."""
    if trig.entry.lemma == "must":
        return None
    path = clause_path(trig.token)
    for tok in path:
        if tok.i != trig.token.i:
            gov = by_token.get(tok.i)
            if gov is not None:
                return gov
        for child in tok.children:
            if child.dep_ == "aux" and child.i in by_token and child.i != trig.token.i:
                return by_token[child.i]
    top = path[-1]
    head = top.head
    if head.i == top.i:
        return None
    gov = by_token.get(head.i)
    if gov is None and top.dep_ in ("advcl", "ccomp"):
        # "began a hunger strike to demand ...": the light verb's purpose is its event noun's
        gov = next(
            (
                by_token[c.i]
                for c in head.children
                if c.dep_ in ("dobj", "attr") and c.i in by_token
            ),
            None,
        )
    if gov is None:
        return None
    if top.dep_ in ("ccomp", "advcl", "acl", "xcomp") and gov.entry.frame not in ("", "absorb"):
        return gov
    if top.dep_ == "conj":
        return gov if gov.entry.type == trig.entry.type and not _has_subject(top) else None
    if top.dep_ == "advcl":
        marks = {c.lower_ for c in top.children if c.dep_ == "mark"}
        if marks & load_cues().conditional_marks:
            return gov  # the condition of a threat or an offer is part of it
        if not _has_subject(top):
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)
            if purpose or top.tag_ == "VBG" or gov.entry.type == trig.entry.type:
                return gov
    return None


def _actor_like(tok: Token) -> bool:
    cues = load_cues()
    return (
        tok.ent_type_ in _NAME_LABELS
        or tok.pos_ == "PROPN"
        or tok.lemma_.lower() in cues.actor_nouns
    )


def _licensed_noun(tok: Token, depth: int = 0) -> bool:
    """Is an event noun reported as happening in its clause?"""
    cues = load_cues()
    dep, head = tok.dep_, tok.head
    if dep == "ROOT" or head.i == tok.i:
        return True
    lemma = lemma_of(head)
    if any(
        lemma_of(t) in cues.hypothetical_heads | cues.future_heads for t in clause_path(tok)[1:]
    ):
        return True
    if dep in ("dobj", "attr", "oprd") and (
        lemma in cues.light_verbs or lemma in cues.occurrence_verbs
    ):
        return True
    if dep in ("nsubj", "nsubjpass") and (
        lemma in cues.occurrence_verbs or lemma in cues.light_verbs
    ):
        return True
    if dep == "pobj" and head.lower_ in ("on", "for", "under") and head.head.pos_ == "VERB":
        verb = lemma_of(head.head)
        if verb in (
            "arrive",
            "come",
            "travel",
            "fly",
            "go",
            "return",
            "be",
            "put",
            "place",
            "head",
        ):
            return True  # "arrived on a visit", "returned for talks", "put under investigation"
    if dep == "conj" and depth < 2:
        return _licensed_noun(head, depth + 1)
    if dep == "pobj" and head.dep_ == "prep" and lemma_of(head.head) in cues.light_verbs:
        return head.lower_ in ("on", "in", "into") and lemma_of(head.head) in (
            "go",
            "take",
            "enter",
        )
    return False


def background_reason(trig: Trigger) -> str | None:
    """Why the trigger is not an event of its own sentence (None: it is)."""
    tok = trig.token
    if trig.entry.lemma == "must":
        return None
    nominal = is_nominal(tok)
    if not nominal and tok.dep_ in ("amod", "compound", "nmod"):
        return "participle used as a modifier"
    top = clause_path(tok)[-1]
    if top.dep_ == "acl":
        return "clause describing a noun"
    if top.dep_ == "relcl":
        subj = next((c for c in top.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in _RELATIVE or not _actor_like(top.head):
            return "relative clause about something else"
    if top.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in top.children
    ):
        return "temporal clause"
    if nominal and not _licensed_noun(tok):
        return "event noun not reported as happening"
    return None
