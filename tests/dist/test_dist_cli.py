"""The commands: ``process --workers``, ``ingest --workers`` run twice, ``load`` of parts."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli import ingest, load, process  # noqa: F401 - register the commands
from dateline.cli.app import app

runner = CliRunner()


def test_cli_process_with_two_workers_writes_records_in_input_order(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    one = tmp_path / "one.jsonl"
    result = runner.invoke(app, ["process", str(corpus), "--workers", "2", "--no-analysis", "-o", str(out)])
    runner.invoke(app, ["process", str(corpus), "-w", "1", "--no-analysis", "-o", str(one)])
    assert result.exit_code == 1  # the broken line and the empty page are reported
    assert "failed:" in result.output
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 8
    assert ids == [json.loads(line)["id"] for line in one.read_text(encoding="utf-8").splitlines()]


def test_cli_ingest_twice_stores_each_article_once(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    args = ["ingest", str(corpus / "00-story.txt"), str(corpus / "10-lines.jsonl"), "--db", db, "-w", "1", "--no-analysis"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert "stored 6 new articles" in first.output
    assert "stored 0 new articles" in second.output


def test_cli_process_parts_needs_a_scheduler(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["process", str(corpus), "--parts", str(tmp_path / "p")])
    assert result.exit_code == 2


def test_cli_load_reports_a_missing_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "no such directory" in result.output
