"""The event coder's data files load, validate, and cover every PLOVER type."""

from __future__ import annotations

import pytest

from dateline.events.lexicon import (
    load_cues,
    load_triggers,
    load_type_table,
    parse_triggers,
    parse_type_table,
    type_info,
)
from dateline.model import EVENT_TYPES


def test_load_triggers_covers_every_plover_type() -> None:
    types = {e.type for entries in load_triggers().values() for e in entries}
    assert types == set(EVENT_TYPES)


def test_load_triggers_longest_pattern_first() -> None:
    entries = load_triggers()["open"]
    assert len(entries[0].needs) >= len(entries[-1].needs)


def test_parse_triggers_rejects_unknown_type() -> None:
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        parse_triggers(
            "pattern\tpos\ttype\tmode\tcontext\tcameo\tframe\tunless\nbark\tVERB\tBARK\t\t\t\t\t\n"
        )


def test_parse_triggers_rejects_unknown_frame() -> None:
    with pytest.raises(ValueError, match="unknown frame"):
        parse_triggers("bark\tVERB\tACCUSE\t\t\t\tshout\t\n")


def test_parse_triggers_reads_needs_and_unless() -> None:
    entries = parse_triggers("open fire\tVERB\tASSAULT\tfirearms\t\t193\t\tceremony;exhibition\n")
    entry = entries["open"][0]
    assert entry.needs == ("fire",)
    assert entry.unless == frozenset({"ceremony", "exhibition"})
    assert entry.mode == ("firearms",)


def test_type_table_has_quad_and_cameo_for_every_type() -> None:
    table = load_type_table()
    for etype in EVENT_TYPES:
        info = table[(etype, "")]
        assert 1 <= info.quad <= 4
        assert info.cameo.isdigit()
    assert type_info("SANCTION").quad == 4
    assert type_info("AGREE").quad == 1 and type_info("AGREE").score > 0
    assert type_info("ASSAULT", "aerial").score < type_info("ASSAULT", "beat").score


def test_type_info_unknown_mode_falls_back_to_type_row() -> None:
    assert type_info("PROTEST", "no-such-mode") == type_info("PROTEST")


def test_parse_type_table_requires_a_row_per_type() -> None:
    with pytest.raises(ValueError, match="no default row"):
        parse_type_table("type\tmode\tcameo\tquad\tscore\nAGREE\t\t030\t1\t2.5\n")


def test_load_cues_has_modality_words() -> None:
    cues = load_cues()
    assert "would" in cues.hypothetical_modals
    assert "will" in cues.future_modals
    assert "say" in cues.reporting_verbs
    assert "hold" in cues.light_verbs
