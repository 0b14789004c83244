"""Three agencies' reports of one day in the Iraq crisis, read end to end: one event per real event."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.run import ingest
from dateline.store import open_store

REPORTS = ["iraq-crisis-trend.txt", "iraq-crisis-anadolu.txt", "iraq-crisis-irna.jsonl"]


@pytest.mark.slow
def test_merge_reports_of_one_story_count_their_sources(examples_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "merge.db")
    with open_store(db) as store:
        report = ingest([str(examples_dir / name) for name in REPORTS], store=store)
        assert report.articles == 3 and not report.failures
        merged = store.merged_events(limit=500)
    by_dyad = {}
    for m in merged:
        key = (m["type"], m["actor_country"] or m["actor_code"], m["recipient_country"] or m["recipient_code"])
        by_dyad.setdefault(key, []).append(m)
    # Reported by all three: Kerry's openness, Rouhani's, Tal Afar's capture, Iraq's request.
    for key in [("AGREE", "USA", "IRN"), ("AGREE", "IRN", "USA"), ("REQUEST", "IRQ", "USA")]:
        sources = max(m["num_sources"] for m in by_dyad[key])
        assert sources == 3, (key, by_dyad[key])
    tal_afar = [m for m in merged if m["type"] in ("COERCE", "ASSAULT") and (m["location_name"] or "").startswith("Tal")]
    assert len(tal_afar) == 1 and tal_afar[0]["num_sources"] == 3 and tal_afar[0]["date"] == "2014-06-15"
    # Earnest's denial is in two of the three reports, and stays a negated event.
    denial = [m for m in merged if m["type"] == "CONSULT" and m["modality"] == "negated"]
    assert len(denial) == 1 and denial[0]["num_sources"] == 2 and denial[0]["date"] == "2014-06-13"
