"""The mention test set: officials before, during and after their terms, roles, metonyms."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dateline.actors import load_kb, resolve_text

FIXTURES = Path(__file__).parent / "fixtures"
MENTIONS = yaml.safe_load((FIXTURES / "mentions.yaml").read_text(encoding="utf-8"))["mentions"]


@pytest.fixture(scope="module")
def kb():
    return load_kb([FIXTURES / "kb"])


def _contains_either(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (a.casefold() in b.casefold() or b.casefold() in a.casefold())


@pytest.mark.parametrize("item", MENTIONS, ids=[f"{m['on']}:{m['mention']}" for m in MENTIONS])
def test_resolve_text_mention_on_date(kb, item):
    actor = resolve_text(item["mention"], on=item["on"], kb=kb)
    assert actor is not None
    assert actor.id == item["id"]
    assert actor.country == item["country"]
    assert actor.sector == item["sector"]
    if item["office"] is None:
        assert actor.office is None
    else:
        assert _contains_either(actor.office, item["office"])


def test_resolve_text_mention_set_is_large_enough():
    assert len(MENTIONS) >= 150
    outside = [m for m in MENTIONS if m["office"] is None and m["id"].count("-") >= 1]
    assert len(outside) >= 30
