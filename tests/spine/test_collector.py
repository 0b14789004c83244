"""The cycle collector during bulk work: paused for a batch, less often for a run, and put
back as it was, also when the block raises."""

from __future__ import annotations

import gc

import pytest

from dateline import collector


def test_paused_turns_collection_off_and_back_on() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_fewer_collections_raises_the_young_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), collector.fewer_collections(threshold=12_345):
        assert gc.get_threshold() == (max(12_345, before[0]), *before[1:])
        raise ValueError("the run failed")
    assert gc.get_threshold() == before


def test_fewer_collections_overlapping_blocks_restore_once_the_last_ends() -> None:
    before = gc.get_threshold()
    outer = collector.fewer_collections(threshold=15_000)
    inner = collector.fewer_collections(threshold=15_000)
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)  # blocks of two runs need not end in order
    assert gc.get_threshold()[0] == max(15_000, before[0])
    inner.__exit__(None, None, None)
    assert gc.get_threshold() == before
