"""Where a trigger sits in its sentence: the path up to its clause, the clause's span, the
speech verb that reports it, and the trigger that governs it.

These are the syntactic facts the modality, argument and absorption rules read.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import load_cues

__all__ = [
    "CLAUSE_DEPS",
    "MAX_CLIMB",
    "clause_path",
    "clause_span",
    "clause_top",
    "is_reporting",
    "reporting_verb",
]

CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "ROOT", "conj"}
)
"""Dependency relations at which a trigger's own clause ends."""
MAX_CLIMB = 12
"""Longest path walked up a parse tree (parses of bad text can be deep)."""


def clause_path(tok: Token) -> list[Token]:
    """The tokens from ``tok`` up to and including the head of its clause.

    Nominal triggers climb through the prepositions and verbs that hold them
    ("options including airstrikes"), verbal ones through ``xcomp`` ("plans to attack").
    """
    path = [tok]
    cur = tok
    while cur.dep_ not in CLAUSE_DEPS and cur.head.i != cur.i and len(path) < MAX_CLIMB:
        cur = cur.head
        path.append(cur)
    return path


def clause_top(tok: Token) -> Token:
    """The head of the clause ``tok`` belongs to."""
    return clause_path(tok)[-1]


def is_reporting(tok: Token) -> bool:
    """Is this a speech verb ("said", "told", "announced")?"""
    return tok.lemma_.lower() in load_cues().reporting_verbs and tok.pos_ in ("VERB", "AUX")


def reporting_verb(tok: Token) -> Token | None:
    """The speech verb whose report contains ``tok``'s clause, if any.

    "X said it was not negotiating with the rebels" -> "said" for "talking"; the speech verb may also
    hang below the clause ("..., Kerry said") as a ``parataxis``/``ccomp`` child of the root.
    """
    top = clause_top(tok)
    for _ in range(3):
        head = top.head
        if top.dep_ in ("ccomp", "parataxis", "xcomp") and head.i != top.i and is_reporting(head):
            return head
        if top.dep_ == "conj" and head.i != top.i:
            top = clause_top(head)
            continue
        break
    if top.dep_ == "ROOT":
        for child in top.children:
            if (
                child.dep_ in ("parataxis", "ccomp", "advcl")
                and is_reporting(child)
                and child.i > tok.i
            ):
                return child
    return None


def clause_span(tok: Token) -> tuple[int, int]:
    """Character span of ``tok``'s clause, without embedded clauses that do not contain it.

    Used to ask which time or place expression belongs to the event.
    """
    top = clause_top(tok)
    skip: set[int] = set()
    for child in top.children:
        if child.dep_ in CLAUSE_DEPS - {"ROOT"} and not _contains(child, tok):
            skip.update(t.i for t in child.subtree)
    toks = [t for t in top.subtree if t.i not in skip]
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _contains(root: Token, tok: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i
