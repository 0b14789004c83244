"""The actor knowledge base: countries, dated officials, organisations, groups and role words.

``load_kb()`` reads the YAML files of ``dateline/actors/data`` (see SCHEMA.md there) once per
process and builds the lookup indexes; :meth:`KnowledgeBase.search` answers "who is this
name on that day", :meth:`KnowledgeBase.office_holders` "who held that office that day".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Actor
from .entries import CodedEntry, Country, Group, Organisation, Person
from .kb_cache import read_cached, write_cached
from .kb_files import KBData, read_kb_files
from .names import SECTOR_NAMES, as_date, name_key, slug, surname_key

__all__ = ["DATA_DIR", "KnowledgeBase", "load_kb", "search_actors"]

DATA_DIR = Path(__file__).parent / "data"

# Code prefixes of non-state CAMEO actors: the prefix is their "country" key in the scorers.
NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "UIS", "INT")


class KnowledgeBase:
    """Entries and the indexes built over them once; lookups are dictionary reads.

    Args:
        data: the entries read from the files (:func:`read_kb_files`).
    """

    def __init__(self, data: KBData) -> None:
        self.countries: dict[str, Country] = data.countries
        self.persons: dict[str, Person] = data.persons
        self.organisations: dict[str, Organisation] = data.organisations
        self.groups: dict[str, Group] = data.groups
        self.coded: dict[str, CodedEntry] = data.coded
        self.roles: dict[str, str] = {}
        self.warnings: list[str] = list(data.warnings)
        self.case_sensitive: dict[str, set[str]] = defaultdict(set)
        for form in data.case_sensitive:
            self.case_sensitive[name_key(form)].add(form)
        self.index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self.generic: dict[str, list[str]] = defaultdict(list)
        self.holders: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.max_words = 1
        self.resolve_cache: dict[tuple[str, date | None, str | None], Actor | None] = {}
        self.phrase_cache: dict[tuple[str, bool], Any] = {}  # text -> PhraseReading
        self._build(data)

    # -- building
    def _add(self, name: str, kind: str, ref: str) -> None:
        key = name_key(name)
        if not key:
            return
        hits = self.index[key]
        if (kind, ref) not in hits:
            hits.append((kind, ref))
            self.max_words = max(self.max_words, key.count(" ") + 1)

    def _build(self, data: KBData) -> None:
        for code, country in self.countries.items():
            for name in [country.name, *country.aliases]:  # not the bare code: AND, CAN
                self._add(name, "country", code)
            for demonym in country.demonyms:
                self._add(demonym, "demonym", code)
            if country.capital:
                self._add(country.capital, "metonym", f"{code}|GOV")
            for word, sector in country.metonyms.items():
                self._add(word, "metonym", f"{code}|{sector or 'GOV'}")
        for pid, person in self.persons.items():
            for name in [person.name, *person.aliases]:
                self._add(name, "person", pid)
                surname = surname_key(name_key(name).split())
                if surname and pid not in self.surnames[surname]:
                    self.surnames[surname].append(pid)
            for term in person.terms:
                if term.country and term.role:
                    self.holders[(term.country, term.role)].append(pid)
        for oid, org in self.organisations.items():
            for name in [org.name, *org.aliases]:
                self._add(name, "org", oid)
        for gid, group in self.groups.items():
            for name in [group.name, *group.aliases]:
                self._add(name, "group", gid)
            for word in group.generic:
                key = name_key(word)
                if key and gid not in self.generic[key]:
                    self.generic[key].append(gid)
        for cid, entry in self.coded.items():
            for name in [entry.name, *entry.synonyms]:
                self._add(name, "coded", cid)
        for form, codes in data.ambiguous.items():
            if not self.index.get(name_key(form)) and codes[0] in self.countries:
                self._add(form, "country", codes[0])
        for word, sector in data.roles.items():
            key = name_key(word)
            if not key:
                continue
            self.roles.setdefault(key, sector)
            self.max_words = max(self.max_words, key.count(" ") + 1)
            if not key.endswith("s"):
                self.roles.setdefault(key + "s", sector)

    # -- actors
    def country_actor(self, code: str, sector: str | None = None) -> Actor:
        """The actor of a state, or of one sector of it ("iraq-mil", code IRQMIL)."""
        country = self.countries.get(code)
        base_id = country.id if country else code.lower()
        name = country.name if country else code
        if not sector:
            return Actor(id=base_id, name=name, country=code, code=code, kind="state")
        return Actor(
            id=f"{base_id}-{sector.lower()}",
            name=f"{name} {SECTOR_NAMES.get(sector, sector.lower())}",
            country=code,
            sector=sector,
            code=f"{code}{sector}",
            kind="state",
        )

    def person_actor(self, person: Person, on: date | None) -> Actor:
        """A person as they stood on ``on``: office, country, sector and code of that term."""
        term = person.term_on(on)
        if term is not None and term.sector in NON_STATE_PREFIXES:
            # a UN or NGO office: the person acts for the body, not for their country
            return Actor(
                id=person.id,
                name=person.name,
                sector=term.sector,
                office=term.office,
                code=term.sector,
                kind="person",
            )
        if term is not None:
            country = term.country or person.country
            code = f"{country or ''}{term.sector or ''}" or None
            return Actor(
                id=person.id,
                name=person.name,
                country=country,
                sector=term.sector,
                office=term.office,
                code=code,
                kind="person",
            )
        country = person.country_on(on)
        return Actor(id=person.id, name=person.name, country=country, code=country, kind="person")

    def actor_for(self, kind: str, ref: str, on: date | None = None) -> Actor | None:
        """The actor of one index hit ``(kind, ref)`` on a day."""
        if kind == "person" and ref in self.persons:
            return self.person_actor(self.persons[ref], on)
        if kind in ("country", "demonym") and ref in self.countries:
            return self.country_actor(ref)
        if kind == "metonym":
            code, _, sector = ref.partition("|")
            return self.country_actor(code, sector or "GOV")
        if kind == "org" and ref in self.organisations:
            org = self.organisations[ref]
            return Actor(
                id=org.id,
                name=org.name,
                country=org.country,
                sector=org.sector,
                code=org.code,
                kind=org.kind or "organisation",
            )
        if kind == "group" and ref in self.groups:
            group = self.groups[ref]
            return Actor(
                id=group.id,
                name=group.name,
                country=group.countries[0] if group.countries else None,
                sector=group.sector,
                code=group.code or group.cameo,
                kind="group",
            )
        if kind == "coded" and ref in self.coded:
            return self._coded_actor(self.coded[ref], on)
        return None

    def _coded_actor(self, entry: CodedEntry, on: date | None) -> Actor | None:
        code = entry.code_on(on)
        if code is None:
            return Actor(id=entry.id, name=entry.name, kind="dictionary")
        prefix = code[:3]
        if prefix in NON_STATE_PREFIXES:
            return Actor(id=entry.id, name=entry.name, sector=prefix, code=code, kind="dictionary")
        return Actor(
            id=entry.id,
            name=entry.name,
            country=prefix,
            sector=code[3:6] or None,
            code=code,
            kind="dictionary",
        )

    # -- lookups
    def lookup(self, name: str) -> list[tuple[str, str]]:
        """The raw index hits ``(kind, ref)`` of a name, weightiest kinds first."""
        hits = self.index.get(name_key(name), [])
        return sorted(hits, key=lambda h: KIND_ORDER.get(h[0], 9))

    def search(self, name: str, on: date | str | None = None) -> list[Actor]:
        """Actors a name may stand for on a day: full names and aliases, then surnames.

        Args:
            name: a name as written ("John Kerry", "U.N.", "Iranian", "Kerry").
            on: the day (a date or ISO string); None for an undated answer.

        Returns:
            Actors, the most likely first; empty when nothing matches.
        """
        day = as_date(on)
        hits = self.lookup(name)
        if not hits:
            hits = [("person", pid) for pid in self.surnames.get(name_key(name), [])]
        actors: list[Actor] = []
        seen: set[str] = set()
        for kind, ref in hits:
            actor = self.actor_for(kind, ref, day)
            if actor is not None and actor.id not in seen:
                seen.add(actor.id)
                actors.append(actor)
        if day is not None:
            actors.sort(key=lambda a: a.kind == "person" and a.office is None)
        return actors

    def office_holders(self, country: str, role: str, on: date | str | None) -> list[Actor]:
        """Who held an office (``role`` as in SCHEMA.md) of ``country`` on a day."""
        day = as_date(on)
        found: list[Actor] = []
        for pid in dict.fromkeys(self.holders.get((country, role), [])):
            person = self.persons[pid]
            for term in person.terms:
                if term.country != country or term.role != role:
                    continue
                if day is None or term.covers(day):
                    found.append(self.person_actor(person, day))
                    break
        return found

    def surname_holders(self, surname: str, on: date | None) -> list[Person]:
        """Persons with this surname who held some office on ``on`` (undated: the only one)."""
        pids = self.surnames.get(name_key(surname), [])
        if on is None:  # undated: only a surname nobody else in the KB carries
            return [self.persons[pids[0]]] if len(pids) == 1 else []
        return [
            self.persons[pid] for pid in pids if any(t.covers(on) for t in self.persons[pid].terms)
        ]

    def country_of_word(self, word: str) -> str | None:
        """ISO3 of a country name, alias or demonym ("Iraqi" -> IRQ); None otherwise."""
        for kind, ref in self.lookup(word):
            if kind in ("country", "demonym"):
                return ref
        return None


KIND_ORDER = {
    "person": 0,
    "group": 1,
    "org": 2,
    "country": 3,
    "demonym": 4,
    "metonym": 5,
    "coded": 6,
}


def load_kb(
    paths: Sequence[str | Path] | None = None,
    *,
    extra_dictionaries: Sequence[str | Path] | None = None,
) -> KnowledgeBase:
    """Load the knowledge base (cached per set of files).

    Args:
        paths: YAML files or directories of them; None for the packaged data.
        extra_dictionaries: CAMEO/Phoenix ``.actors`` files whose entries are added.

    Returns:
        The knowledge base with its indexes built.
    """
    key = tuple(str(p) for p in paths) if paths is not None else None
    extra = tuple(str(p) for p in extra_dictionaries or ())
    return _load_cached(key, extra)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...] | None, extra: tuple[str, ...]) -> KnowledgeBase:
    files: list[Path] = [Path(p) for p in paths] if paths is not None else [DATA_DIR]
    extras = [Path(p) for p in extra]
    data = read_cached(files, extras) if paths is None else None
    if data is None:
        data = read_kb_files(files, extra_dictionaries=extras)
        if paths is None:
            write_cached(files, extras, data)
    return KnowledgeBase(data)


def search_actors(name: str, *, on: date | str | None = None) -> list[Actor]:
    """The CLI's ``dateline actors search NAME [--on DATE]``: :meth:`KnowledgeBase.search`."""
    return load_kb().search(name, on)


def person_slug(name: str) -> str:
    """The id of a person or organisation named ``name``."""
    return slug(name)
