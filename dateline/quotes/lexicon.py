"""The speech-cue lexicon of ``data/cues.yaml``, loaded once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DatelineError

__all__ = ["CueLexicon", "load_cues"]


@dataclass(frozen=True)
class CueLexicon:
    """What counts as a speech cue and what goes with one.

    Attributes:
        verbs: lemmas of speech verbs.
        object_verbs: verbs whose direct object is what was said.
        addressee_verbs: verbs whose direct object is the one spoken to.
        question_verbs: participles that frame a question ("Asked whether ...").
        phrases: multi-word cues as lower-case token tuples ("according", "to").
        media_nouns: nouns of a channel ("interview", "statement").
        nouns: nouns that report speech ("remarks about", "the claim that").
        particle_verbs: verbs that are cues only with a given particle ("point" + "out").
        bare_verbs: verbs that are cues only without an object or infinitive.
        pronouns: speaker pronoun -> entity labels it may refer to.
    """

    verbs: frozenset[str]
    object_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    question_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    media_nouns: frozenset[str]
    nouns: frozenset[str]
    particle_verbs: dict[str, str]
    bare_verbs: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DatelineError(f"quotes/data/cues.yaml: {key!r} must be a list of words")
    return frozenset(v.lower() for v in value)


def parse_cues(data: Any) -> CueLexicon:
    """Validate the parsed YAML of a cue lexicon and build a :class:`CueLexicon`.

    Raises:
        DatelineError: when a section has the wrong shape.
    """
    if not isinstance(data, dict):
        raise DatelineError("quotes/data/cues.yaml: expected a mapping of sections")
    phrases = data.get("phrases") or []
    if not all(isinstance(p, list) and len(p) >= 2 for p in phrases):
        raise DatelineError("quotes/data/cues.yaml: 'phrases' must be lists of two or more words")
    particles = data.get("particle_verbs") or {}
    pronouns = data.get("pronouns") or {}
    if not isinstance(particles, dict) or not isinstance(pronouns, dict):
        raise DatelineError("quotes/data/cues.yaml: 'particle_verbs'/'pronouns' must be mappings")
    verbs = _words(data, "verbs")
    if not verbs:
        raise DatelineError("quotes/data/cues.yaml: 'verbs' is empty")
    return CueLexicon(
        verbs=verbs,
        object_verbs=_words(data, "object_verbs"),
        addressee_verbs=_words(data, "addressee_verbs"),
        question_verbs=_words(data, "question_verbs"),
        phrases=tuple(tuple(str(w).lower() for w in p) for p in phrases),
        media_nouns=_words(data, "media_nouns"),
        nouns=_words(data, "nouns"),
        particle_verbs={str(k).lower(): str(v).lower() for k, v in particles.items()},
        bare_verbs=_words(data, "bare_verbs"),
        pronouns={str(k).lower(): tuple(v or ()) for k, v in pronouns.items()},
    )


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon (read once per process)."""
    path = resources.files("dateline.quotes").joinpath("data/cues.yaml")
    return parse_cues(yaml.safe_load(path.read_text(encoding="utf-8")))
