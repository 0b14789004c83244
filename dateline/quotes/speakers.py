"""Who a speaker is: the span to record, a pronoun's antecedent, the actor behind them."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Article, Span, SpeakerSpan
from .cues import RELATIVE_WORDS, phrase_extent
from .lexicon import CueLexicon

__all__ = ["ResolvedSpeaker", "SpeakerResolver"]

# How far back (in characters) a pronoun looks for the name it stands for.
ANTECEDENT_WINDOW = 1500


@dataclass
class ResolvedSpeaker:
    """A speaker span and who it is.

    Attributes:
        span: the speaker as written (a name, a title, or a pronoun).
        identity: a key that is equal for two mentions of the same speaker (the actor id
            when known, else the last word of the name, lower-cased).
        antecedent: for a pronoun, the name span it refers to.
        label: entity label of the speaker (PERSON, ORG ...) when known.
    """

    span: SpeakerSpan
    identity: str
    antecedent: Span | None = None
    label: str | None = None


class SpeakerResolver:
    """Resolves speakers of one article against its entities, mentions and quotes.

    Args:
        article: the article, with ``entities``/``mentions`` from earlier stages.
        doc: its spaCy Doc.
        text: the Doc's text (passed in: ``Doc.text`` is rebuilt on every access).
        lex: the cue lexicon (pronoun table).
        quoted: (start, end) of the article's quotes; names inside them are not antecedents.
    """

    def __init__(
        self, article: Article, doc: Doc, text: str, lex: CueLexicon, quoted: list[tuple[int, int]]
    ) -> None:
        self.article = article
        self.doc = doc
        self.text = text
        self.lex = lex
        self.quoted = quoted
        self._quote_starts = [a for a, _ in quoted]
        names = [
            (e.start_char, e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}
        ]
        self.names = [n for n in names if not self._inside_quote(n[0])]
        self._actor_spans = [
            (m.start, m.end, m.actor)
            for m in list(article.mentions) + list(article.entities)
            if m.actor
        ]

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] < pos < self.quoted[i][1]

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor id of a mention or entity overlapping ``start:end``, if any."""
        for a, b, actor in self._actor_spans:
            if a < end and start < b:
                return actor
        return None

    def _actor_by_name(self, text: str) -> str | None:
        last = text.split()[-1].lower() if text.split() else ""
        if not last:
            return None
        for m in list(self.article.mentions) + list(self.article.entities):
            if m.actor and m.text.split() and m.text.split()[-1].lower() == last:
                return m.actor
        return None

    def label_at(self, start: int, end: int) -> str | None:
        """The entity label of a name overlapping ``start:end``."""
        for a, b, label in self.names:
            if a < end and start < b:
                return label
        return None

    def resolve(self, head: Token, previous: list[ResolvedSpeaker]) -> ResolvedSpeaker:
        """The speaker whose head token is ``head``.

        Args:
            head: the speaker's head token (from the parse).
            previous: speakers of earlier statements, most recent last (for pronouns).
        """
        text = self.text
        if head.lower_ in self.lex.pronouns and head.pos_ == "PRON":
            start, end = head.idx, head.idx + len(head.text)
            span = SpeakerSpan(text=text[start:end], start=start, end=end)
            return self._resolve_pronoun(span, head.lower_, previous)
        if head.lower_ in RELATIVE_WORDS and head.head.dep_ == "relcl":
            return self._resolve_relative(head)
        start, end = phrase_extent(head)
        span = SpeakerSpan(text=text[start:end], start=start, end=end)
        h0, h1 = head.idx, head.idx + len(head.text)
        span.actor = self.actor_at(h0, h1) or self.actor_at(start, end)
        if span.actor is None and head.pos_ == "PROPN":
            span.actor = self._actor_by_name(head.text)
        label = self.label_at(h0, h1)
        identity = span.actor or head.text.lower()
        return ResolvedSpeaker(span=span, identity=identity, label=label)

    def _resolve_relative(self, head: Token) -> ResolvedSpeaker:
        """``critics who say ...``: the relative word, standing for the noun it follows."""
        text = self.text
        start, end = head.idx, head.idx + len(head.text)
        span = SpeakerSpan(text=text[start:end], start=start, end=end)
        noun = head.head.head
        a, b = phrase_extent(noun)
        ante = Span(text=text[a:b], start=a, end=b)
        n0, n1 = noun.idx, noun.idx + len(noun.text)
        span.actor = self.actor_at(n0, n1) or self.actor_at(a, b)
        return ResolvedSpeaker(
            span=span,
            identity=span.actor or noun.text.lower(),
            antecedent=ante,
            label=self.label_at(n0, n1),
        )

    def _resolve_pronoun(
        self, span: SpeakerSpan, pronoun: str, previous: list[ResolvedSpeaker]
    ) -> ResolvedSpeaker:
        labels = self.lex.pronouns.get(pronoun, ())
        span.actor = self.actor_at(span.start, span.end)
        # The last speaker quoted is the usual referent of "he said" in news.
        for prev in reversed(previous[-1:]):
            ref = prev.antecedent or (prev.span if prev.label else None)
            if (
                ref is not None
                and prev.label in labels
                and 0 < span.start - prev.span.end < ANTECEDENT_WINDOW
            ):
                if span.actor is None:
                    span.actor = prev.span.actor
                return ResolvedSpeaker(
                    span=span, identity=prev.identity, antecedent=ref, label=prev.label
                )
        for a, b, label in reversed(self.names):
            if b > span.start:
                continue
            if span.start - b > ANTECEDENT_WINDOW:
                break
            if label in labels:
                ante = Span(text=self.text[a:b], start=a, end=b)
                actor = self.actor_at(a, b) or self._actor_by_name(ante.text)
                if span.actor is None:
                    span.actor = actor
                identity = actor or ante.text.split()[-1].lower()
                return ResolvedSpeaker(span=span, identity=identity, antecedent=ante, label=label)
        return ResolvedSpeaker(span=span, identity=f"?{pronoun}@{span.start}")
