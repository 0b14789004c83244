"""Attach contents to cues: quotes next to a cue, reported clauses, continued quotes.

The rules, in the order they claim text:

1. A cue followed by a colon and a quote reports that quote (``Kerry said: "..."``).
2. In a headline (a short title-case line) what follows the cue verb is what was said.
3. A cue whose reported clause (complement) lies inside one quote reports that quote
   (direct); a complement that holds quoted words and others is mixed; one without
   quotation marks is reported speech (indirect).
4. A cue without a complement takes the quote that ends just before its clause
   (``"...," Kerry said``), else the one that starts just after it (``Kerry said, "..."``),
   else, for a parenthetical cue, its host sentence (``It was, he said, a mistake``).
5. A quote right after a colon that ends a statement, or after the sentence of a cue that
   took the quote before it (``"A," he said. "B."``), belongs to that statement.
6. A quote with no cue that opens the next paragraph, or the next sentence of the same
   paragraph, continues the statement before it; other whole quoted sentences are kept
   with no speaker.

A speaker found inside a quote or in another paragraph is a misparse and is looked for
again between the quote and the cue, or right after the cue (``..., said Louise Sunshine``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import Cue, inverted_subject, speaker_between
from .quotation import Quote

__all__ = ["Claim", "attribute"]

_BETWEEN_QUOTE_AND_CLAUSE = re.compile(r"^[\s,—–-]*$")
_BETWEEN_CLAUSE_AND_QUOTE = re.compile(r"^[\s,:—–-]*$")
# Words of a reported clause that may stand outside its quotation marks in a direct quote.
_LEAD_WORDS = re.compile(r"^\s*(that|:|,)?\s*$", re.IGNORECASE)
# Fewer quoted words than this, with no cue of their own, are titles or scare quotes.
MIN_FREE_QUOTE_WORDS = 6
# A quote at most this many characters after a statement, in its paragraph, goes on with it.
MAX_LEAD_GAP = 150
# Fewer words than this are no content (a lone "that" or "so").
MIN_CONTENT_WORDS = 2
# A title-case line of at most this many words is read as a headline.
MAX_HEADLINE_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s*$")


@dataclass(eq=False)
class Claim:
    """A content found for a cue (or for a quote that continues an earlier statement).

    Attributes:
        start: content start.
        end: content end.
        kind: direct, indirect or mixed.
        cue: the cue, or None for a continuation.
        follows: for a continuation, the claim (with a cue) it continues.
    """

    start: int
    end: int
    kind: str
    cue: Cue | None = None
    follows: Claim | None = None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return a, b


def _quotes_touching(quotes: list[Quote], a: int, b: int) -> list[Quote]:
    return [q for q in quotes if q.start < b and a < q.end]


def _from_complement(text: str, cue: Cue, quotes: list[Quote]) -> Claim | None:
    if cue.complement is None:
        return None
    return _claim_over(text, cue, quotes, *cue.complement)


def _claim_over(text: str, cue: Cue, quotes: list[Quote], a: int, b: int) -> Claim | None:
    """A claim on ``a:b``: direct, mixed or indirect by the quotation marks inside."""
    a, b = _trim(text, a, b)
    if b <= a:
        return None
    cue_outside = cue.start >= b
    if cue.speaker is not None and a <= cue.speaker.idx < b and cue_outside:
        return None  # the "speaker" is inside what it would have said: a misparse
    touching = _quotes_touching(quotes, a, b)
    if not touching:
        if len(text[a:b].split()) < MIN_CONTENT_WORDS:
            return None  # "... and that Sanders conceded": a lone "that" reports nothing
        return Claim(a, b, "indirect", cue)
    lo, hi = min(a, touching[0].start), max(b, touching[-1].end)
    # Direct when nothing but "that" or punctuation stands outside the quotation marks.
    outside, pos = [], lo
    for q in touching:
        outside.append(text[pos : q.start])
        pos = q.end
    outside.append(text[pos:hi])
    rest = "".join(outside).strip(" \t\n.,;:!?")
    if _LEAD_WORDS.match(rest):
        first = touching[0]
        if first.start > a:  # "that" before the quote: content is the quote itself
            lo = first.start
        return Claim(lo, hi, "direct", cue)
    if cue.clause[0] <= lo < cue.clause[1] or cue.start >= lo and cue.end <= hi:
        return None  # the "complement" wraps the cue itself: a bad parse
    return Claim(lo, hi, "mixed", cue)


def _is_headline(text: str, a: int, b: int) -> bool:
    """A short line in title case ("Clinton Says No To Fox News")."""
    words = [w for w in text[a:b].split() if w[:1].isalpha()]
    if not 3 <= len(words) <= MAX_HEADLINE_WORDS or text[a:b].rstrip().endswith(("?", ":")):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


def _from_headline(
    text: str, cue: Cue, quotes: list[Quote], paragraphs: list[tuple[int, int]]
) -> Claim | None:
    """In a headline the parse is poor: what follows the cue verb to the line's end is said."""
    if cue.phrase or cue.frame or cue.speaker is None or cue.speaker.i > cue.token.i:
        return None
    a, b = paragraphs[_paragraph_of(paragraphs, cue.start)]
    if not _is_headline(text, a, b):
        return None
    start = cue.end
    if cue.addressee and cue.addressee[0] - cue.end <= 1:  # "Tells Guest ...": skip the guest
        start = cue.addressee[1]
    end = b - 1 if text[b - 1] in ".!" else b
    return _claim_over(text, cue, quotes, start, end) if end - start > 2 else None


