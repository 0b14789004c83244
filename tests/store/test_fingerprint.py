"""The batch story fingerprint: datasketch's MinHash values, the same keys one text at a time
or many together, and the same clusters on near-duplicate variants."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest
from datasketch import MinHash

from dateline.dedup.stories import (
    BANDS,
    LEAD_KEYS,
    LEAD_WORDS,
    NUM_PERM,
    ROWS,
    SEED,
    _shingles,
    _word_bytes,
    fingerprint,
    fingerprints,
    normalise,
    same_story,
)

WIRE = (
    "Baku-APA. Engineers reopened the northern bridge over the Kura river on Thursday, three weeks "
    "after floods cut the road to the border, the transport ministry said. Trucks carrying grain "
    "and fuel crossed in both directions by the afternoon, APA reports quoting Trend. The ministry "
    "said a second bridge downstream would be inspected next week and that repairs to the rail line "
    "were expected to take until the end of the month. Farmers in the valley said the closure had "
    "cost them most of the spring harvest."
)
TEXTS = [
    WIRE,
    WIRE[: len(WIRE) // 2],
    "ISTANBUL (Reuters) - İstanbul'da Straße ŒUVRE naïve café ﬁnal: officials said the talks would resume.",
    "Ünïcödé words and ASCII words_with_underscores, digits 2024 and tabs\there; according to the agency report.",
    "",
    "   ...   ",
    "one",
    "four words only here",
    "five words are just enough",
    " ".join(f"w{i}" for i in range(LEAD_WORDS + 7)),
]


def reference_fingerprint(text: str) -> tuple[tuple[str, ...], np.ndarray]:
    """The keys as the per-text datasketch code computed them (what stored keys were made with)."""
    shingles = _shingles([w.encode("utf-8") for w in normalise(text)])
    keys: list[str] = []
    if len(shingles):
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda v: v, scheme="affine32")
        m.update_batch(shingles.tolist())
        values = np.asarray(m.hashvalues, dtype=np.uint64)
        for b in range(BANDS):
            band = values[b * ROWS:(b + 1) * ROWS].tobytes()
            keys.append(f"f{b}:{hashlib.blake2b(band, digest_size=8).hexdigest()}")
    words = [w.encode("utf-8") for w in normalise(text)]
    keys += [f"l:{int(h):08x}" for h in _shingles(words[:LEAD_WORDS])[:LEAD_KEYS]]
    return tuple(dict.fromkeys(keys)), shingles


@pytest.mark.parametrize("text", TEXTS)
def test_fingerprint_keys_are_datasketch_minhash_bands(text: str) -> None:
    keys, shingles = reference_fingerprint(text)
    fp = fingerprint(text)
    assert fp.keys == keys
    assert np.array_equal(fp.shingles, shingles) and fp.shingles.dtype == np.uint64
    assert len([k for k in fp.keys if k.startswith("f")]) == (BANDS if len(shingles) else 0)


def test_fingerprint_batch_equals_one_at_a_time() -> None:
    rng = random.Random(4)
    texts = TEXTS + [" ".join(rng.choice(WIRE.split()) for _ in range(rng.randrange(0, 300))) for _ in range(40)]
    rng.shuffle(texts)
    together = fingerprints(texts)
    assert len(together) == len(texts)
    for text, fp in zip(texts, together, strict=True):
        alone = fingerprint(text)
        assert fp.keys == alone.keys
        assert np.array_equal(fp.shingles, alone.shingles)


@pytest.mark.parametrize("text", TEXTS + ["A_b c-d e.f G'h 3.5% x\x0by\x0cz \x00nul ~tilde~ MiXeD CaSe"])
def test_fingerprint_ascii_word_split_matches_the_regex(text: str) -> None:
    assert _word_bytes(text) == [w.encode("utf-8") for w in normalise(text)]


def test_fingerprint_variants_cluster_by_story() -> None:
    other = ("The central bank raised its main interest rate by half a point on Tuesday to curb inflation, "
             "which reached its highest level in eleven years last month, the bank said in a statement. "
             "Analysts had expected a smaller rise and the currency gained against the dollar after the "
             "decision. The bank said further increases were possible if prices kept rising this summer.")
    variants = [WIRE, WIRE[: len(WIRE) * 2 // 3], "Baku-Xinhua. " + WIRE.replace("Thursday", "Thursday,"),
                WIRE.replace("APA reports quoting Trend", "Xinhua reports citing AFP") + " Read more"]
    fps = fingerprints([*variants, other, other + " Share this article"])
    for fp in fps[1:4]:
        assert same_story(fps[0], fp) and set(fp.keys) & set(fps[0].keys)
    assert same_story(fps[4], fps[5]) and set(fps[4].keys) & set(fps[5].keys)
    assert not same_story(fps[0], fps[4]) and not set(fps[0].keys) & set(fps[4].keys)
