"""Speech cues in the parse: the verb, who speaks, to whom, and the clause they report.

A cue is a speech verb of the lexicon ("said", "told", "warned") or a cue phrase
("according to"). From the dependency parse it gets its speaker (the subject, a passive
"by" agent, the subject of the verb it hangs from, or the noun a relative clause describes),
its addressee ("told Yahoo News", "in an interview with CNN"), its complement (the reported
clause, "that"-clause included) and the question of an "Asked whether ..." frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import CueLexicon

__all__ = ["Cue", "find_cues", "inverted_subject", "phrase_extent", "speaker_between"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
# Dependents that belong to the cue's own clause, not to what it reports.
CLAUSE_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "aux",
        "auxpass",
        "neg",
        "advmod",
        "npadvmod",
        "prep",
        "agent",
        "dobj",
        "dative",
        "prt",
        "tmod",
        "attr",
    }
)
RELATIVE_WORDS = frozenset({"who", "that", "which", "whom"})


@dataclass
class Cue:
    """One speech cue and what the parse says about it (character offsets).

    Attributes:
        token: the cue verb (or the first word of a cue phrase).
        start: start of the cue text.
        end: end of the cue text.
        speaker: the head token of the speaker, when the parse gives one.
        addressee: (start, end) of the one spoken to.
        complement: (start, end) of the reported clause.
        context: (start, end) of the question of an "Asked whether ..." frame.
        clause: (start, end) of the cue's own clause (speaker, verb, addressee, time).
        phrase: the cue is a phrase such as "according to".
        frame: the cue is a question frame ("Asked whether ..."): its asker is unnamed.
    """

    token: Token
    start: int
    end: int
    speaker: Token | None = None
    addressee: tuple[int, int] | None = None
    complement: tuple[int, int] | None = None
    context: tuple[int, int] | None = None
    clause: tuple[int, int] = (0, 0)
    phrase: bool = False
    frame: bool = False


def phrase_extent(head: Token) -> tuple[int, int]:
    """Character extent of the noun phrase headed by ``head``: its left part and name parts."""
    doc = head.doc
    left = head
    # Walk left inside the phrase; stop at punctuation, a conjunction or a clause.
    for i in range(head.i - 1, head.left_edge.i - 1, -1):
        tok = doc[i]
        if tok.is_punct or tok.dep_ in {"cc", "advcl", "relcl", "acl", "punct"} or tok.is_space:
            break
        left = tok
    start = left.idx
    end = head.idx + len(head.text)
    for tok in head.rights:
        if tok.dep_ in {"flat", "compound", "nummod"} and tok.i == head.i + 1:
            end = tok.idx + len(tok.text)
        else:
            break
    return start, end


def _subtree_extent(tok: Token) -> tuple[int, int]:
    last = tok.right_edge
    return tok.left_edge.idx, last.idx + len(last.text)


def _is_cue_verb(tok: Token, lex: CueLexicon) -> bool:
    if tok.pos_ != "VERB":
        return False
    if tok.tag_ == "VBN" and not any(
        c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in tok.children
    ):
        return False  # "Asked whether ...", "Kerry, pressed on ...": the frame, not the cue
    if _is_question_frame(tok, lex):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in lex.verbs:
        return False
    particle = lex.particle_verbs.get(lemma)
    if particle is not None and not any(
        c.dep_ == "prt" and c.lower_ == particle for c in tok.children
    ):
        return False
    # "he continued" is a cue, "continued to fight" is not
    bare_only = lemma in lex.bare_verbs
    return not bare_only or not any(
        c.dep_ in {"dobj", "xcomp", "prep", "acomp"} for c in tok.children
    )


def _is_question_frame(tok: Token, lex: CueLexicon) -> bool:
    """``Asked whether ..., Kerry said``: a subjectless participle before its head."""
    return (
        tok.lemma_.lower() in lex.question_verbs
        and tok.dep_ == "advcl"
        and tok.i < tok.head.i
        and tok.tag_ in {"VBN", "VBD"}
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "auxpass"} for c in tok.children)
    )


def _speaker_of(verb: Token) -> Token | None:
    """The speaker's head token: subject, agent, inherited subject or relative-clause noun."""
    seen = 0
    tok: Token | None = verb
    while tok is not None and seen < 5:
        seen += 1
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if subj is not None:
            if subj.dep_ == "nsubjpass" and tok.i == verb.i:
                return None  # "it was announced that ...": nobody named
            if subj.lower_ in RELATIVE_WORDS and tok.dep_ == "relcl" and tok.i != verb.i:
                return tok.head
            if subj.dep_ == "csubj":
                return None
            return subj
        if tok.dep_ in {"conj", "advcl", "xcomp"} and tok.head.i != tok.i:
            if tok.dep_ == "xcomp" and tok.head.pos_ != "VERB":
                return None  # "it is fair to say ...": nobody in particular
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "responded by saying"
            continue
        if tok.dep_ == "acl" and tok.head.i != tok.i:
            noun = tok.head  # "issued a statement saying": the issuer speaks
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                tok = noun.head
                continue
            return noun
        if tok.dep_ == "relcl" and tok.head.i != tok.i:
            return tok.head
        return None
    return None


