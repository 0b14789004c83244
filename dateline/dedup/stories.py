"""Which articles tell the same story: reprints, truncated and re-headlined copies.

Each article gets a fingerprint: the set of its word 5-shingles, LSH keys from a banded MinHash
signature of the whole text, and the smallest shingle hashes of its lead (the first 60 words),
so that articles sharing a key are candidates. A candidate is the same story when at least 70% of the
shorter text's shingles appear in the longer one (containment, not Jaccard: a truncated copy
is contained in its original). Agency attributions ("APA reports quoting Xinhua") and
datelines are removed before shingling, so one wire story relayed by two outlets matches.

The MinHash is datasketch's ``affine32`` scheme (seed 7, 64 permutations), computed with numpy
for a whole batch of texts at once; ``tests/store/test_fingerprint.py`` checks that it gives the
values of ``datasketch.MinHash.update_batch``, so keys stored by earlier versions still match.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

SHINGLE = 5
NUM_PERM = 64
SEED = 7
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


# ASCII bytes that are not word characters (``\w``) -> space, so that ``split`` gives the words
_NON_WORD = bytes(c if c < 128 and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256))


def _strip(text: str) -> str:
    """The text without its dateline and agency attributions."""
    text = _DATELINE.sub("", text, count=1)
    if "quoting" in text or "citing" in text or "according to" in text:  # in every match: skip the regex
        text = _ATTRIBUTION.sub(" ", text)
    return text


def normalise(text: str) -> list[str]:
    """Words of the text, lower-cased, without dateline and agency attribution."""
    return [w.casefold() for w in _WORD.findall(_strip(text))]


def _word_bytes(text: str) -> list[bytes]:
    """:func:`normalise` as UTF-8 bytes; ASCII text is split by a byte table, 5x faster than the regex."""
    text = _strip(text)
    if text.isascii():  # there casefold is lower(), and \w is [A-Za-z0-9_]
        return text.encode("ascii").lower().translate(_NON_WORD).split()
    return [w.casefold().encode("utf-8") for w in _WORD.findall(text)]


_MASK = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1_000_003)


def _word_hashes(words: list[bytes]) -> np.ndarray:
    return np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))


def _shingles(words: list[bytes] | np.ndarray) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word 5-shingles (a rolling hash over word hashes)."""
    w = words if isinstance(words, np.ndarray) else _word_hashes(words)
    if not len(w):
        return np.empty(0, dtype=np.uint64)
    n = max(len(w) - SHINGLE + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for k in range(min(SHINGLE, len(w))):
        h = (h * _BASE + w[k:k + n]) & _MASK
    return _sorted_unique(h)


def shingles_of(text: str) -> np.ndarray:
    """The shingle hashes of a text (after :func:`normalise`)."""
    return _shingles(_word_bytes(text))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (odd) and ``b`` of datasketch's affine32 permutations, drawn as datasketch does."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer datasketch applies before its permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_signatures(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """MinHash signatures (one row of :data:`NUM_PERM` uint32 per segment) of the segments
    ``values[bounds[i]:bounds[i + 1]]``; every segment must be non-empty."""
    a, b = _permutations()
    h = _fmix32(values.astype(np.uint32))
    out = np.empty((NUM_PERM, len(bounds) - 1), dtype=np.uint32)
    permuted = np.empty_like(h)
    for k in range(NUM_PERM):  # one permutation at a time: contiguous, and no N x 64 matrix
        np.multiply(h, a[k], out=permuted)  # uint32 wraps: mod 2^32, as datasketch
        permuted += b[k]
        out[k] = np.minimum.reduceat(permuted, bounds[:-1])
    return out.T


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by a sort (numpy's hash-based unique is several times slower here)."""
    values = np.sort(values)
    if len(values) > 1:
        keep = np.empty(len(values), dtype=bool)
        keep[0] = True
        np.not_equal(values[1:], values[:-1], out=keep[1:])
        values = values[keep]
    return values


def _segments(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of consecutive segments of these lengths, and each position's segment."""
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    return starts, np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


def _unique_per_segment(hashes: np.ndarray, seg: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique values of each segment (all in one array) and the segments' bounds in it."""
    both = _sorted_unique((seg.astype(np.uint64) << np.uint64(32)) | hashes)
    owner = (both >> np.uint64(32)).astype(np.int64)
    return both & _MASK, np.searchsorted(owner, np.arange(count + 1, dtype=np.int64))


def _batch_shingles(words: Sequence[list[bytes]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shingles of every text (sorted unique per text) and the LEAD_WORDS-lead shingles, with bounds."""
    counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    flat = np.fromiter(map(zlib.crc32, chain.from_iterable(words)), dtype=np.uint64, count=int(counts.sum()))
    word_start, _ = _segments(counts)
    # the rolling hash over every window of SHINGLE words of the concatenated texts; windows
    # crossing from one text into the next are never picked below
    n = max(len(flat) - SHINGLE + 1, 0)
    rolled = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        rolled = (rolled * _BASE + flat[k:k + n]) & _MASK
    full_n = np.maximum(counts - SHINGLE + 1, 0)
    lead_n = np.maximum(np.minimum(counts, LEAD_WORDS) - SHINGLE + 1, 0)
    picked = []
    for lengths in (full_n, lead_n):
        bounds, seg = _segments(lengths)
        idx = np.arange(int(bounds[-1]), dtype=np.int64) - bounds[seg] + word_start[seg]
        hashes = rolled[idx]
        short = np.flatnonzero((counts > 0) & (counts < SHINGLE))
        if len(short):  # a text of 1-4 words is one shingle of all its words
            extra = np.array([_shingles(flat[word_start[i]:word_start[i + 1]])[0] for i in short], dtype=np.uint64)
            hashes, seg = np.concatenate([hashes, extra]), np.concatenate([seg, short])
        picked.append(_unique_per_segment(hashes, seg, len(words)))
    (full, full_b), (lead, lead_b) = picked
    return full, full_b, lead, lead_b


def fingerprints(texts: Sequence[str]) -> list[StoryFingerprint]:
    """The fingerprints of many texts, computed together (much faster than one at a time)."""
    if not texts:
        return []
    full, bounds, lead, lead_b = _batch_shingles([_word_bytes(t) for t in texts])
    filled = np.flatnonzero(bounds[1:] > bounds[:-1])
    signatures = np.zeros((len(texts), NUM_PERM), dtype=np.uint64)
    if len(filled):
        nonempty = np.append(bounds[filled], bounds[-1])
        signatures[filled] = minhash_signatures(full, nonempty)
    raw, width, band = memoryview(signatures.tobytes()), NUM_PERM * 8, ROWS * 8
    bands = [(f"f{b}:", b * band, (b + 1) * band) for b in range(BANDS)]
    ends, lead_ends, leads = bounds.tolist(), lead_b.tolist(), lead.tolist()
    blake2b = hashlib.blake2b
    out = []
    for i in range(len(texts)):
        keys = []
        if ends[i + 1] > ends[i]:
            row = raw[i * width:(i + 1) * width]
            keys = [prefix + blake2b(row[lo:hi], digest_size=8).hexdigest() for prefix, lo, hi in bands]
        # The lead's keys: its LEAD_KEYS smallest shingle hashes (a bottom-k sketch), which a
        # truncated or lightly edited copy shares although its whole-text signature differs.
        keys += [f"l:{h:08x}" for h in leads[lead_ends[i]:min(lead_ends[i] + LEAD_KEYS, lead_ends[i + 1])]]
        out.append(StoryFingerprint(keys=tuple(dict.fromkeys(keys)), shingles=full[ends[i]:ends[i + 1]]))
    return out


def fingerprint(text: str) -> StoryFingerprint:
    """The fingerprint of an article's text."""
    return fingerprints([text])[0]


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
