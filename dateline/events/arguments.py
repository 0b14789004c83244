"""Who did it and to whom: the actor and recipient words of a trigger from the parse.

Actors come from the subject (or the ``by`` agent of a passive, the noun a relative
clause hangs on, the subject of a controlling verb); recipients from the object, the
passive subject, and the objects of "with", "against", "to", "on" ... Nominal triggers
("Israeli airstrikes on Gaza", "talks with Iran") take their actor from a possessive or
national modifier, or from the subject of a light verb ("held talks", "staged a protest").
Each rule that fires is named, for ``explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .clauses import clause_path
from .lexicon import lemma_of, load_cues
from .triggers import Trigger

__all__ = ["RECIPIENT_PREPS", "Roles", "nominal_actor", "objects_of", "roles_of", "subject_of"]

RECIPIENT_PREPS = frozenset(
    {
        "for",
        "with",
        "against",
        "to",
        "on",
        "at",
        "into",
        "toward",
        "towards",
        "upon",
        "from",
        "over",
        "onto",
        "inside",
    }
)
_NOMINAL_PREPS = RECIPIENT_PREPS | {"of", "in", "for"}
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})
_OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "press",
        "order",
        "invite",
        "force",
        "persuade",
        "tell",
        "encourage",
        "allow",
        "help",
        "request",
        "warn",
        "pressure",
    }
)
_MAX_DEPTH = 6


@dataclass
class Roles:
    """Argument words of one event, with the rules that found them."""

    actor: list[Token] = field(default_factory=list)
    recipient: list[Token] = field(default_factory=list)
    actor_rule: str = ""
    recipient_rule: str = ""
    from_trigger: set[int] = field(default_factory=set)


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _clause_subject(tok: Token, dep: str) -> Token | None:
    """The subject of ``tok``'s clause of dependency ``dep`` ("demanded that the U.S. ...")."""
    clause = _child(tok, dep)
    return _child(clause, "nsubj", "nsubjpass") if clause is not None else None


def _agent(tok: Token) -> Token | None:
    agent = _child(tok, "agent")
    if agent is None:
        agent = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    return _child(agent, "pobj") if agent is not None else None


def is_passive(tok: Token) -> bool:
    """Has this verb a passive subject or auxiliary ("was attacked")?"""
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


