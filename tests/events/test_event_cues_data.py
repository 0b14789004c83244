"""The cue word lists load as words: YAML reads a bare `no` as False, which once hid negation."""

from __future__ import annotations

from dateline.events.lexicon import load_cues


def test_event_cues_are_all_strings_and_keep_no() -> None:
    cues = load_cues()
    lists = {name: value for name, value in vars(cues).items() if isinstance(value, (set, frozenset, list, tuple))}
    assert lists, "no word lists found on the cues object"
    for name, words in lists.items():
        assert all(isinstance(w, str) for w in words), name
    assert "no" in cues.negating_modifiers and "no" in cues.negation