def _from_host_sentence(text: str, cue: Cue, quotes: list[Quote]) -> Claim | None:
    """``It was, he said, a mistake`` / ``Time was on our side, she added.``"""
    verb = cue.token
    if cue.phrase or cue.complement is not None or cue.speaker is None:
        return None
    if cue.speaker.head.i != verb.i:
        return None
    sent = verb.sent
    a, b = sent.start_char, sent.end_char
    para = text.rfind("\n", a, cue.start)
    if para >= 0:
        a = para + 1
    para = text.find("\n", cue.start, b)
    if para >= 0:
        b = para
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?"):
        b -= 1
    lo, hi = cue.clause
    if len(text[a:lo].split()) < 2 or not text[a:lo].rstrip().endswith(","):
        return None  # a parenthetical cue stands after a comma, with words before it
    if hi >= b - 1:  # the cue closes the sentence: the content is what precedes it
        b = lo
    elif not text[hi:b].lstrip().startswith(","):
        return None
    claim = _claim_over(text, cue, quotes, a, b)
    if (
        claim is not None
        and claim.kind == "indirect"
        and any(q.start < claim.end and claim.start < q.end for q in quotes)
    ):
        return None
    return claim


def _quote_before(text: str, cue: Cue, quotes: list[Quote], taken: set[int]) -> int | None:
    for i in range(len(quotes) - 1, -1, -1):
        q = quotes[i]
        if q.end > cue.clause[0]:
            continue
        if i in taken:
            return None
        between = text[q.end : cue.clause[0]]
        return i if _BETWEEN_QUOTE_AND_CLAUSE.match(between) and "\n" not in between else None
    return None


def _quote_after(text: str, cue: Cue, quotes: list[Quote], taken: set[int]) -> int | None:
    for i, q in enumerate(quotes):
        if q.start < cue.clause[1]:
            continue
        if i in taken:
            return None
        between = text[cue.clause[1] : q.start]
        if _BETWEEN_CLAUSE_AND_QUOTE.match(between) and ("\n" not in between or ":" in between):
            return i
        return None
    return None


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[.!?]").search(text, pos, limit)
    return m.end() if m else limit


