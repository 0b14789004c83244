"""The actor stage: every mention of an actor in an article, resolved for the article's date.

Names (with the titles written before them), role phrases ("Iraqi troops"), metonyms
("Washington would consider ..."), pronouns and back-references ("Kerry" after "John
Kerry", "the militants" after ISIS, "the president") become :class:`Mention` records;
``article.actors`` holds each actor once and ``entities[i].actor`` points at it.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from ..model import Actor, Article, Mention
from ..nlp.index import doc_index, ents_within, tokens_lowered
from .kb import KnowledgeBase, load_kb
from .lexicon import LOCATIVE_WORDS, TITLE_WORDS
from .names import as_date, name_key, surname_key
from .resolve import Resolution, resolve_phrase, sector_actor, unknown_actor

__all__ = ["ArticleMemory", "resolve_actors"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
PRONOUNS = frozenset({"he", "she", "him", "his", "her", "hers"})
GROUP_SENTENCE_WINDOW = 4
PLACE_PREPOSITIONS = frozenset({"in", "from", "of", "across", "throughout", "inside"})
OFFICE_ROLES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "spokesperson",
    "vice_head",
)
PLACE_BEFORE = re.compile(
    r"\b(?:province|governorate|region|district|city|town|village|"
    r"oblast|county|capital) of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "extremists known as the Islamic State": the generic phrase names the group that follows.
NAMED_AS = re.compile(
    r"^\s*,?\s*(?:known as|called|calling (?:itself|themselves)|dubbed|"
    r"named|led by|such as|including)\s",
    re.IGNORECASE,
)


class ArticleMemory:
    """What the article has introduced so far, for back-references."""

    def __init__(self) -> None:
        self.by_surname: dict[str, Actor] = {}
        self.last_person: Actor | None = None
        self.groups: list[tuple[int, Actor, list[str]]] = []  # (sentence, actor, generic words)
        self.sentence = 0

    def person_by_surname(self, key: str) -> Actor | None:
        """A person introduced earlier by full name whose surname (or name) is ``key``."""
        return self.by_surname.get(key)

    def group_for_word(self, key: str) -> Actor | None:
        """The last group (within a few sentences) a generic word like "militants" fits."""
        for sentence, actor, generic in reversed(self.groups):
            if self.sentence - sentence > GROUP_SENTENCE_WINDOW:
                break
            if key in generic or key.rstrip("s") in {g.rstrip("s") for g in generic}:
                return actor
        return None

    def remember(self, actor: Actor, kb: KnowledgeBase) -> None:
        """Note an actor found by name."""
        if actor.kind == "person" or actor.kind == "unknown" and " " in actor.name:
            parts = name_key(actor.name).split()
            if parts:
                surname = surname_key(parts)
                if surname:
                    self.by_surname.setdefault(surname, actor)
                self.by_surname.setdefault(" ".join(parts), actor)
        if actor.kind in ("person", "unknown"):
            self.last_person = actor
        if actor.kind == "group":
            group = kb.groups.get(actor.id)
            generic = [name_key(g) for g in group.generic] if group else []
            generic += [
                "militants",
                "fighters",
                "group",
                "insurgents",
                "rebels",
                "extremists",
                "jihadists",
                "terrorists",
                "gunmen",
            ]
            self.groups.append((self.sentence, actor, generic))


def _title_start(doc: Doc, ent: Span, kb: KnowledgeBase) -> int:
    """Token index where the title before a name begins ("Secretary of State John Kerry").

    The title takes title words ("Foreign Minister", "spokesman"), country words and
    organisation names; it stops at other words ("Syrian refugees Obama" keeps "Obama").
    """
    i = ent.start
    while i > ent.sent.start:
        tok = doc[i - 1]
        key = name_key(tok.text)
        if tok.ent_type_ in ("NORP", "GPE", "ORG", "FAC") or key in TITLE_WORDS:
            i -= 1
            continue
        if (
            key == "of"
            and i - 2 >= ent.sent.start
            and (name_key(doc[i - 2].text) in TITLE_WORDS or doc[i - 2].ent_type_ == "ORG")
        ):
            i -= 1
            continue
        break
    while i < ent.start and doc[i].text.lower() in ("of", "and", "'s"):
        i += 1
    return i


def _country_before(doc: Doc, ent: Span, kb: KnowledgeBase) -> str | None:
    for tok in doc[max(ent.sent.start, ent.start - 3) : ent.start]:
        if not tok.text[:1].isupper():
            continue
        code = kb.country_of_word(tok.text)
        if code:
            return code
    return None


class _Collector:
    """Builds the article's mentions and actors in text order."""

    def __init__(self, article: Article, kb: KnowledgeBase, day: date | None) -> None:
        self.article, self.kb, self.day = article, kb, day
        self.memory = ArticleMemory()
        self.mentions: list[Mention] = []
        self.actors: dict[str, Actor] = {}
        self.claimed: set[int] = set()
        self.in_titles: set[int] = set()

    def add(self, start: int, end: int, res: Resolution) -> Actor:
        actor = self.actors.setdefault(res.actor.id, res.actor)
        self.mentions.append(
            Mention(
                text=self.article.text[start:end],
                start=start,
                end=end,
                actor=actor.id,
                kind=res.kind,
            )
        )
        self.claimed.update(range(start, end))
        return actor

    def resolve(self, text: str, context: str | None = None) -> Resolution | None:
        return resolve_phrase(
            text, kb=self.kb, on=self.day, context_country=context, memory=self.memory
        )

    def entity(self, doc: Doc, ent: Span) -> Actor | None:
        if ent.label_ in ("GPE", "FAC", "LOC") and not self.kb.lookup(ent.text):
            return None  # a town or region: a place, not an actor
        if PLACE_BEFORE.search(self.article.text[max(0, ent.start_char - 30) : ent.start_char]):
            return None  # "the province of Nineveh"
        if ent.label_ in ("GPE", "FAC") and ent.start > ent.sent.start:
            prev = doc[ent.start - 1].text.lower()
            if (
                prev in LOCATIVE_WORDS
                or prev == "the"
                and ent.start - 2 >= 0
                and doc[ent.start - 2].text.lower() in LOCATIVE_WORDS
            ):
                hits = self.kb.lookup(ent.text)
                if not hits or hits[0][0] != "country":
                    return None  # a place here, not an actor
        start_tok = _title_start(doc, ent, self.kb) if ent.label_ == "PERSON" else ent.start
        span = doc[start_tok : ent.end]
        res = self.resolve(span.text)
        if (
            res is not None
            and ent.label_ == "PERSON"
            and res.actor.kind not in ("person", "unknown", "dictionary")
        ):
            res = None  # the title resolved, not the name
        if res is None and ent.start_char in self.in_titles:
            return None  # "State" in "Secretary of State John Kerry"
        if res is None and ent.label_ in ("PERSON", "ORG"):
            title = doc[start_tok : ent.start].text or None
            country = _country_before(doc, ent, self.kb)
            reading = self.resolve(title) if title else None
            sector = reading.actor.sector if reading and reading.actor.kind != "person" else None
            res = Resolution(
                unknown_actor(
                    ent.text,
                    country=country,
                    sector=sector if title else None,
                    office=title if ent.label_ == "PERSON" else None,
                )
            )
        if res is None:
            return None
        actor = self.add(span.start_char, span.end_char, res)
        self.memory.remember(actor, self.kb)
        return actor


