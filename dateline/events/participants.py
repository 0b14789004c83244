"""Turn actor and recipient words into PLOVER participants (text, actor id, country, code).

An argument word stands for a noun phrase; the phrase is matched against what the actors
stage found (``article.mentions``, ``article.entities[].actor``, ``article.actors``) and,
failing that, resolved with ``dateline.actors.resolve_text`` when that exists. Conjoined
phrases ("Hungary and Romania") give one participant each, and so do conjoined national
modifiers of one noun ("U.S. and Iranian officials").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ..actors.names import SECTOR_NAMES
from ..model import Actor, Article, Participant
from .clauses import reporting_verb
from .lexicon import load_cues

__all__ = ["ParticipantResolver", "resolve_text_function"]

_PHRASE_DROP = frozenset(
    {"relcl", "acl", "advcl", "conj", "cc", "appos", "punct", "ccomp", "parataxis", "mark"}
)
_PHRASE_PREPS = frozenset({"of", "in", "from"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_FIRST_PERSON = frozenset({"i", "we", "us", "me", "our", "my"})


# IGO and NGO begin organisation codes (IGOUNO), so they are not bare sectors here.
SECTOR_CODES = frozenset(SECTOR_NAMES) - {"IGO", "NGO"}
"""Sector codes: an actor whose code is only a sector has no known country or group."""


def usable(actor: Actor) -> bool:
    """Does the actor say who it is: a country, or a code beyond a bare sector?"""
    if actor.country:
        return True
    code = (actor.code or "").upper()
    return bool(code) and code[:3] not in SECTOR_CODES


@lru_cache(maxsize=1)
def resolve_text_function() -> Callable[..., Actor | None] | None:
    """``dateline.actors.resolve_text`` if the actors package provides it, else None."""
    try:
        from ..actors import resolve_text  # type: ignore[attr-defined]
    except ImportError:
        try:
            from ..actors.resolve import resolve_text  # type: ignore[no-redef]
        except ImportError:
            return None
    return resolve_text if callable(resolve_text) else None


class ParticipantResolver:
    """Resolve argument words of one article into participants.

    Args:
        article: the article, with what the actors stage filled in.
        on: the day actors are resolved for (offices change hands).
    """

    def __init__(self, article: Article, *, on: date | None = None) -> None:
        self.article = article
        self.on = on
        self.actors = {a.id: a for a in article.actors}
        spans: list[tuple[int, int, str]] = [
            (m.start, m.end, m.actor) for m in article.mentions if m.actor
        ]
        spans += [(e.start, e.end, e.actor) for e in article.entities if e.actor]
        self.spans = sorted(set(spans))
        self.resolve_text = resolve_text_function()
        self._cache: dict[tuple[str, str | None], Actor | None] = {}
        self.cues = load_cues()

    # -- phrases
    def phrase_bounds(self, head: Token) -> tuple[int, int]:
        """Token index bounds [first, last] of the noun phrase headed by ``head``."""
        keep = {head.i}
        stack = [c for c in head.children]
        while stack:
            tok = stack.pop()
            if tok.dep_ in _PHRASE_DROP and (
                tok.head.i == head.i or tok.dep_ not in ("conj", "cc")
            ):
                continue
            if tok.dep_ == "prep" and tok.lower_ not in _PHRASE_PREPS:
                continue
            keep.add(tok.i)
            stack.extend(tok.children)
        first = last = head.i
        while first - 1 in keep:
            first -= 1
        while last + 1 in keep:
            last += 1
        # no dangling punctuation or determiners at the edges
        doc = head.doc
        while first < head.i and (doc[first].is_punct or doc[first].dep_ in ("det", "cc", "case")):
            first += 1
        while last > head.i and doc[last].is_punct:
            last -= 1
        return first, last

    def _actor_in(
        self, start: int, end: int, head: Token, *, strict: bool = False
    ) -> tuple[str | None, str]:
        """The actor id of a mention inside [start, end), preferring one over the head word."""
        best: tuple[int, str] | None = None
        for s, e, actor in self.spans:
            if s >= end:
                break
            if (s < start or e > end) and (strict or not (s <= head.idx < e)):
                continue
            covers = s <= head.idx < e
            dist = (
                0
                if covers
                else min(abs(head.idx - s), abs(head.idx - e)) + (0 if e <= head.idx else 1000)
            )
            if best is None or dist < best[0]:
                best = (dist, actor)
        return (best[1], "mention") if best else (None, "")

    def _lookup(self, text: str, context_country: str | None) -> Actor | None:
        if self.resolve_text is None or not text.strip():
            return None
        key = (text, context_country)
        if key not in self._cache:
            try:
                self._cache[key] = self.resolve_text(
                    text, on=self.on, context_country=context_country
                )
            except Exception:  # noqa: BLE001 - a resolver bug must not stop the coder
                self._cache[key] = None
        return self._cache[key]

    def _participant(
        self,
        text: str,
        start: int,
        end: int,
        head: Token,
        context_country: str | None,
        *,
        strict: bool = False,
    ) -> tuple[Participant | None, str]:
        actor_id, how = self._actor_in(start, end, head, strict=strict)
        actor = self.actors.get(actor_id) if actor_id else None
        if actor is not None and not usable(actor):
            actor_id, actor = None, None
        if actor is None:
            found = self._lookup(text, context_country)
            if found is not None and usable(found):
                actor, actor_id, how = found, found.id, "resolve_text"
        if actor is None:
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if owner is not None and self.antecedent(owner).i != owner.i:
                parts, how_owner = self.resolve(owner, context_country=context_country)
                known = next((p for p in parts if p.actor or p.country), None)
                if known is not None:
                    return Participant(
                        text=text,
                        actor=known.actor,
                        country=known.country,
                        sector=known.sector,
                        code=known.code,
                    ), f"owner {how_owner}"
            found, how_part = self._from_names_inside(head, start, end, context_country)
            if found is not None:
                actor, actor_id, how = found, found.id, how_part
        if actor is not None:
            return Participant(
                text=text,
                actor=actor.id,
                country=actor.country,
                sector=actor.sector,
                code=actor.code,
            ), how
        if actor_id:
            return Participant(text=text, actor=actor_id), how
        lemma = head.lemma_.lower()
        if head.ent_type_ in _NAME_LABELS or head.pos_ == "PROPN" or lemma in self.cues.actor_nouns:
            return Participant(text=text), "unresolved"
        return None, ""

    def _from_names_inside(
        self, head: Token, start: int, end: int, context_country: str | None
    ) -> tuple[Actor | None, str]:
        """An actor named inside the phrase ("Lebanon's new president", "U.S. negotiator")."""
        for ent in head.doc.ents:
            if ent.start_char < start or ent.end_char > end or ent.label_ not in _NAME_LABELS:
                continue
            if ent.start_char == start and ent.end_char == end:
                continue
            before = head.doc[max(0, ent.start - 2) : ent.start].text.lower().replace(" ", "")
            if before.endswith(("anti", "anti-", "pro", "pro-")):
                continue  # "anti-Syria journalist" is not Syrian
            actor_id, _ = self._actor_in(ent.start_char, ent.end_char, ent.root)
            actor = self.actors.get(actor_id) if actor_id else None
            if actor is None or not usable(actor):
                actor = self._lookup(ent.text, context_country)
            if actor is not None and usable(actor):
                return actor, f"name inside the phrase ('{ent.text}')"
        return None, ""

    # -- public
    def antecedent(self, tok: Token) -> Token:
        """The word a pronoun or quantity noun stands for, as far as the sentence shows."""
        cues = self.cues
        for _ in range(3):
            low = tok.lower_
            if low in ("who", "which", "that") and tok.head.dep_ == "relcl":
                tok = tok.head.head
                continue
            if tok.pos_ == "PRON" and low in cues.anaphora and not self._has_known_mention(tok):
                speech = reporting_verb(tok)
                subj = (
                    next((c for c in speech.children if c.dep_ == "nsubj"), None)
                    if speech
                    else None
                )
                if subj is not None and subj.i != tok.i:
                    tok = subj
                    continue
            if tok.lemma_.lower() in cues.quantity_nouns or tok.lower_ in cues.quantity_nouns:
                of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = (
                    next((c for c in of.children if c.dep_ == "pobj"), None)
                    if of is not None
                    else None
                )
                if pobj is not None:
                    tok = pobj
                    continue
            break
        return tok

    def _has_known_mention(self, tok: Token) -> bool:
        """Does the actors stage name an actor with a country or code for this word?"""
        for s, e, actor_id in self.spans:
            if s <= tok.idx < e:
                actor = self.actors.get(actor_id)
                if actor is not None and usable(actor):
                    return True
        return False

    def resolve(
        self, word: Token, *, context_country: str | None = None
    ) -> tuple[list[Participant], str]:
        """Participants for an argument word (with its conjuncts); and how they were found."""
        head = self.antecedent(word)
        heads = [head] + [c for c in head.conjuncts if c.i > head.i][:5]
        out: list[Participant] = []
        hows: list[str] = []
        for n, h in enumerate(heads):
            parts, how = self._resolve_head(h, context_country)
            if n and out and not any(p.actor or p.country for p in parts):
                continue  # "Israeli helicopters and tanks": the bare conjunct shares the first's
            out.extend(parts)
            hows.append(how)
        seen: set[tuple[str | None, str]] = set()
        unique = []
        for p in out:
            key = (p.actor or p.country, p.text)
            if key not in seen:
                seen.add(key)
                unique.append(p)
        return unique, ", ".join(h for h in hows if h)

    def _resolve_head(
        self, head: Token, context_country: str | None
    ) -> tuple[list[Participant], str]:
        doc = head.doc
        if head.pos_ == "PRON":
            return self._pronoun(head)
        split = self._split_modifiers(head, context_country)
        if split:
            return split, "conjoined modifiers"
        first, last = self.phrase_bounds(head)
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        part, how = self._participant(doc.text[start:end], start, end, head, context_country)
        if part is not None and not (part.actor or part.country):
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
            if appos is not None:
                named, how_appos = self._resolve_head(appos, context_country)
                if any(p.actor or p.country for p in named):
                    return named, f"apposition ({how_appos})"
        return ([part] if part else []), how

    def _pronoun(self, tok: Token) -> tuple[list[Participant], str]:
        """A pronoun: the actor the actors stage linked it to, or the quoted speaker for I/we."""
        actor_id, _ = self._actor_in(tok.idx, tok.idx + len(tok.text), tok, strict=True)
        actor = self.actors.get(actor_id) if actor_id else None
        if actor is not None and usable(actor):
            return [self._from_actor(tok.text, actor)], "coreference"
        if tok.lower_ in _FIRST_PERSON:
            for st in self.article.statements:
                if (
                    st.speaker is not None
                    and st.speaker.actor
                    and st.content is not None
                    and st.content.start <= tok.idx < st.content.end
                ):
                    speaker = self.actors.get(st.speaker.actor)
                    if speaker is not None and usable(speaker):
                        return [
                            self._from_actor(tok.text, speaker)
                        ], "first person of the quoted speaker"
        return [], ""

    @staticmethod
    def _from_actor(text: str, actor: Actor) -> Participant:
        return Participant(
            text=text, actor=actor.id, country=actor.country, sector=actor.sector, code=actor.code
        )

    def _split_modifiers(self, head: Token, context_country: str | None) -> list[Participant]:
        """ "U.S. and Iranian officials" -> one participant per national modifier."""
        mods = [c for c in head.children if c.dep_ in _MODIFIER_DEPS and c.i < head.i]
        group = next(([m] + list(m.conjuncts) for m in mods if m.conjuncts), None)
        if not group or len(group) < 2:
            return []
        doc = head.doc
        out: list[Participant] = []
        for mod in sorted(group, key=lambda t: t.i):
            text = f"{mod.text} {head.text}"
            end = mod.idx + len(mod.text)
            part, _ = self._participant(text, mod.idx, end, mod, context_country, strict=True)
            if part is None or not (part.actor or part.country):
                return []
            part.text = text
            out.append(part)
        del doc
        return out if len({p.actor or p.country for p in out}) > 1 else []

    def country_of(self, part: Participant) -> str | None:
        """The participant's country, or the country of its actor."""
        if part.country:
            return part.country
        actor = self.actors.get(part.actor or "")
        return actor.country if actor else None

    @staticmethod
    def describe(parts: list[Participant]) -> list[dict[str, Any]]:
        """Short form of participants for ``produced_by``."""
        return [{"text": p.text, "actor": p.actor, "country": p.country} for p in parts]
