"""Name forms: the normalised keys the knowledge base is indexed by, slugs and sector names.

Every lookup of a name goes through :func:`name_key`, so "U.N.", "UN" and "the U.N." meet
on one key, and "Al-Qaida" and "al Qaida" on another.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

__all__ = [
    "SECTOR_NAMES",
    "as_date",
    "name_key",
    "slug",
    "strip_accents",
]

# CAMEO/PLOVER sector codes and the words used for them in actor names.
SECTOR_NAMES: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence",
    "OPP": "opposition",
    "REB": "rebels",
    "INS": "insurgents",
    "UAF": "armed forces",
    "REF": "refugees",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "EDU": "education",
    "HLH": "health",
    "HRI": "human rights",
    "NGO": "non-governmental organisations",
    "IGO": "intergovernmental",
    "ELI": "elites",
    "PTY": "party",
    "LAB": "labour",
    "AGR": "agriculture",
    "ENV": "environment",
    "CRM": "criminals",
    "RAD": "radicals",
    "REL": "religion",
    "SEP": "separatists",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_NON_WORD = re.compile(r"[^\w']+")
_LEADING = ("the ", "a ", "an ")
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Erdoğan" -> "Erdogan")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: case-folded, accents and dots gone, words single-spaced.

    "the U.N." -> "un"; "Al-Qaida" -> "al qaida"; "Erdoğan's" -> "erdogan".
    """
    if not text:
        return ""
    if _PLAIN.fullmatch(text):  # the common case, ten times faster
        s = " ".join(text.casefold().split())
        for lead in _LEADING:
            s = s.removeprefix(lead)
        return s
    s = strip_accents(text.translate(_APOSTROPHES))
    s = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), s)
    s = s.casefold()
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    s = _NON_WORD.sub(" ", s.replace("'", "")).strip()
    for lead in _LEADING:
        s = s.removeprefix(lead)
    return s


def slug(text: str) -> str:
    """An id made of a name: "John Kerry" -> "john-kerry", "U.N." -> "un"."""
    return name_key(text).replace(" ", "-").replace("_", "-")


def as_date(value: object) -> date | None:
    """A :class:`date` from a date, a datetime or an ISO string; None when it is none of them."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text).date()  # 3.11 reads a trailing Z
        except ValueError:
            return None
    return None


# Trailing words that are not a surname: regnal numbers and generational suffixes.
_NOT_SURNAMES = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
                           "xiii", "xiv", "xv", "xvi", "jr", "sr", "junior", "senior", "2nd", "3rd"})


def surname_key(parts: list[str]) -> str | None:
    """The surname of a keyed name's words: "juan carlos i" -> "carlos", "joseph r biden jr" -> "biden".

    None for a one-word name (nothing to shorten) or when nothing but suffixes is left.
    """
    words = list(parts)
    while words and words[-1] in _NOT_SURNAMES:
        words.pop()
    if len(words) < 2:
        return None
    return words[-1]