def _role_chunks(doc: Doc, kb: KnowledgeBase) -> list[Span]:
    """Noun chunks headed by a role word ("Iraqi troops", not "executive order")."""
    chunks = []
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ == "PRON":
            continue
        root = chunk.root
        head_words = {name_key(root.text), name_key(root.lemma_)}
        if root.i - 1 >= chunk.start:
            head_words.add(name_key(f"{doc[root.i - 1].text} {root.text}"))
        if head_words & kb.roles.keys():
            chunks.append(chunk)
    return chunks


def resolve_actors(article: Article, doc: Doc, *, kb: KnowledgeBase | None = None) -> Article:
    """Resolve every actor mention of an article for its publication date.

    Args:
        article: the article; ``published`` (may be null) dates the offices.
        doc: the spaCy parse of ``article.text``.
        kb: the knowledge base; the packaged one by default.

    Returns:
        The article with ``actors``, ``mentions`` and ``entities[i].actor`` filled.
    """
    try:
        _resolve(article, doc, kb or load_kb())
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        article.actors = article.actors or []  # bad input: keep what there is
    return article


def _resolve(article: Article, doc: Doc, kb: KnowledgeBase) -> None:
    day = as_date(article.published)
    col = _Collector(article, kb, day)
    ents = {(e.start_char, e.end_char): e for e in doc.ents if e.label_ in ACTOR_LABELS}
    chunks = {c.start_char: c for c in _role_chunks(doc, kb)}
    by_ent: dict[tuple[int, int], str] = {}
    for ent in ents.values():
        if ent.label_ == "PERSON":
            first = _title_start(doc, ent, kb)
            col.in_titles.update(range(doc[first].idx, ent.start_char))
    index = doc_index(doc)
    events = sorted(
        [(s, "ent", e) for (s, _), e in ents.items()]
        + [(s, "chunk", c) for s, c in chunks.items()]
        + [(t.idx, "pron", t) for t in tokens_lowered(doc, PRONOUNS)]
    )
    for start, what, item in events:
        col.memory.sentence = index.sentence_number(start)
        if what == "ent":
            actor = col.entity(doc, item)
            if actor is not None:
                by_ent[(item.start_char, item.end_char)] = actor.id
        elif what == "chunk":
            _chunk(col, item)
        elif col.memory.last_person is not None and item.idx not in col.claimed:
            col.add(
                item.idx, item.idx + len(item.text), Resolution(col.memory.last_person, "pronoun")
            )
    for entity in article.entities:
        entity.actor = by_ent.get((entity.start, entity.end), entity.actor)
    col.mentions.sort(key=lambda m: (m.start, -m.end))
    article.mentions = col.mentions
    article.actors = list(col.actors.values())


