"""Reading the knowledge-base YAML files (data/SCHEMA.md) into entries.

A file is recognised by its top-level key (``countries``, ``officials``, ``organisations``,
``groups``, ``roles``), so a directory of test fixtures works like the packaged data.
A bad entry is skipped with a warning naming the file; it never stops the load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .entries import CodedEntry, Country, Group, Organisation, Person, Term
from .names import as_date, slug

__all__ = ["KBData", "read_kb_files"]

_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def _node_value(node: yaml.Node) -> Any:
    """Plain data from a composed node: strings, lists, dicts; plain null forms -> None."""
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _node_value(value) for key, value in node.value}
    return None


def _load_yaml(text: str) -> Any:
    """Parse YAML in C and build plain data (dates stay ISO strings): twice as fast as
    the safe loader's constructor, which matters for a knowledge base loaded per process."""
    node = yaml.compose(text, Loader=_Loader)
    return _node_value(node) if node is not None else None


@dataclass
class KBData:
    """Everything read from the files, before indexing."""

    countries: dict[str, Country] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    coded: dict[str, CodedEntry] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    case_sensitive: set[str] = field(default_factory=set)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int | float) and str(v).strip()]
    return []


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files of ``paths``: files as given, folders searched recursively, in order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
    return files


def read_kb_files(paths: Iterable[Path], *, extra_dictionaries: Iterable[Path] = ()) -> KBData:
    """Read every knowledge-base YAML file under ``paths`` and the extra Phoenix files."""
    data = KBData()
    for path in yaml_files(paths):
        try:
            doc = _load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            data.warnings.append(f"{path}: cannot read ({exc.__class__.__name__})")
            continue
        if not isinstance(doc, dict):
            continue
        data.case_sensitive.update(_strings(doc.get("case_sensitive")))
        for item in doc.get("ambiguous") or []:
            if isinstance(item, dict) and item.get("form"):
                codes = [c.upper() for c in _strings(item.get("codes"))]
                if codes:
                    data.ambiguous[str(item["form"])] = codes
        for key, reader in _READERS.items():
            items = doc.get(key)
            if isinstance(items, list):
                for item in items:
                    try:
                        reader(data, item, doc)
                    except (TypeError, ValueError, AttributeError, KeyError) as exc:
                        data.warnings.append(f"{path}: bad {key} entry skipped ({exc})")
    if not data.countries:
        _fallback_countries(data)
    if extra_dictionaries:
        from .phoenix import coded_entries, read_dictionary

        for path in extra_dictionaries:
            result = read_dictionary(path)
            data.warnings.extend(str(w) for w in result.warnings)
            for entry in coded_entries(result):
                data.coded.setdefault(entry.id, entry)
    return data


def _read_country(data: KBData, item: dict[str, Any], _doc: dict[str, Any]) -> None:
    code = str(item["code"]).upper()
    name = str(item["name"])
    metonyms = item.get("metonyms") or {}
    data.countries[code] = Country(
        code=code,
        name=name,
        id=slug(name),
        aliases=_strings(item.get("aliases")),
        demonyms=_strings(item.get("demonyms")),
        capital=str(item["capital"]) if item.get("capital") else None,
        metonyms={str(k): str(v).upper() for k, v in metonyms.items()}
        if isinstance(metonyms, dict)
        else {},
    )


def _read_official(data: KBData, item: dict[str, Any], doc: dict[str, Any]) -> None:
    country = str(doc.get("country") or "").upper() or None
    name = str(item["name"])
    pid = slug(name)
    terms = []
    for t in item.get("terms") or []:
        if not isinstance(t, dict) or not t.get("office"):
            continue
        terms.append(
            Term(
                office=str(t["office"]),
                role=str(t.get("role") or "other"),
                sector=str(t["sector"]).upper() if t.get("sector") else "GOV",
                country=str(t.get("country") or country or "").upper() or None,
                start=as_date(t.get("start")),
                end=as_date(t.get("end")),
            )
        )
    person = data.persons.get(pid)
    if person is None:
        data.persons[pid] = Person(
            id=pid, name=name, country=country, aliases=_strings(item.get("aliases")), terms=terms
        )
    else:  # the same person in two files (a career in two countries or bodies)
        person.aliases.extend(a for a in _strings(item.get("aliases")) if a not in person.aliases)
        person.terms.extend(t for t in terms if t not in person.terms)


def _read_organisation(data: KBData, item: dict[str, Any], _doc: dict[str, Any]) -> None:
    name = str(item["name"])
    oid = str(item.get("id") or slug(name))
    data.organisations[oid] = Organisation(
        id=oid,
        name=name,
        code=str(item["code"]) if item.get("code") else None,
        kind=str(item["kind"]) if item.get("kind") else None,
        country=str(item["country"]).upper() if item.get("country") else None,
        sector=str(item["sector"]).upper() if item.get("sector") else None,
        aliases=_strings(item.get("aliases")),
    )


def _read_group(data: KBData, item: dict[str, Any], _doc: dict[str, Any]) -> None:
    name = str(item["name"])
    gid = str(item.get("id") or slug(name))
    active = item.get("active") if isinstance(item.get("active"), dict) else {}
    data.groups[gid] = Group(
        id=gid,
        name=name,
        code=str(item["code"]) if item.get("code") else None,
        cameo=str(item["cameo"]) if item.get("cameo") else None,
        sector=str(item["sector"]).upper() if item.get("sector") else "REB",
        countries=[c.upper() for c in _strings(item.get("countries"))],
        aliases=_strings(item.get("aliases")),
        generic=_strings(item.get("generic")),
        start=as_date(active.get("start")),
        end=as_date(active.get("end")),
    )


def _read_role(data: KBData, item: dict[str, Any], _doc: dict[str, Any]) -> None:
    sector = str(item["sector"]).upper()
    for word in _strings(item.get("words")):
        data.roles.setdefault(word, sector)


_READERS = {
    "countries": _read_country,
    "historical": _read_country,
    "officials": _read_official,
    "organisations": _read_organisation,
    "groups": _read_group,
    "roles": _read_role,
}


def _fallback_countries(data: KBData) -> None:
    """Country names from pycountry when no countries file was found (no demonyms then)."""
    import pycountry

    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        aliases = [c.name] + ([c.official_name] if getattr(c, "official_name", None) else [])
        data.countries[c.alpha_3] = Country(
            code=c.alpha_3, name=name, id=slug(name), aliases=[a for a in aliases if a != name]
        )