def attribute(
    text: str, cues: list[Cue], quotes: list[Quote], paragraphs: list[tuple[int, int]]
) -> list[Claim]:
    """Find the content of every cue, and the quotes that continue a statement.

    Args:
        text: the article text.
        cues: speech cues in text order.
        quotes: top-level quotes in text order.
        paragraphs: paragraph (start, end) offsets.

    Returns:
        Claims in text order of their content; continuations point at the claim they follow.
    """
    claims: list[Claim] = []
    taken: set[int] = set()
    index = {id(q): i for i, q in enumerate(quotes)}
    pending: list[Cue] = []
    for cue in cues:
        if any(q.start < cue.start < q.end for q in quotes) and not cue.phrase:
            continue  # a cue inside a quote is the quoted speaker's own story
        _clip_to_paragraph(cue, paragraphs, quotes)
        _clip_clause(cue, quotes)
        _clip_complement_to_quote(cue, quotes)
        _repair_speaker(text, cue, quotes)
        if text[cue.clause[1] : cue.clause[1] + 3].lstrip().startswith(":"):
            after = _quote_after(text, cue, quotes, taken)
            if after is not None:  # "Kall said: "...": the colon points at the quote
                taken.add(after)
                claims.append(Claim(quotes[after].start, quotes[after].end, "direct", cue))
                continue
        claim = _from_headline(text, cue, quotes, paragraphs) or _from_complement(text, cue, quotes)
        if claim is not None and claim.kind == "direct":
            used = [index[id(q)] for q in _quotes_touching(quotes, claim.start, claim.end)]
            if any(i in taken for i in used):
                continue
            taken.update(used)
        if claim is None and not cue.phrase:
            before = _quote_before(text, cue, quotes, taken)
            if before is not None:
                q = quotes[before]
                taken.add(before)
                claim = Claim(q.start, q.end, "direct", cue)
        if claim is None:
            pending.append(cue)
            continue
        claims.append(claim)
    for cue in pending:
        after = _quote_after(text, cue, quotes, taken)
        if after is not None:
            q = quotes[after]
            taken.add(after)
            claims.append(Claim(q.start, q.end, "direct", cue))
            continue
        host = _from_host_sentence(text, cue, quotes)
        if host is not None and host.kind == "direct":
            used = [index[id(q)] for q in _quotes_touching(quotes, host.start, host.end)]
            if any(i in taken for i in used):
                continue
            taken.update(used)
        if host is not None:
            claims.append(host)
    claims.sort(key=lambda c: c.start)
    _extend_to_colon_quotes(text, claims, quotes, taken)
    _extend_running_quotes(text, claims, quotes, taken, paragraphs)
    claims.extend(_continuations(text, claims, quotes, taken, paragraphs))
    claims.extend(_unattributed(text, quotes, taken))
    claims.sort(key=lambda c: c.start)
    return claims


def _unattributed(text: str, quotes: list[Quote], taken: set[int]) -> list[Claim]:
    """Whole quoted sentences nobody is named for: kept, with no speaker."""
    out = []
    for i, q in enumerate(quotes):
        if i in taken or q.word_count(text) < MIN_FREE_QUOTE_WORDS:
            continue
        a, b = q.inner(text)
        if b > a and text[a].isupper() and text[b - 1] in ".!?,":
            out.append(Claim(q.start, q.end, "direct", None))
    return out


def _clip_to_paragraph(cue: Cue, paragraphs: list[tuple[int, int]], quotes: list[Quote]) -> None:
    """Keep a complement inside the cue's paragraph (or the quote running over it)."""
    if cue.complement is None or not paragraphs:
        return
    pa, pb = paragraphs[_paragraph_of(paragraphs, cue.start)]
    for q in quotes:
        if q.paragraphs > 1 and q.start <= cue.complement[0] < q.end:
            pa, pb = min(pa, q.start), max(pb, q.end)
    a, b = max(cue.complement[0], pa), min(cue.complement[1], pb)
    cue.complement = (a, b) if b > a else None


def _repair_speaker(text: str, cue: Cue, quotes: list[Quote]) -> None:
    """A speaker missing, inside a quote or in another paragraph is a misparse: look again."""
    sp = cue.speaker
    if cue.phrase or cue.frame:
        return
    if sp is not None:
        lo, hi = sorted((sp.idx, cue.start))
        if not any(q.start <= sp.idx < q.end for q in quotes) and "\n" not in text[lo:hi]:
            return
    before = [q for q in quotes if q.end <= cue.start]
    alt = None
    if before and "\n" not in text[before[-1].end : cue.start]:
        alt = speaker_between(cue.token.doc, before[-1].end, cue.start)
    if alt is None:
        alt = inverted_subject(cue.token)
    if alt is not None and any(q.start <= alt.idx < q.end for q in quotes):
        alt = None
    if alt is None and sp is None:
        return
    cue.speaker = alt
    if alt is not None:
        right = alt.right_edge.idx + len(alt.right_edge.text)
        cue.clause = (min(cue.clause[0], alt.left_edge.idx, cue.start), max(cue.clause[1], right))
    else:
        cue.clause = (max(cue.clause[0], cue.start), cue.clause[1])


