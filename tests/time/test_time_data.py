"""The time stage's data files load, and every rule they hold compiles and has a reader."""

from __future__ import annotations

from dateline.time import _HANDLERS
from dateline.time.lexicon import lexicon
from dateline.time.rules import compiled_rules


def test_lexicon_tables_are_complete():
    lex = lexicon()
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(lex.weekdays.values()) == list(range(1, 8))
    assert {kind for kind, _ in lex.vague.values()} == {"DATE"}
    assert all(v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF") for _, v in lex.vague.values())
    assert all(u["code"] in "SMHDWQYECL" for u in lex.units.values())


def test_rules_compile_and_each_has_a_reader():
    rules = compiled_rules()
    names = [name for name, _, _ in rules]
    assert len(names) == len(set(names))
    assert set(names) <= set(_HANDLERS)


def test_rule_triggers_accept_what_rules_match():
    text = (
        "On Monday, June 16, 2014 at 7:15 p.m. and 19:21 GMT, two years ago, in the 1990s, "
        "every week, the third quarter, this summer, yesterday overnight, for three days, now."
    )
    for name, pattern, trigger in compiled_rules():
        for m in pattern.finditer(text):
            found = m.group(0)
            if isinstance(trigger, frozenset):
                assert any(w in found.lower() for w in trigger), name
            else:
                assert trigger.search(found), name