def subject_of(tok: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The actor word of a verbal (or adjectival) trigger and the rule that found it."""
    if depth > _MAX_DEPTH:
        return None, ""
    subj = _child(tok, "nsubj", "csubj", "expl")
    if subj is None and tok.dep_ == "conj" and not is_passive(tok) and tok.head.i != tok.i:
        shared = _child(tok.head, "nsubj", "nsubjpass")
        if shared is not None:
            return shared, "subject shared with the first verb"
    if subj is not None and subj.dep_ != "expl":
        if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            return tok.head, "relative clause head"
        return subj, "subject" if depth == 0 else f"subject of '{tok.text}'"
    if is_passive(tok) or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl")):
        agent = _agent(tok)
        return (agent, "passive agent (by ...)") if agent is not None else (None, "")
    dep, head = tok.dep_, tok.head
    if head.i == tok.i:
        return None, ""
    if dep == "relcl":
        return head, "relative clause head"
    if dep == "acl" and tok.tag_ == "VBG":
        return head, "participle head"
    if dep == "xcomp":
        raised = _child(head, "nsubjpass")
        if raised is not None:
            return raised, f"subject of '{head.text}'"
        obj = _child(head, "dobj")
        if obj is not None and head.lemma_.lower() in _OBJECT_CONTROL:
            return obj, f"object of '{head.text}'"
        return subject_of(head, depth + 1)
    if dep in ("conj", "pcomp", "advcl", "acomp", "prep", "pobj", "attr", "oprd", "ccomp"):
        if dep == "ccomp" and head.pos_ != "ADJ":
            return None, ""
        return subject_of(head, depth + 1)
    return None, ""


def _actorish(tok: Token) -> bool:
    if tok.ent_type_ in _NON_ACTOR_ENTS or tok.like_num:
        return False
    return tok.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "X")


def objects_of(tok: Token, *, nominal: bool = False) -> list[tuple[Token, str]]:
    """Recipient candidates of a trigger in order of preference, each with its rule."""
    out: list[tuple[Token, str]] = []
    preps = _NOMINAL_PREPS if nominal else RECIPIENT_PREPS
    for child in tok.children:
        if child.dep_ == "nsubjpass":
            out.append((child, "passive subject"))
    for child in tok.children:
        if child.dep_ in ("dative",) and child.pos_ != "ADP":
            out.append((child, "indirect object"))
        elif child.dep_ in ("dobj",):
            out.append((child, "object"))
    for child in tok.children:
        if child.dep_ == "dobj":  # "imposed restrictions on X", "lifted the ban against X"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                    pobj = _child(prep, "pobj")
                    if pobj is not None:
                        out.append((pobj, f"object of '{child.text} {prep.text}'"))
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            pobj = _child(child, "pobj")
            if pobj is not None:
                out.append((pobj, f"object of '{child.text}'"))
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in preps:
                    g_obj = _child(grand, "pobj")
                    if g_obj is not None:
                        out.append((g_obj, f"object of '{child.text} {grand.text}'"))
    deeper: list[tuple[Token, str]] = []
    for obj, rule in out:  # "a war against Iraq", "embargoes on sales to Iran"
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS - {"from"}:
                pobj = _child(prep, "pobj")
                if pobj is not None:
                    deeper.append((pobj, f"{rule}, object of '{prep.text}'"))
    return [(t, r) for t, r in out + deeper if _actorish(t)]


def nominal_actor(tok: Token, extra: list[Token]) -> tuple[Token | None, str]:
    """The actor word of a nominal trigger ("Israeli airstrikes", "held talks")."""
    cues = load_cues()
    skip = {t.i for t in extra}
    for child in tok.children:
        if child.i in skip or child.i > tok.i:
            continue
        if child.dep_ == "poss":
            return child, "possessive"
        if child.dep_ in ("compound", "amod", "nmod"):
            if child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or (
                child.pos_ == "PROPN" and child.ent_type_ not in _NON_ACTOR_ENTS
            ):
                return child, "national or name modifier"
            if child.pos_ == "NOUN" and child.lemma_.lower() in cues.actor_nouns:
                return child, "role modifier"
    agent = _agent(tok)
    if agent is not None:
        return agent, "by-phrase"
    head = tok.head
    if tok.dep_ in ("dobj", "attr") and lemma_of(head) in cues.light_verbs:
        subj, _ = subject_of(head)
        if subj is not None:
            return subj, f"subject of light verb '{head.text}'"
    for step in clause_path(tok)[1:]:
        if step.pos_ not in ("VERB", "AUX"):
            continue
        lemma = lemma_of(step)
        if lemma in cues.hypothetical_heads or lemma in cues.future_heads or lemma == "include":
            subj, _ = subject_of(step)
            if subj is not None:
                return subj, f"subject of '{step.text}'"
        break
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        if lemma_of(verb) in cues.light_verbs or head.lower_ in ("in", "during", "on", "for"):
            subj, _ = subject_of(verb)
            if subj is not None:
                return subj, f"subject of '{verb.text}'"
    return None, ""


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


def roles_of(trig: Trigger, inner: Trigger | None) -> Roles:
    """Actor and recipient words of a trigger (and of the complement its frame absorbed)."""
    tok = trig.token
    roles = Roles()
    extra = {t.i for t in trig.extra}
    if _is_nominal(tok):
        word, rule = nominal_actor(tok, trig.extra)
    else:
        word, rule = subject_of(tok)
    if word is not None:
        roles.actor, roles.actor_rule = [word], rule
    skip = extra | ({word.i} if word is not None else set())
    if inner is not None:
        skip.add(inner.token.i)
    cands = [(t, r) for t, r in objects_of(tok, nominal=_is_nominal(tok)) if t.i not in skip]
    if not cands and _is_nominal(tok) and tok.dep_ in ("dobj", "attr") and tok.head.i != tok.i:
        light = tok.head
        cands = [
            (t, f"{r} of '{light.text}'")
            for t, r in objects_of(light)
            if t.i not in skip and t.i != tok.i and t.dep_ != "nsubjpass"
        ]
    demanding = trig.entry.frame in ("request", "threat", "reject")
    if not cands and demanding:  # "demanded that the United States ...": who is asked
        subj = _clause_subject(tok, "ccomp")
        if subj is not None and subj.i not in skip:
            cands.append((subj, f"subject of the clause of '{tok.text}'"))
    if not cands and inner is not None:
        if demanding and not _is_nominal(inner.token):
            subj, srule = subject_of(inner.token)
            if subj is not None and subj.i not in skip and (word is None or subj.i != word.i):
                cands.append((subj, f"complement {srule}"))
        inner_skip = skip | {t.i for t in inner.extra}
        cands += [
            (t, f"complement {r}")
            for t, r in objects_of(inner.token, nominal=_is_nominal(inner.token))
            if t.i not in inner_skip
        ]
        if _is_nominal(inner.token):
            owner, orule = nominal_actor(inner.token, inner.extra)
            if owner is not None and owner.i not in skip and (word is None or owner.i != word.i):
                cands.append((owner, f"complement {orule}"))
    if not cands and inner is None and demanding:
        subj = _clause_subject(tok, "xcomp")
        if subj is not None and subj.i not in skip:
            cands.append((subj, f"subject of the clause of '{tok.text}'"))
    if not cands and tok.dep_ in ("acl", "advcl") and _is_nominal(tok.head):
        verb = clause_path(tok.head)[-1]
        subj, srule = subject_of(verb)
        if subj is not None and (word is None or subj.i != word.i):
            cands.append((subj, f"{srule} of the clause holding '{tok.head.text}'"))
    cands += [(t, "object named by the trigger") for t in trig.extra if t.pos_ in ("NOUN", "PROPN")]
    roles.from_trigger = {t.i for t in trig.extra}
    roles.recipient = [t for t, _ in cands]
    roles.recipient_rule = "; ".join(r for _, r in cands)
    return roles
