"""The geo stage: places named in an article, ranked by the article's own country context.

"the town of Sinjar, in Iraq's Nineveh province": Iraq is named, so Sinjar, Mosul and
Nineveh resolve to Iraqi places rather than to the most populous town of that name.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.tokens import Doc

from ..actors.kb import KnowledgeBase, load_kb
from ..model import Article, Place
from ..nlp.index import doc_index, ents_within
from .gazetteer import Gazetteer, PlaceCandidate, load_gazetteer

__all__ = ["find_places", "rank_candidates"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ADMIN_WORDS = frozenset(
    {
        "province",
        "governorate",
        "oblast",
        "state",
        "region",
        "district",
        "prefecture",
        "county",
        "city",
        "capital",
    }
)
_CAPITAL = re.compile(r"\b(?:the\s+)?([A-Z][a-z]+)\s+capital(?:\s+city)?\b")
_POSSESSIVE = re.compile(
    r"([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)['\u2019]s\s+(?:\w+\s+){0,2}"
    r"(?:province|governorate|region|state|oblast|city|town|capital)"
)
_FEATURE_RANK = {"country": 4.0, "admin1": 2.5, "region": 2.5, "continent": 2.0, "city": 0.0}
# "the province of X", "X province": a name standing for a place whatever its NER label.
PLACE_BEFORE = re.compile(
    r"\b(?:province|governorate|region|district|city|town|village|"
    r"state|oblast|county|capital) of\s+$",
    re.IGNORECASE,
)


def _context_countries(article: Article, kb: KnowledgeBase, doc: Doc) -> Counter[str]:
    """How often each country is named in the article (names, demonyms, actors)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            code = kb.country_of_word(ent.text)
            if code:
                counts[code] += 1
    for actor in article.actors:
        if actor.country and len(actor.country) == 3:
            counts[actor.country] += 1
    return counts


def rank_candidates(
    cands: list[PlaceCandidate], *, context: Counter[str], local: set[str], admin_hint: bool = False
) -> PlaceCandidate | None:
    """The most likely place among ``cands``.

    Args:
        cands: the candidates of one name.
        context: country -> times named in the article.
        local: countries named in the same sentence ("Iraq's northern province of ...").
        admin_hint: the name comes with "province", "governorate" ...

    Returns:
        The best candidate or None.
    """
    if not cands:
        return None
    total = sum(context.values()) or 1
    # a province named after its seat ("Kirkuk"): the town, unless "province" is said
    provinces = {c.country for c in cands if c.feature == "admin1"}

    def score(c: PlaceCandidate) -> float:
        s = _FEATURE_RANK.get(c.feature, 0.0) + math.log10(c.population + 10) / 2
        if c.feature == "city" and c.country in provinces and c.population >= 50_000:
            s += 1.5
        if c.source == "aliases":
            s += 3.0
        if c.country in local:
            s += 6.0
        s += 5.0 * context.get(c.country or "", 0) / total
        if admin_hint and c.feature == "admin1":
            s += 5.0
        return s

    return max(cands, key=score)


def _place(text: str, start: int, cand: PlaceCandidate) -> Place:
    return Place(
        text=text,
        start=start,
        end=start + len(text),
        name=cand.name,
        country=cand.country,
        admin1=cand.admin1,
        lat=cand.lat,
        lon=cand.lon,
        geonameid=cand.geonameid,
        feature=cand.feature,
    )


def _strip_the(text: str, start: int) -> tuple[str, int]:
    if text.lower().startswith("the "):
        return text[4:], start + 4
    return text, start


def find_places(article: Article, doc: Doc) -> Article:
    """Fill ``article.places`` from the GPE/LOC/FAC entities and "the Iraqi capital" phrases.

    Args:
        article: the article; ``actors`` (if the actor stage ran) add country context.
        doc: the spaCy parse of ``article.text``.

    Returns:
        The article with ``places`` in text order.
    """
    try:
        kb = load_kb()
        gaz = load_gazetteer()
        article.places = _find(article, doc, kb, gaz)
    except (ValueError, KeyError, TypeError, OSError):  # bad input: emit no places
        article.places = []
    return article


def _find(article: Article, doc: Doc, kb: KnowledgeBase, gaz: Gazetteer) -> list[Place]:
    text = article.text
    context = _context_countries(article, kb, doc)
    places: list[Place] = []
    ents = doc_index(doc).ents
    spans = [(e.start_char, e.end_char, e.label_, e.sent) for e in ents]
    taken = {i for e in ents for i in range(e.start_char, e.end_char)}
    for m in gaz.curated_pattern().finditer(text):
        if m.start() not in taken and m.end() - 1 not in taken:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((m.start(), m.end(), "LOC", span.sent))
    for start_char, end_char, label, sent in sorted(spans, key=lambda x: x[0]):
        ent_text = text[start_char:end_char]
        marked = bool(PLACE_BEFORE.search(text[max(0, start_char - 30) : start_char]))
        curated = (
            label in ("PERSON", "ORG")
            and not kb.lookup(ent_text)
            and any(c.source != "geonames" for c in gaz.candidates(ent_text))
        )
        if label not in PLACE_LABELS and not marked and not curated:
            continue
        label = "GPE" if curated else label
        name, start = _strip_the(ent_text, start_char)
        code = kb.country_of_word(name) if label != "NORP" else None
        if code in gaz.countries and kb.lookup(name)[0][0] == "country":
            places.append(_place(name, start, gaz.countries[code]))
            continue
        cands = gaz.candidates(name)
        if label not in ("GPE",) and not marked:
            cands = [c for c in cands if c.source != "geonames"]
        if not cands:
            continue
        local = {kb.country_of_word(m.group(1)) for m in _POSSESSIVE.finditer(sent.text)}
        local |= {
            kb.country_of_word(e.text)
            for e in ents_within(sent)
            if e.label_ in ("GPE", "NORP") and e.start_char != start_char
        }
        local.discard(None)
        after = text[end_char : end_char + 15].lower().split()
        before = text[max(0, start_char - 15) : start_char].lower().split()
        admin_hint = bool(
            (after and after[0].strip(".,;") in ADMIN_WORDS)
            or (
                len(before) >= 2
                and before[-1] == "of"
                and before[-2] in ADMIN_WORDS - {"city", "capital"}
            )
        )
        best = rank_candidates(
            cands,
            context=context,
            local=local,  # type: ignore[arg-type]
            admin_hint=admin_hint,
        )
        if best is not None:
            places.append(_place(name, start, best))
    for m in _CAPITAL.finditer(text):
        code = kb.country_of_word(m.group(1))
        capital = gaz.capital_of(code) if code else None
        if capital is not None:
            places.append(_place(m.group(0), m.start(), capital))
    places.sort(key=lambda p: p.start)
    return places
