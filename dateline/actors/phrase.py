"""Reading a noun phrase against the knowledge base: which names, countries and roles it holds.

"Iranian President Hassan Rouhani" -> a person hit (Rouhani) with the title "Iranian
President"; "protesters in Kyiv" -> a role word (CVL) and a place (Kyiv, UKR); "the Obama
administration" -> a surname of an office holder and the role word "administration".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kb import KIND_ORDER, KnowledgeBase
from .names import name_key

__all__ = ["Hit", "PhraseReading", "Token", "read_phrase", "tokenize"]

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'\u2019]+(?:\.(?=\w))?")
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "some",
        "several",
        "two",
        "three",
        "many",
    }
)
LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "from"}
)
# Capitalised words that are also town names somewhere but never mean a place in a phrase.
NOT_PLACES = frozenset(
    {
        "president",
        "minister",
        "prime",
        "secretary",
        "general",
        "state",
        "house",
        "white",
        "united",
        "national",
        "party",
        "army",
        "police",
        "council",
        "senator",
        "chief",
        "leader",
        "king",
        "queen",
        "prince",
        "union",
        "front",
        "forces",
        "foreign",
        "defence",
        "defense",
        "new",
    }
)
STANCE = frozenset({"anti", "pro"})  # "anti-Syria journalist" is not Syrian
FORMER = frozenset({"former", "ex", "then", "late", "outgoing", "ousted", "deposed", "exiled"})


@dataclass(frozen=True)
class Token:
    """A word of the phrase: its text, lookup key and offsets in the phrase."""

    text: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """A stretch of tokens ``[i, j)`` found in the knowledge base as ``(kind, ref)``."""

    i: int
    j: int
    kind: str
    ref: str


@dataclass
class PhraseReading:
    """What a phrase holds, in token order."""

    tokens: list[Token]
    hits: list[Hit] = field(default_factory=list)
    sectors: list[tuple[int, str]] = field(default_factory=list)  # (token index, sector)
    places: list[tuple[int, str]] = field(default_factory=list)  # (token index, ISO3)

    def first(self, *kinds: str) -> Hit | None:
        """The first hit of one of ``kinds``."""
        return next((h for h in self.hits if h.kind in kinds), None)

    def text_of(self, i: int, j: int) -> str:
        """The phrase's own words from token ``i`` to ``j``."""
        return " ".join(t.text for t in self.tokens[i:j])

    def countries(self, kb: KnowledgeBase) -> list[str]:
        """ISO3 codes the phrase's actor belongs to, the likeliest first.

        Names, demonyms and metonyms in order, then towns; "anti-Syria" and "pro-Iranian"
        name a country the actor is not; "Albanians in southern Serbia" puts the people
        where the phrase says they are.
        """
        found: list[tuple[int, str]] = []
        located: list[str] = []
        for hit in self.hits:
            prev = self.tokens[hit.i - 1].key if hit.i > 0 else ""
            if prev in STANCE or hit.kind not in ("country", "demonym", "metonym"):
                continue
            if prev in LOCATIVE or prev in (
                "of",
                "southern",
                "northern",
                "eastern",
                "western",
                "south",
                "north",
                "east",
                "west",
                "central",
            ):
                located.append(hit.ref.partition("|")[0])
            if hit.kind in ("country", "demonym"):
                found.append((hit.i, hit.ref))
            elif hit.kind == "metonym":
                found.append((hit.i, hit.ref.partition("|")[0]))
        # names and demonyms first: a town found in passing ranks after them
        ordered = [c for _, c in sorted(found)] + [c for _, c in sorted(self.places)]
        head_is_people = (
            bool(self.hits)
            and self.hits[0].kind == "demonym"
            and (self.hits[0].j == len(self.tokens) or not self.sectors)
        )
        located += [c for _, c in sorted(self.places) if c not in located]
        if located and head_is_people:
            return located + [c for c in ordered if c not in located]
        return ordered


def tokenize(text: str) -> list[Token]:
    """The words of a phrase (hyphens split words; "U.S." stays one word)."""
    tokens = []
    for m in _TOKEN.finditer(text):
        key = name_key(m.group(0))
        if key:
            tokens.append(Token(m.group(0), key, m.start(), m.end()))
    return tokens


