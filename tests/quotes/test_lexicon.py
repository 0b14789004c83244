"""The packaged cue lexicon loads, validates and holds what the stage relies on."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.quotes.lexicon import load_cues, parse_cues


def test_load_cues_has_core_speech_verbs() -> None:
    lex = load_cues()
    for verb in ("say", "tell", "add", "warn", "deny", "tweet", "confirm"):
        assert verb in lex.verbs
    assert ("according", "to") in lex.phrases
    assert "tell" in lex.addressee_verbs
    assert "PERSON" in lex.pronouns["he"]


def test_load_cues_particles_are_strings() -> None:
    lex = load_cues()
    assert lex.particle_verbs["point"] == "out"
    assert lex.particle_verbs["go"] == "on"  # YAML must not turn "on" into True


def test_parse_cues_rejects_bad_shapes() -> None:
    with pytest.raises(DatelineError):
        parse_cues(["say", "tell"])
    with pytest.raises(DatelineError):
        parse_cues({"verbs": "say"})
    with pytest.raises(DatelineError):
        parse_cues({"verbs": ["say"], "phrases": [["alone"]]})
    with pytest.raises(DatelineError):
        parse_cues({"verbs": []})


def test_parse_cues_minimal_lexicon() -> None:
    lex = parse_cues({"verbs": ["Say"]})
    assert lex.verbs == frozenset({"say"})
    assert lex.phrases == ()


def test_load_cues_object_and_addressee_verbs_are_speech_verbs() -> None:
    lex = load_cues()
    assert lex.object_verbs <= lex.verbs
    assert lex.addressee_verbs - lex.verbs <= {"remind", "inform"}
    assert set(lex.particle_verbs) <= lex.verbs