def _clip_complement_to_quote(cue: Cue, quotes: list[Quote]) -> None:
    """A complement that starts inside a quote ends with it (the rest is a misparse)."""
    if cue.complement is None:
        return
    a, b = cue.complement
    for q in quotes:
        if q.start <= a < q.end and b > q.end and cue.start >= q.end:
            cue.complement = (a, q.end)
            return


def _clip_clause(cue: Cue, quotes: list[Quote]) -> None:
    """A cue's own clause never reaches into a quote next to it (parse attachments vary)."""
    lo, hi = cue.clause
    for q in quotes:
        if q.end <= lo or q.start >= hi:
            continue
        if q.end <= cue.start:
            lo = max(lo, q.end)
        elif q.start >= cue.end:
            hi = min(hi, q.start)
    cue.clause = (lo, hi)


def _paragraph_of(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(paragraphs):
        if a <= pos < b or pos < a:
            return i
    return len(paragraphs) - 1


def _extend_to_colon_quotes(
    text: str, claims: list[Claim], quotes: list[Quote], taken: set[int]
) -> None:
    """``He suggested action against the judge: "They ought to ..."``: the quote is said too."""
    for claim in claims:
        if claim.cue is None:
            continue
        for i, q in enumerate(quotes):
            if q.start < claim.end:
                continue
            between = text[claim.end : q.start]
            if i not in taken and between.strip() == ":" and "\n" not in between:
                taken.add(i)
                claim.end = q.end
                if claim.kind == "indirect":
                    claim.kind = "mixed"
            break


def _extend_running_quotes(
    text: str,
    claims: list[Claim],
    quotes: list[Quote],
    taken: set[int],
    paragraphs: list[tuple[int, int]],
) -> None:
    """``"A," he said. "B."``: B belongs to the statement of A."""
    for claim in claims:
        if claim.kind != "direct" or claim.cue is None or claim.cue.start < claim.end:
            continue
        para = paragraphs[_paragraph_of(paragraphs, claim.cue.start)]
        stop = _sentence_end(text, claim.cue.clause[1], para[1])
        for i, q in enumerate(quotes):
            if q.start < stop:
                continue
            if i not in taken and q.start < para[1] and not text[stop : q.start].strip():
                taken.add(i)
                claim.end = q.end
            break


def _continuations(
    text: str,
    claims: list[Claim],
    quotes: list[Quote],
    taken: set[int],
    paragraphs: list[tuple[int, int]],
) -> list[Claim]:
    """Quotes with no cue of their own that go on from the statement before them.

    Either the quote opens the paragraph after a statement, or it is the next sentence of
    the statement's own paragraph (``Jeb, Musser says. "Several surveys ..."``).
    """
    out: list[Claim] = []
    starts = {a for a, _ in paragraphs}
    for i, q in enumerate(quotes):
        if i in taken or q.word_count(text) < MIN_FREE_QUOTE_WORDS:
            continue
        if q.start not in starts:
            follows = _same_paragraph_lead(text, claims + out, q)
            if follows is not None:
                taken.add(i)
                out.append(
                    Claim(q.start, q.end, "direct", None, follows=follows.follows or follows)
                )
            continue
        before = [c for c in claims + out if c.end <= q.start]
        if not before:
            continue
        last = max(before, key=lambda c: c.end)
        if last.kind == "indirect" and last.cue is not None and last.cue.phrase:
            continue
        p_now = _paragraph_of(paragraphs, q.start)
        p_then = _paragraph_of(paragraphs, max(last.end - 1, 0))
        if p_now - p_then != 1:
            continue
        taken.add(i)
        out.append(Claim(q.start, q.end, "direct", None, follows=last.follows or last))
    return out


def _same_paragraph_lead(text: str, claims: list[Claim], q: Quote) -> Claim | None:
    """The statement whose sentence ends right before ``q`` in the same paragraph, if any."""
    before = [c for c in claims if c.end <= q.start]
    if not before:
        return None
    last = max(before, key=lambda c: c.end)
    gap = text[last.end : q.start]
    if "\n" in gap or len(gap) > MAX_LEAD_GAP or not _SENTENCE_END.search(gap):
        return None
    if last.cue is not None and last.cue.phrase:
        return None
    return last
