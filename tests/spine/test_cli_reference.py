"""docs/cli.md is generated from the commands: it must match what the code says now."""

from __future__ import annotations

from pathlib import Path

from dateline.cli.reference import cli_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is out of date: run `python -m dateline.cli.reference > docs/cli.md`"
    )


def test_cli_reference_lists_every_command() -> None:
    text = cli_reference()
    for command in ("process", "ingest", "show", "stats", "query", "export", "code", "explain", "actors search"):
        assert f"## `dateline {command}`" in text