def _case_ok(kb: KnowledgeBase, key: str, surface: str) -> bool:
    forms = kb.case_sensitive.get(key)
    return not forms or surface.replace(".", "") in {f.replace(".", "") for f in forms}


def read_phrase(kb: KnowledgeBase, text: str, *, places: bool = True) -> PhraseReading:
    """Find the longest knowledge-base names and the role words in a phrase.

    Args:
        kb: the knowledge base.
        text: the phrase as written.
        places: also look up capitalised words in the gazetteer (city -> country).

    Returns:
        The reading; hits do not overlap.
    """
    cached = kb.phrase_cache.get((text, places))
    if cached is not None:
        return cached
    reading = _read(kb, text, places=places)
    if len(kb.phrase_cache) > 100_000:
        kb.phrase_cache.clear()
    kb.phrase_cache[(text, places)] = reading
    return reading


def _read(kb: KnowledgeBase, text: str, *, places: bool) -> PhraseReading:
    tokens = tokenize(text)
    reading = PhraseReading(tokens)
    n = len(tokens)
    i = 0
    while i < n:
        found = False
        for j in range(min(n, i + kb.max_words), i, -1):
            key = " ".join(t.key for t in tokens[i:j])
            surface = text[tokens[i].start : tokens[j - 1].end]
            hits = kb.index.get(key)
            if not hits and j - i > 1 and "'" in surface:  # "People's Republic of Korea"
                hits = kb.index.get(name_key(surface))
            if hits and _case_ok(kb, key, surface) and _looks_like_name(tokens[i:j], hits):
                kind, ref = min(hits, key=lambda h: KIND_ORDER.get(h[0], 9))
                if kind == "metonym" and i > 0 and tokens[i - 1].key in LOCATIVE:
                    reading.places.append((i, ref.partition("|")[0]))  # "in Kyiv": a place
                else:
                    reading.hits.append(Hit(i, j, kind, ref))
                i, found = j, True
                break
            sector = kb.roles.get(key)
            if sector:
                reading.sectors.append((i, sector))
                i, found = j, True
                break
        if not found:
            i += 1
    if places:
        _find_places(kb, text, reading)
    return reading


def _looks_like_name(tokens: list[Token], hits: list[tuple[str, str]]) -> bool:
    """Lower-case words match only demonym/metonym-free common words: names need a capital."""
    if any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return True
    return all(kind == "group" for kind, _ in hits)  # "al-qaeda" is written in many cases


def _find_places(kb: KnowledgeBase, text: str, reading: PhraseReading) -> None:
    """Towns and regions: the whole phrase ("Juba"), or after "in/at/of" ("rebels in Darfur")."""
    try:
        from ..geo.gazetteer import country_of_place
    except ImportError:  # the gazetteer is optional for actor resolution
        return
    tokens = reading.tokens
    covered = {k for h in reading.hits for k in range(h.i, h.j)}
    covered |= {i for i, _ in reading.sectors}
    whole = not reading.hits and not reading.sectors

    def word(k: int) -> bool:
        tok = tokens[k]
        return (
            k not in covered
            and tok.key not in kb.surnames  # "Bush" the president, not the Egyptian town
            and tok.text[:1].isupper()
            and len(tok.key) > 2
            and tok.key not in DETERMINERS
            and tok.key not in NOT_PLACES
        )

    def may_start(k: int) -> bool:
        if whole:
            return True
        prev = [t.key for t in tokens[max(0, k - 3) : k]]
        return bool(prev) and any(p in LOCATIVE or p == "of" for p in prev[-2:])

    i = 0
    while i < (min(1, len(tokens)) if whole else len(tokens)):
        if not (word(i) and may_start(i)):
            i += 1
            continue
        ends = [len(tokens)] if whole else range(min(len(tokens), i + 3), i, -1)
        for j in ends:
            if not all(word(k) for k in range(i, j)):
                continue
            code = country_of_place(text[tokens[i].start : tokens[j - 1].end])
            if code:
                reading.places.append((i, code))
                i = j - 1
                break
        i += 1