def _with_place(chunk: Span) -> Span:
    """ "protesters" + "in Kyiv": a role phrase with the place its prepositional phrase names."""
    doc = chunk.doc
    for prep in chunk.root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPOSITIONS:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC"):
                end = max(t.i for t in obj.subtree) + 1
                return doc[chunk.start : end]
    return chunk


def _chunk(col: _Collector, chunk: Span) -> None:
    """A role phrase: "Iraqi troops", "the Obama administration", "the militants"."""
    persons = [e for e in ents_within(chunk) if e.label_ == "PERSON"]
    if persons and chunk.end_char <= persons[-1].end_char:
        return  # "Secretary of State John Kerry": the name's own mention covers it
    chunk = _with_place(chunk)
    text = chunk.text
    definite = chunk[0].lower_ == "the" and len(chunk) <= 3  # "the army", "the government"
    res = col.resolve(text, _main_country(col) if definite else None)
    if res is None:
        return
    if res.actor.kind == "person":
        return
    first = chunk[0].lower_
    if res.kind == "coref" and first in ("a", "an", "another", "any", "some"):
        res = Resolution(sector_actor(res.actor.sector or "REB", chunk.root.text), "role")
    named = NAMED_AS.match(col.article.text[chunk.end_char : chunk.end_char + 40])
    if named and res.actor.kind in ("role", "group"):
        following = col.resolve(
            col.article.text[chunk.end_char + named.end() : chunk.end_char + named.end() + 80]
        )
        if following is not None and following.actor.kind == "group":
            res = Resolution(following.actor, "coref")
    if first == "the" and res.kind in ("role", "name") and res.actor.kind in ("role", "state"):
        res = _title_back_reference(col, chunk, res)
    col.add(chunk.start_char, chunk.end_char, res)
    if res.actor.kind == "group":
        col.memory.remember(res.actor, col.kb)


def _title_back_reference(col: _Collector, chunk: Span, res: Resolution) -> Resolution:
    """ "the president" -> the person with that office met earlier in the article."""
    head = chunk.root.text.casefold()
    for actor in reversed(list(col.actors.values())):
        if actor.kind == "person" and actor.office and head in actor.office.casefold():
            return Resolution(actor, "coref")
    country = _main_country(col)
    if country and col.day is not None:  # nobody named yet: who held that office that day
        for role in OFFICE_ROLES:
            for actor in col.kb.office_holders(country, role, col.day):
                if actor.office and head in actor.office.casefold():
                    return Resolution(actor, "coref")
    return res


def _main_country(col: _Collector) -> str | None:
    """The country the article's actors so far belong to most often (persons included)."""
    counts: dict[str, int] = {}
    for mention in col.mentions:
        actor = col.actors.get(mention.actor or "")
        if actor is not None and actor.country and actor.kind in ("state", "person"):
            counts[actor.country] = counts.get(actor.country, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
