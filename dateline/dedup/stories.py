"""Which articles tell the same story: reprints, truncated and re-headlined copies.

Each article gets a fingerprint: the set of its word 5-shingles, LSH keys from a banded MinHash
signature of the whole text, and the smallest shingle hashes of its lead (the first 60 words),
so that articles sharing a key are candidates. A candidate is the same story when at least 70% of the
shorter text's shingles appear in the longer one (containment, not Jaccard: a truncated copy
is contained in its original). Agency attributions ("APA reports quoting Xinhua") and
datelines are removed before shingling, so one wire story relayed by two outlets matches.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 16, 4  # 64 = 16 x 4: candidates from a Jaccard of about 0.5 upwards
LEAD_WORDS = 60
LEAD_KEYS = 4
CONTAINMENT = 0.7

_WORD = re.compile(r"\w+", re.UNICODE)
_ATTRIBUTION = re.compile(
    r"\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)? (?:reports?|reported|says|said),? (?:quoting|citing) "
    r"(?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)?"
    r"|\b(?:quoting|citing|according to) (?:the )?(?:[A-Z][\w.-]* )?(?:news agency|agency|reports?)\b"
)
_DATELINE = re.compile(r"^\s*[A-Z][\w .',/-]{1,40}?(?:\([A-Za-z .&-]{1,30}\)|-[A-Z][\w.-]+\.)\s*[-–—:]*\s*")


@dataclass(frozen=True, eq=False)
class StoryFingerprint:
    """LSH keys (strings, for an indexed table) and the sorted shingle hashes used to verify."""

    keys: tuple[str, ...]
    shingles: np.ndarray


def normalise(text: str) -> list[str]:
    """Words of the text, lower-cased, without dateline and agency attribution."""
    text = _DATELINE.sub("", text, count=1)
    text = _ATTRIBUTION.sub(" ", text)
    return [w.casefold() for w in _WORD.findall(text)]


_MASK = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1_000_003)


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def _word_hashes(words: list[str]) -> np.ndarray:
    return np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))


def _shingles(words: list[str] | np.ndarray) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word 5-shingles (a rolling hash over word hashes)."""
    w = words if isinstance(words, np.ndarray) else _word_hashes(words)
    if not len(w):
        return np.empty(0, dtype=np.uint64)
    n = max(len(w) - SHINGLE + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for k in range(min(SHINGLE, len(w))):
        h = (h * _BASE + w[k:k + n]) & _MASK
    return np.unique(h)


def shingles_of(text: str) -> np.ndarray:
    """The shingle hashes of a text (after :func:`normalise`)."""
    return _shingles(normalise(text))


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations, made once (datasketch would draw them for every signature)."""
    return MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations


def _band_keys(prefix: str, shingles: np.ndarray) -> list[str]:
    if not len(shingles):
        return []
    m = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_identity, permutations=_permutations(), scheme="affine32")
    m.update_batch(shingles.tolist())
    values = np.asarray(m.hashvalues, dtype=np.uint64)
    keys = []
    for b in range(BANDS):
        band = values[b * ROWS:(b + 1) * ROWS].tobytes()
        keys.append(f"{prefix}{b}:{hashlib.blake2b(band, digest_size=8).hexdigest()}")
    return keys


def fingerprint(text: str) -> StoryFingerprint:
    """The fingerprint of an article's text."""
    words = _word_hashes(normalise(text))
    full = _shingles(words)
    # The lead's keys: its LEAD_KEYS smallest shingle hashes (a bottom-k sketch), which a
    # truncated or lightly edited copy shares although its whole-text signature differs.
    lead = _shingles(words[:LEAD_WORDS])[:LEAD_KEYS]
    keys = _band_keys("f", full) + [f"l:{int(h):08x}" for h in lead]
    return StoryFingerprint(keys=tuple(dict.fromkeys(keys)), shingles=full)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller set's shingles found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small):
        return 0.0
    return len(np.intersect1d(small, large, assume_unique=True)) / len(small)


def same_story(a: StoryFingerprint | str, b: StoryFingerprint | str) -> bool:
    """True when two texts are copies of one story (reprint, truncation, new headline)."""
    fa = a if isinstance(a, StoryFingerprint) else fingerprint(a)
    fb = b if isinstance(b, StoryFingerprint) else fingerprint(b)
    return containment(fa.shingles, fb.shingles) >= CONTAINMENT
