"""The statements stage: quotes and reported speech -> ``article.statements``."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from ..model import Article, Span, Statement
from .attribution import attribute
from .cues import find_cues
from .dating import StatementDater
from .lexicon import load_cues
from .quotation import Quote, find_quotes, paragraph_bounds
from .speakers import ResolvedSpeaker, SpeakerResolver

__all__ = ["find_statements"]

log = logging.getLogger(__name__)

# A statement with no date of its own takes the date of the same speaker's statement this
# many paragraphs back at most ("On Saturday, Rouhani said ..." then "'...,' Rouhani said").
DATE_CARRY_PARAGRAPHS = 2


def find_statements(article: Article, doc: Doc) -> Article:
    """Fill ``article.statements`` with who said what, to whom, when.

    Finds direct quotes (also over several paragraphs), reported speech, mixed quotes,
    "according to" attributions and continued quotes; resolves speakers (names, titles,
    pronouns) to actors when the actors stage linked them; dates each statement by its cue
    ("said on Monday") or else by the article's day.

    Args:
        article: the article; ``text`` and, from earlier stages, ``times``, ``entities``
            and ``mentions`` are read.
        doc: the spaCy Doc of ``article.text`` (possibly cut at the configured length).

    Returns:
        The same article with ``statements`` set (an empty list when nothing is found).
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        article.statements = []
        return article
    try:
        article.statements = _statements(article, doc)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        # Bad input degrades to no statements for this article, never a failed run.
        log.warning("statements of %s left empty: %s: %s", article.id, type(e).__name__, e)
        article.statements = []
    return article


def _statements(article: Article, doc: Doc) -> list[Statement]:
    text = doc.text
    lex = load_cues()
    quotes = find_quotes(text)
    paragraphs = paragraph_bounds(text)
    claims = attribute(text, find_cues(doc, lex, text=text), quotes, paragraphs)
    resolver = SpeakerResolver(article, doc, text, lex, [(q.start, q.end) for q in quotes])
    dater = StatementDater(article, doc)
    speakers: list[ResolvedSpeaker] = []
    built: dict[int, tuple[Statement, ResolvedSpeaker | None, bool]] = {}
    dated: list[tuple[int, str, str]] = []  # (paragraph, identity, day) of text-dated ones
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        if (claim.start, claim.end) in seen or claim.end <= claim.start:
            continue
        seen.add((claim.start, claim.end))
        para = _paragraph_index(paragraphs, claim.start)
        if claim.cue is None:
            root = built.get(id(claim.follows)) if claim.follows is not None else None
            if root is None:
                out.append(
                    Statement(
                        content=_span(text, claim.start, claim.end),
                        kind="direct",
                        date=dater.fallback(),
                    )
                )
                continue
            first, who, _ = root
            stmt = Statement(
                speaker=first.speaker.model_copy() if first.speaker else None,
                content=_span(text, claim.start, claim.end),
                kind="direct",
                date=first.date,
            )
            built[id(claim)] = (stmt, who, False)
            out.append(stmt)
            continue
        cue = claim.cue
        who = resolver.resolve(cue.speaker, speakers) if cue.speaker is not None else None
        if who is not None:
            if who.antecedent is not None:
                who.span.antecedent = who.antecedent
            speakers.append(who)
        day = dater.from_text(cue.start, cue.end)
        if day is not None and who is not None:
            dated.append((para, who.identity, day))
        elif day is None:
            day = _carried_date(dated, who, para) or dater.fallback()
        stmt = Statement(
            speaker=who.span if who else None,
            cue=_span(text, cue.start, cue.end),
            addressee=_span(text, *cue.addressee) if cue.addressee else None,
            content=_span(text, claim.start, claim.end),
            kind=claim.kind,  # type: ignore[arg-type]
            date=day,
            context=_span(text, *cue.context) if cue.context else None,
        )
        built[id(claim)] = (stmt, who, True)
        out.append(stmt)
    for stmt in out:
        _mark_parts(text, stmt, quotes)
    out.sort(key=lambda s: s.content.start)
    return out


def _mark_parts(text: str, stmt: Statement, quotes: list[Quote]) -> None:
    """A direct content made of several quotes (``"A," he said. "B."``) lists them in ``parts``."""
    a, b = stmt.content.start, stmt.content.end
    inside = [q for q in quotes if a <= q.start and q.end <= b]
    if stmt.kind == "direct" and len(inside) > 1:
        stmt.parts = [_span(text, q.start, q.end) for q in inside]


def _carried_date(
    dated: list[tuple[int, str, str]], who: ResolvedSpeaker | None, para: int
) -> str | None:
    if who is None:
        return None
    for p, identity, day in reversed(dated):
        if para - p > DATE_CARRY_PARAGRAPHS:
            return None
        if identity == who.identity:
            return day
    return None


def _paragraph_index(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for i, (_, b) in enumerate(paragraphs):
        if pos < b:
            return i
    return len(paragraphs)


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)
