"""Find event triggers in a parsed sentence with the trigger lexicon.

A trigger is a word (verb, noun or adjective) whose lemma, part of speech and dependents
match a row of ``triggers.tsv``. Sentences that do not look like prose (over-long runs,
flattened tables, all-capitals headlines, verbless lists) yield no trigger at all: the
coder emits nothing rather than garbage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import TriggerEntry, lemma_of, load_triggers

__all__ = ["MAX_SENTENCE_TOKENS", "MAX_TRIGGERS", "Trigger", "find_triggers", "looks_like_prose"]

MAX_SENTENCE_TOKENS = 120
"""Longer "sentences" are run-ons, tables or lists flattened into text: not coded."""
MAX_TRIGGERS = 8
"""At most this many triggers are read in one sentence."""

_POS = {"VERB": ("VERB", "AUX"), "NOUN": ("NOUN", "PROPN"), "ADJ": ("ADJ",)}
_NAME_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "NORP",
        "FAC",
        "LOC",
        "WORK_OF_ART",
        "LAW",
        "EVENT",
        "PRODUCT",
        "DATE",
        "TIME",
        "MONEY",
        "CARDINAL",
        "PERCENT",
    }
)
_PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})


@dataclass
class Trigger:
    """A word of the sentence that matched a lexicon row.

    Attributes:
        token: the trigger word.
        entry: the matched row.
        extra: the dependents the row needed ("fire" of "open fire").
    """

    token: Token
    entry: TriggerEntry
    extra: list[Token] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Character offset of the trigger's first word."""
        return min([self.token.idx] + [t.idx for t in self.extra if t.i < self.token.i])

    @property
    def end(self) -> int:
        """Character offset just after the trigger's last word."""
        toks = [self.token] + [t for t in self.extra if abs(t.i - self.token.i) <= 3]
        last = max(toks, key=lambda t: t.i)
        return last.idx + len(last.text)


def looks_like_prose(sent: Span) -> bool:
    """Is this sentence worth coding? False for run-ons, tables, shouting and lists."""
    n = len(sent)
    if n < 3 or n > MAX_SENTENCE_TOKENS:
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3 or len(words) < 0.5 * n:
        return False
    long_words = [t for t in words if len(t) > 1]
    if len(long_words) >= 4 and sum(t.is_upper for t in long_words) >= 0.7 * len(long_words):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def _dependent_words(tok: Token) -> tuple[dict[str, Token], set[str]]:
    """Lemmas of a token's dependents (and of its prepositions' objects) -> token; veto set."""
    found: dict[str, Token] = {}
    veto: set[str] = set()
    for child in tok.children:
        for key in (lemma_of(child), child.lower_):
            found.setdefault(key, child)
        if child.dep_ == "xcomp":
            found.setdefault("to", child)
        if child.dep_ in ("ccomp", "xcomp", "pcomp"):
            found.setdefault("<clause>", child)
        if child.dep_ in _PREP_DEPS or child.dep_ in ("dobj", "pobj", "acomp"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp", "dobj", "compound", "amod", "prep"):
                    for key in (grand.lemma_.lower(), grand.lower_):
                        found.setdefault(key, grand)
                    for great in grand.children:
                        if great.dep_ in ("pobj", "compound"):
                            found.setdefault(great.lemma_.lower(), great)
        if child.dep_ == "ccomp":
            veto.update(
                g.lemma_.lower() for g in child.children if g.dep_ in ("mark", "advmod", "dobj")
            )
    veto.update(found)
    return found, veto


def _near(tok: Token, dep: Token) -> bool:
    """Is a needed word part of the phrase ("called on X", not "On Twitter, X called")?"""
    if dep.pos_ in ("ADP", "PART") and dep.head.i == tok.i:
        return tok.i < dep.i <= tok.i + 4
    return abs(dep.i - tok.i) <= 8


def _pos_ok(entry: TriggerEntry, tok: Token) -> bool:
    if entry.pos == "*":
        return True
    if entry.pos == "ADJ" and tok.tag_ == "VBN":
        return True
    return tok.pos_ in _POS[entry.pos]


def match_token(tok: Token, lexicon: dict[str, list[TriggerEntry]] | None = None) -> Trigger | None:
    """The longest lexicon row that this token triggers, or None."""
    lexicon = lexicon if lexicon is not None else load_triggers()
    keys = {lemma_of(tok), tok.lower_}
    entries = [e for k in keys for e in lexicon.get(k, ())]
    if not entries:
        return None
    entries.sort(key=lambda e: -len(e.needs))
    deps, veto = _dependent_words(tok)
    for entry in entries:
        if not _pos_ok(entry, tok):
            continue
        if any(w not in deps or not _near(tok, deps[w]) for w in entry.needs):
            continue
        if entry.unless & (veto - set(entry.needs)):
            continue
        return Trigger(tok, entry, [deps[w] for w in entry.needs])
    return None


def find_triggers(
    sent: Span, lexicon: dict[str, list[TriggerEntry]] | None = None
) -> list[Trigger]:
    """Triggers of one sentence, in text order (nothing for text that is not prose).

    Args:
        sent: a sentence of a parsed Doc.
        lexicon: trigger entries by lemma (default: the packaged ``triggers.tsv``).
    """
    if not looks_like_prose(sent):
        return []
    lexicon = lexicon if lexicon is not None else load_triggers()
    out: list[Trigger] = []
    used: set[int] = set()
    for tok in sent:
        if tok.i in used or not tok.is_alpha and "-" not in tok.text:
            continue
        if tok.ent_type_ in _NAME_LABELS and tok.pos_ == "PROPN":
            continue
        trig = match_token(tok, lexicon)
        if trig is None:
            continue
        out.append(trig)
        used.update(t.i for t in trig.extra)
        if len(out) >= MAX_TRIGGERS:
            break
    # a word consumed as another trigger's dependent ("impose sanctions") is not its own trigger
    return [t for t in out if t.token.i not in used]
