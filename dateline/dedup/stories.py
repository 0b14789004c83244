"""Which articles tell the same story: reprints, truncated and re-headlined copies.

Each article gets a fingerprint: the set of its word 5-shingles, and LSH keys from two MinHash
signatures, one over the whole text and one over its lead (the first 60 words), banded so that
articles sharing a key are candidates. A candidate is the same story when at least 80% of the
shorter text's shingles appear in the longer one (containment, not Jaccard: a truncated copy
is contained in its original). Agency attributions ("APA reports quoting Xinhua") and
datelines are removed before shingling, so one wire story relayed by two outlets matches.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 16, 4  # 64 = 16 x 4: candidates from a Jaccard of about 0.5 upwards
LEAD_WORDS = 60
CONTAINMENT = 0.8

_WORD = re.compile(r"\w+", re.UNICODE)
_ATTRIBUTION = re.compile(
    r"\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)? (?:reports?|reported|says|said),? (?:quoting|citing) "
    r"(?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)?"
    r"|\b(?:quoting|citing|according to) (?:the )?(?:[A-Z][\w.-]* )?(?:news agency|agency|reports?)\b"
)
_DATELINE = re.compile(r"^\s*[A-Z][\w .',/-]{1,40}?(?:\([A-Za-z .&-]{1,30}\)|-[A-Z][\w.-]+\.)\s*[-–—:]*\s*")


@dataclass(frozen=True)
class StoryFingerprint:
    """LSH keys (strings, for an indexed table) and the shingle hashes used to verify."""

    keys: tuple[str, ...]
    shingles: frozenset[int]


def normalise(text: str) -> list[str]:
    """Words of the text, lower-cased, without dateline and agency attribution."""
    text = _DATELINE.sub("", text, count=1)
    text = _ATTRIBUTION.sub(" ", text)
    return [w.casefold() for w in _WORD.findall(text)]


def shingles_of(text: str) -> frozenset[int]:
    """The 32-bit hashes of the text's word 5-shingles (after :func:`normalise`)."""
    return frozenset(_shingles(normalise(text)))


def _shingles(words: list[str]) -> set[int]:
    if len(words) < SHINGLE:
        return {_h(" ".join(words))} if words else set()
    return {_h(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations, made once (datasketch would draw them for every signature)."""
    return MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations


def _band_keys(prefix: str, shingles: set[int]) -> list[str]:
    if not shingles:
        return []
    m = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_identity, permutations=_permutations(), scheme="affine32")
    m.update_batch(list(shingles))
    values = np.asarray(m.hashvalues, dtype=np.uint64)
    keys = []
    for b in range(BANDS):
        band = values[b * ROWS:(b + 1) * ROWS].tobytes()
        keys.append(f"{prefix}{b}:{hashlib.blake2b(band, digest_size=8).hexdigest()}")
    return keys


def fingerprint(text: str) -> StoryFingerprint:
    """The fingerprint of an article's text."""
    words = normalise(text)
    full = _shingles(words)
    lead = _shingles(words[:LEAD_WORDS])
    keys = _band_keys("f", full) + _band_keys("l", lead)
    return StoryFingerprint(keys=tuple(dict.fromkeys(keys)), shingles=frozenset(full))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set's shingles found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)


def same_story(a: StoryFingerprint | str, b: StoryFingerprint | str) -> bool:
    """True when two texts are copies of one story (reprint, truncation, new headline)."""
    fa = a if isinstance(a, StoryFingerprint) else fingerprint(a)
    fb = b if isinstance(b, StoryFingerprint) else fingerprint(b)
    return containment(fa.shingles, fb.shingles) >= CONTAINMENT