def _addressee_of(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    lemma = verb.lemma_.lower()
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and lemma in lex.addressee_verbs:
        return phrase_extent(passive)  # "reporters were told by the chief"
    for c in verb.children:
        if (
            lemma in lex.addressee_verbs
            and c.dep_ in {"dobj", "dative"}
            and c.pos_ in {"PROPN", "NOUN", "PRON"}
        ):
            return phrase_extent(c)
    for c in verb.children:
        if c.dep_ not in {"prep", "dative"}:
            continue
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        word = c.lower_
        if word == "to" and pobj.pos_ in {"PROPN", "NOUN", "PRON"}:
            return phrase_extent(pobj)
        if word in {"in", "during"} and pobj.lemma_.lower() in lex.media_nouns:
            for p in pobj.children:
                if p.dep_ == "prep" and p.lower_ in {"with", "to", "on"}:
                    inner = next((g for g in p.children if g.dep_ == "pobj"), None)
                    if inner is not None:
                        return phrase_extent(inner)
        if word == "on" and pobj.ent_type_ in {"ORG", "WORK_OF_ART", "PRODUCT"}:
            return phrase_extent(pobj)
    return None


def _complement_of(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    for dep in COMPLEMENT_DEPS:
        comp = next((c for c in verb.children if c.dep_ == dep), None)
        if comp is not None:
            return _subtree_extent(comp)
    if verb.lemma_.lower() not in lex.addressee_verbs:
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if any(c.dep_ == "agent" for c in verb.children):
                return _subtree_extent(passive)  # "the plan was announced by the ministry"
            return None  # "the firm was promised $90 million": no one is quoted
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ != "PRON" and verb.lemma_.lower() in lex.object_verbs:
            return _subtree_extent(obj)
    return None


def _context_of(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    for c in verb.children:
        if _is_question_frame(c, lex):
            return _subtree_extent(c)
    return None


def _clause_extent(verb: Token, speaker: Token | None, extra: list[Token]) -> tuple[int, int]:
    toks = [verb] + [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    if speaker is not None and speaker.head.i == verb.i:
        toks.append(speaker)
    toks.extend(extra)
    start = min(t.left_edge.idx if t.i != verb.i else t.idx for t in toks)
    end = max(
        (t.right_edge.idx + len(t.right_edge.text)) if t.i != verb.i else t.idx + len(t.text)
        for t in toks
    )
    return start, end


def _phrase_cues(doc: Doc, lex: CueLexicon, text: str) -> list[Cue]:
    out = []
    for tok in doc:
        for phrase in lex.phrases:
            if tok.lower_ != phrase[0] or tok.i + len(phrase) > len(doc):
                continue
            words = doc[tok.i : tok.i + len(phrase)]
            if tuple(t.lower_ for t in words) != phrase:
                continue
            last = words[-1]
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                pobj = _author_of(pobj)
            end = last.idx + len(last.text)
            cue = Cue(token=tok, start=tok.idx, end=end, speaker=pobj, phrase=True)
            lo = tok.idx
            hi = (pobj.right_edge.idx + len(pobj.right_edge.text)) if pobj is not None else end
            cue.clause = (lo, hi)
            cue.complement = _host_clause(text, tok.sent, lo, hi)
            out.append(cue)
    return out


def _author_of(noun: Token) -> Token:
    """``an analysis by the Pew Research Center``: the one behind a document or study."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if inner is not None:
                return inner
    return noun


def inverted_subject(verb: Token) -> Token | None:
    """The noun phrase right after a cue verb (``..., said Louise Sunshine``), if any."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ in {"prt", "advmod"} and doc[i].head.i == verb.i:
        i += 1
    if i >= len(doc):
        return None
    tok = doc[i]
    seen = 0
    while tok.dep_ in {"compound", "amod", "det", "poss", "case", "nmod", "nummod", "flat"} and (
        tok.head.i > tok.i and seen < 8
    ):
        tok = tok.head
        seen += 1
    return tok if tok.pos_ in {"PROPN", "NOUN"} else None


def speaker_between(doc: Doc, start: int, end: int) -> Token | None:
    """The head noun of the words between a quote and its cue (``"...," Rep. X (D-Md.) said``)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0 or len(span) > 25:
        return None
    for tok in span:
        heads_phrase = not (span.start <= tok.head.i < span.end) or tok.head.i == tok.i
        if heads_phrase and tok.pos_ in {"PROPN", "NOUN", "PRON"} and not tok.is_punct:
            return tok
    return None


def _host_clause(text: str, sent: Span, lo: int, hi: int) -> tuple[int, int] | None:
    """The sentence around an "according to X" phrase, without the phrase."""
    a, b = sent.start_char, sent.end_char
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?"):
        b -= 1
    if lo - a <= 2:  # phrase opens the sentence
        a = hi
        while a < b and (text[a].isspace() or text[a] in ",:"):
            a += 1
    elif b - hi <= 2:  # phrase closes it
        b = lo
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;—-"):
            b -= 1
    return (a, b) if b - a > 1 else None


def _question_frames(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """``Asked whether ...``: a question put by someone unnamed (the asker is not the answerer)."""
    out = []
    for tok in doc:
        if not _is_question_frame(tok, lex):
            continue
        comp = next((c for c in tok.children if c.dep_ in COMPLEMENT_DEPS), None)
        if comp is None:
            about = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"about", "on"}), None
            )
            comp = next((c for c in about.children if c.dep_ == "pobj"), None) if about else None
        if comp is None:
            continue
        cue = Cue(token=tok, start=tok.idx, end=tok.idx + len(tok.text), frame=True)
        cue.complement = _subtree_extent(comp)
        cue.clause = (tok.idx, tok.idx + len(tok.text))
        out.append(cue)
    return out


def _noun_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """``the police's claim that ...``, ``his warning that ...``: a noun and its "that"-clause.

    Nouns with only a topic ("remarks about Fiorina") are left out: they name what was
    talked about, not what was said.
    """
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.nouns:
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"acl", "ccomp"}
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            speaker = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
        cue = Cue(token=tok, start=tok.idx, end=tok.idx + len(tok.text), speaker=speaker)
        cue.complement = _subtree_extent(clause)
        lo = speaker.left_edge.idx if speaker is not None else tok.idx
        cue.clause = (min(lo, tok.idx), tok.idx + len(tok.text))
        cue.phrase = True
        out.append(cue)
    return out


def find_cues(doc: Doc, lex: CueLexicon, *, text: str | None = None) -> list[Cue]:
    """Every speech cue of a parsed text, in text order.

    Args:
        doc: the spaCy Doc of the article text.
        lex: the cue lexicon.
        text: ``doc.text`` when the caller has it already (rebuilding it is costly).

    Returns:
        Cues with speaker, addressee, complement, context and clause filled where the
        parse gives them.
    """
    cues: list[Cue] = []
    for tok in doc:
        if not _is_cue_verb(tok, lex):
            continue
        speaker = _speaker_of(tok)
        if (
            speaker is None
            and tok.tag_ in {"VB", "VBG"}
            and not any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        ):
            continue  # "too soon to say how ...": nobody is saying anything
        extra = [c for c in tok.children if c.dep_ == "prt"]
        cue_end = max([tok.idx + len(tok.text)] + [c.idx + len(c.text) for c in extra])
        cue = Cue(token=tok, start=tok.idx, end=cue_end, speaker=speaker)
        cue.addressee = _addressee_of(tok, lex)
        cue.complement = _complement_of(tok, lex)
        cue.context = _context_of(tok, lex)
        cue.clause = _clause_extent(tok, speaker, extra)
        cues.append(cue)
    cues.extend(_question_frames(doc, lex))
    cues.extend(_noun_cues(doc, lex))
    cues.extend(_phrase_cues(doc, lex, doc.text if text is None else text))
    cues.sort(key=lambda c: c.start)
    return cues
