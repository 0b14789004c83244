"""The resolver over the packaged knowledge base (written by other hands, growing)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dateline.actors import load_kb, resolve_text
from dateline.actors.kb import DATA_DIR

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "countries.yaml").exists(),
    reason="the packaged countries.yaml is not written yet",
)

FIXTURES = Path(__file__).parent / "fixtures"
ON = "2014-06-16"


def test_resolve_real_kb_brief_examples():
    kb = load_kb()
    expected = {
        "Secretary of State John Kerry": ("USA", "GOV"),
        "Washington": ("USA", "GOV"),
        "Iraqi troops": ("IRQ", "MIL"),
        "White House spokesman": ("USA", "GOV"),
        "the Obama administration": ("USA", "GOV"),
        "Iranian President Hassan Rouhani": ("IRN", "GOV"),
        "Tehran": ("IRN", "GOV"),
    }
    for text, (country, sector) in expected.items():
        actor = resolve_text(text, on=ON, kb=kb)
        assert actor is not None, text
        assert (actor.country, actor.sector) == (country, sector), text
    assert resolve_text("ISIS", on=ON, kb=kb).sector == "REB"
    assert resolve_text("the militants", on=ON, kb=kb).country is None
    council = resolve_text("the U.N. Security Council", on=ON, kb=kb)
    assert council is not None and (council.code or "").startswith("IGO")


def test_resolve_real_kb_mention_set_countries():
    kb = load_kb()
    items = yaml.safe_load((FIXTURES / "mentions.yaml").read_text(encoding="utf-8"))["mentions"]
    checked = agree = 0
    for item in items:
        if item["country"] is None:
            continue
        actor = resolve_text(item["mention"], on=item["on"], kb=kb)
        if actor is None:
            continue
        checked += 1
        agree += actor.country == item["country"]
    assert checked >= 100
    assert agree / checked >= 0.95
