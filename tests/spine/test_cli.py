"""The command line end to end on our examples: process, ingest, show, stats, query, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app

runner = CliRunner()


def cli(*args: str, input: str | None = None):
    from dateline.cli import actors, code, ingest, process, query, show  # noqa: F401 - register

    return runner.invoke(app, list(args), input=input)


def test_cli_process_writes_jsonl_records(examples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = cli("process", str(examples_dir / "minsk-ceasefire.txt"), str(examples_dir / "erbil-airstrikes.jsonl"), "-o", str(out))
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["title"][:14] for r in recs] == ["Ukraine, Russi", "U.S. warplanes", "Iran and world"]
    minsk = recs[0]
    assert minsk["published"] == "2015-02-12T14:05:00+03:00" and minsk["source"]["via"] == ["Reuters"]
    assert minsk["language"] == "en"
    people = {e["text"] for e in minsk["entities"] if e["label"] == "PERSON"}
    assert "Vladimir Putin" in people
    for e in minsk["entities"]:
        assert minsk["text"][e["start"]:e["end"]] == e["text"]
    assert minsk["sentences"] and all(minsk["text"][s["start"]:s["end"]].strip() for s in minsk["sentences"])


def test_cli_process_exit_1_when_an_input_fails(examples_dir: Path, tmp_path: Path) -> None:
    res = cli("process", str(examples_dir / "hormuz-tanker.txt"), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert res.exit_code == 1
    assert f"failed: {tmp_path / 'missing.txt'}: no such file or directory" in res.output
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 1


def test_cli_usage_error_exits_2() -> None:
    assert cli("process").exit_code == 2
    assert cli("query", "--db", "/nonexistent/x.db").exit_code == 2
    assert cli("-s", "nokey", "process", "x").exit_code == 2


def test_cli_unknown_setting_is_one_clear_line(examples_dir: Path) -> None:
    res = cli("-s", "colour=blue", "process", str(examples_dir / "hormuz-tanker.txt"))
    assert res.exit_code == 2 and "unknown setting(s): colour" in res.output


def test_cli_ingest_show_stats_query(examples_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    res = cli("ingest", str(examples_dir), "--db", db)
    assert res.exit_code == 0, res.output
    n = json.loads(cli("stats", "--db", db, "--json").output)["articles"]
    assert n >= 10
    again = cli("ingest", str(examples_dir), "--db", db)
    assert again.exit_code == 0 and f"stored 0 new articles ({n} already stored" in again.output
    assert json.loads(cli("stats", "--db", db, "--json").output)["articles"] == n
    shown = cli("show", "example-geneva-talks", "--db", db)
    assert shown.exit_code == 0 and "Iran and world powers resume nuclear talks in Geneva" in shown.output
    as_json = json.loads(cli("show", "example-geneva-talks", "--db", db, "--json").output)
    assert as_json["published"] == "2013-11-20T12:30:00+01:00"
    assert cli("show", "no-such-article", "--db", db).exit_code == 1
    assert cli("query", "--db", db, "--json", "--type", "NOPE").exit_code == 2


def test_cli_ingest_records_failures_in_store(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "ok.txt").write_text("A headline\n\nThe army withdrew from the town on Monday, officials said.\n")
    db = str(tmp_path / "d.db")
    res = cli("ingest", str(tmp_path), "--db", db)
    assert res.exit_code == 1
    stats = json.loads(cli("stats", "--db", db, "--json").output)
    assert stats["articles"] == 1 and stats["failures"] == 1
    assert stats["recent_failures"][0]["reason"].startswith("binary data")


def test_cli_stdin_dash(tmp_path: Path) -> None:
    res = cli("process", "-", input='{"id": "s1", "text": "Talks resumed in Vienna on Tuesday."}\n')
    assert res.exit_code == 0
    assert json.loads(res.output.splitlines()[0])["id"] == "s1"


@pytest.mark.slow
def test_cli_installed_script_runs(examples_dir: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "dateline"
    proc = subprocess.run([str(exe), "process", str(examples_dir / "shayrat-strike.txt")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"]["name"] == "TASS"
