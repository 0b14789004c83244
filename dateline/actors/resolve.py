"""Resolving a noun phrase to the actor it names on a day.

"Secretary of State John Kerry" -> john-kerry (USA GOV, Secretary of State on 2014-06-16);
"Iraqi troops" -> iraq-mil; "Washington" -> united-states-gov; "the militants" -> a rebel
sector with no country. The article stage passes an :class:`ArticleMemory` so that surnames,
titles and generic words can refer back to what the article already introduced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ..model import Actor
from .kb import KnowledgeBase, load_kb
from .lexicon import TITLE_WORDS
from .names import SECTOR_NAMES, as_date, name_key, slug
from .phrase import DETERMINERS, FORMER, PhraseReading, read_phrase

__all__ = [
    "Memory",
    "Resolution",
    "resolve_phrase",
    "resolve_text",
    "sector_actor",
    "unknown_actor",
]

# Role words that make "<person> administration" stand for the person's government.
GOVERNMENT_WORDS = frozenset(
    {
        "administration",
        "government",
        "cabinet",
        "regime",
        "camp",
        "team",
        "aides",
        "officials",
        "ministry",
        "presidency",
    }
)

# Sectors that do not take the article's country in running text ("the militants").
NON_STATE_SECTORS = frozenset({"REB", "INS", "RAD", "SEP", "CRM", "UAF"})

# Sectors whose bearers without a country are transnational bodies, coded by kind.
TRANSNATIONAL_SECTORS = {"HRI": "NGO", "NGO": "NGO", "IGO": "IGO"}


class Memory(Protocol):
    """What an article already introduced (implemented by the article stage)."""

    def person_by_surname(self, key: str) -> Actor | None:
        """The person introduced earlier whose surname or name is ``key``."""

    def group_for_word(self, key: str) -> Actor | None:
        """The group a generic word ("militants") refers back to, if any."""


@dataclass
class Resolution:
    """An actor and how it was found: ``name``, ``role``, ``metonym`` or ``coref``."""

    actor: Actor
    kind: str = "name"


def sector_actor(sector: str, word: str | None = None) -> Actor:
    """An actor known only by its sector ("the militants" -> REB, no country)."""
    name = word or SECTOR_NAMES.get(sector, sector.lower())
    code = TRANSNATIONAL_SECTORS.get(sector)  # "a human rights group": an NGO
    return Actor(
        id=f"unattributed-{sector.lower()}", name=name, sector=sector, code=code, kind="role"
    )


def _title(reading: PhraseReading, kb: KnowledgeBase, end: int) -> tuple[str | None, bool]:
    """The title words before token ``end`` without country words; and whether "former"."""
    skip = {k for h in reading.hits if h.kind in ("country", "demonym") for k in range(h.i, h.j)}
    skip |= {i for i, _ in reading.places}
    words = [t for k, t in enumerate(reading.tokens[:end]) if k not in skip]
    former = any(t.key in FORMER for t in words)
    words = [t for t in words if t.key not in DETERMINERS and t.key not in FORMER]
    while words and words[0].key in ("of", "and"):
        words = words[1:]
    if not words:
        return None, former
    return " ".join(t.text for t in words), former


def _contains_either(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _title_sector(reading: PhraseReading, end: int) -> str | None:
    return next((s for i, s in reading.sectors if i < end), None)


def _person(
    reading: PhraseReading, kb: KnowledgeBase, actor: Actor, start: int, end: int
) -> Resolution:
    """A person, with the office as written when the text gives a title the KB lacks."""
    after = {t.key for t in reading.tokens[end : end + 2]}
    if after & GOVERNMENT_WORDS and actor.country:
        return Resolution(kb.country_actor(actor.country, "GOV"), "role")
    title, former = _title(reading, kb, start)
    title_country = next(iter(reading.countries(kb)), None)
    if title and not former and title_country and actor.country != title_country:
        # "Georgian President X" while the KB knows X from another country's office
        sector = _title_sector(reading, start) or "GOV"
        return Resolution(
            actor.model_copy(
                update={
                    "office": title,
                    "country": title_country,
                    "sector": sector,
                    "code": f"{title_country}{sector}",
                }
            ),
            "name",
        )
    if title and not former and not _contains_either(actor.office, title):
        sector = (
            actor.sector
            or _title_sector(reading, start)
            or ("GOV" if reading.first("metonym") else None)
        )
        country = actor.country or next(iter(reading.countries(kb)), None)
        code = f"{country or ''}{sector or ''}" or None
        actor = actor.model_copy(
            update={"office": title, "sector": sector, "country": country, "code": code}
        )
    return Resolution(actor, "name")


def resolve_phrase(
    text: str,
    *,
    kb: KnowledgeBase,
    on: date | None = None,
    context_country: str | None = None,
    memory: Memory | None = None,
) -> Resolution | None:
    """Resolve a noun phrase; see :func:`resolve_text`. Returns the actor and how it was found."""
    reading = read_phrase(kb, text)
    if not reading.tokens:
        return None
    whole = kb.lookup(text) if reading.hits and reading.hits[0].j == len(reading.tokens) else []
    if whole and whole[0][0] == "person":
        actor = kb.actor_for(*whole[0], on)
        if actor is not None:
            return Resolution(actor, "name")
    for hit in reading.hits:
        if hit.kind == "person":
            actor = kb.actor_for(hit.kind, hit.ref, on)
            if actor is not None:
                return _person(reading, kb, actor, hit.i, hit.j)
    for hit in reading.hits:
        if hit.kind in ("group", "org", "coded"):
            actor = kb.actor_for(hit.kind, hit.ref, on)
            if actor is not None:
                return Resolution(actor, "name")
    surname = _surname_person(reading, kb, on, memory)
    if surname is not None:
        actor, i = surname
        return _person(reading, kb, actor, i, i + 1)
    countries = reading.countries(kb)
    role = reading.sectors[-1] if reading.sectors else None
    metonym = reading.first("metonym")
    if countries:
        code = countries[0]
        if (
            reading.tokens[0].key == "ethnic"
            and context_country
            and len(countries) == 1
            and reading.first("demonym") is not None
        ):
            code = context_country  # "ethnic Albanians" in Macedonia are Macedonia's
        sector = role[1] if role else None
        if metonym is not None and metonym.ref.startswith(code + "|"):
            m_sector = metonym.ref.partition("|")[2] or "GOV"
            sector = m_sector if (sector is None or m_sector != "GOV") else sector
            kind = "metonym" if role is None else "role"
        else:
            kind = "role" if sector else "name"
        return Resolution(kb.country_actor(code, sector), kind)
    if role is not None:
        word_key = reading.tokens[role[0]].key
        if memory is not None:
            group = memory.group_for_word(word_key)
            if group is not None:
                return Resolution(group, "coref")
        stateless = (
            memory is not None and role[1] in NON_STATE_SECTORS or role[1] in TRANSNATIONAL_SECTORS
        )
        if context_country and not stateless:
            return Resolution(kb.country_actor(context_country, role[1]), "role")
        return Resolution(sector_actor(role[1], reading.tokens[role[0]].text), "role")
    return None


def _surname_person(
    reading: PhraseReading, kb: KnowledgeBase, on: date | None, memory: Memory | None
) -> tuple[Actor, int] | None:
    """A capitalised word that is the surname of someone introduced, or of an office holder."""
    covered = {k for h in reading.hits for k in range(h.i, h.j)}
    titles = {k for k, _ in reading.sectors}
    tokens = reading.tokens

    def name_word(k: int) -> bool:  # a capitalised word that is neither a title nor known
        return (
            0 <= k < len(tokens)
            and k not in covered
            and k not in titles
            and tokens[k].text[:1].isupper()
            and tokens[k].key not in TITLE_WORDS
        )

    for i, token in enumerate(tokens):
        if i in covered or not token.text[:1].isupper() or token.key in DETERMINERS:
            continue
        if name_word(i + 1) or name_word(i - 1):
            continue  # "Levy Mwanawasa", "Alejandro Rivera": a full name the KB lacks
        if memory is not None:
            actor = memory.person_by_surname(token.key)
            if actor is not None:
                return actor, i
        holders = kb.surname_holders(token.key, on)
        if len(holders) == 1:
            return kb.person_actor(holders[0], on), i
        titled = any(k < i for k, _ in reading.sectors)  # "President Bush", not "Bush"
        if on is None or titled:
            found = _surname_everyone(kb, token.text, token.key, on)
            if found is not None:
                return found, i
    return None


def _surname_everyone(kb: KnowledgeBase, text: str, key: str, on: date | None) -> Actor | None:
    """A surname the KB knows, held by one person or by several of one country."""
    people = [kb.persons[pid] for pid in kb.surnames.get(key, [])]
    if len(people) == 1:
        return kb.person_actor(people[0], on)
    countries = {p.country_on(on) for p in people}
    if len(people) > 1 and len(countries) == 1 and None not in countries:
        country = countries.pop()
        assert country is not None
        return Actor(
            id=f"{key}-{country.lower()}", name=text, country=country, code=country, kind="person"
        )
    return None


def resolve_text(
    text: str,
    *,
    on: date | str | None = None,
    context_country: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Actor | None:
    """Resolve a noun phrase to the actor it names on a day.

    Args:
        text: the phrase ("Secretary of State John Kerry", "Iraqi troops", "Washington").
        on: the day the phrase speaks of; officials get the office valid then.
        context_country: ISO3 of the country the text is about; a role word with no country
            of its own ("the army", "hostage-takers") is taken to belong to it.
        kb: the knowledge base; the packaged one by default.

    Returns:
        The actor, or None when the phrase names nothing known.
    """
    base = kb or load_kb()
    day = as_date(on)
    cache = base.resolve_cache
    key = (text, day, context_country)
    if key in cache:
        hit = cache[key]
        return hit.model_copy() if hit is not None else None
    try:
        found = resolve_phrase(text, kb=base, on=day, context_country=context_country)
    except (ValueError, TypeError, KeyError):  # bad input degrades to no actor
        found = None
    actor = found.actor if found else None
    if len(cache) > 200_000:
        cache.clear()
    cache[key] = actor
    return actor.model_copy() if actor is not None else None


def unknown_actor(
    name: str, *, country: str | None = None, sector: str | None = None, office: str | None = None
) -> Actor:
    """An actor for a name the knowledge base lacks: its slug, a guessed country."""
    code = f"{country or ''}{sector or ''}" or None
    return Actor(
        id=slug(name) or name_key(name),
        name=name,
        country=country,
        sector=sector,
        office=office,
        code=code,
        kind="unknown",
    )
