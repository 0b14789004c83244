"""``dateline serve`` and the build step of the map shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dateline.cli.serve  # noqa: F401 - registers the command
from dateline.cli.app import app
from dateline.serve.app import app_from_environment
from dateline.serve.vendor_map import country_paths
from dateline.serve.vendor_map import main as build_map


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db"), "--port", "0"])
    assert result.exit_code == 2
    assert "no such database" in result.output and "dateline ingest" in result.output


def test_serve_refuses_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--port", "70000"])
    assert result.exit_code == 2 and "--port" in result.output


def _topology() -> dict:
    # two squares: Iraq (numeric 368) as one ring of two arcs, and a shape across the antimeridian
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[40, 30], [10, 0], [0, 10]], [[50, 40], [-10, 0], [0, -10]],
                 [[179, 10], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "368", "arcs": [[0, 1]], "properties": {"name": "Iraq"}},
            {"type": "Polygon", "id": "242", "arcs": [[2]], "properties": {"name": "Fiji"}},
            {"type": "Polygon", "id": "010", "arcs": [[0, 1]], "properties": {"name": "Antarctica"}},
        ]}},
    }


def test_vendor_map_turns_topojson_into_svg_paths(tmp_path: Path) -> None:
    paths = country_paths(_topology())
    assert set(paths) == {"IRQ", "FJI"}  # Antarctica left out
    assert paths["IRQ"] == "M220,60L230,60L230,50L220,50L220,60Z"  # x = lon + 180, y = 90 - lat
    fiji = [float(p.split(",")[0]) for p in paths["FJI"][1:-1].split("L")]
    assert max(fiji) - min(fiji) <= 2  # unwrapped at the antimeridian, no line across the map
    src, out = tmp_path / "countries.json", tmp_path / "world.json"
    src.write_text(json.dumps(_topology()))
    assert build_map([str(src), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["countries"]["IRQ"].startswith("M220,60")


def _served(monkeypatch: pytest.MonkeyPatch, db: str, *options: str) -> tuple[int, list[tuple[tuple, dict]]]:
    """Run ``dateline serve`` with uvicorn.run recorded instead of called."""
    import uvicorn

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append((a, kw)))
    for name in ("DATELINE_DB", "DATELINE_SERVE_CACHE_SECONDS", "DATELINE_API_TOKEN"):
        monkeypatch.setenv(name, "")  # serve sets them for its workers: recorded, undone after the test
        monkeypatch.delenv(name)
    result = CliRunner().invoke(app, ["serve", "--db", db, "--port", "8123", *options])
    return result.exit_code, calls


def test_serve_one_worker_runs_the_app_in_process(monkeypatch: pytest.MonkeyPatch, sample_db: str) -> None:
    code, calls = _served(monkeypatch, sample_db)
    assert code == 0 and len(calls) == 1
    (web,), options = calls[0]
    assert web.state.store.dialect == "sqlite" and web.state.cache.ttl == 10.0
    assert options["port"] == 8123 and options["loop"] == "asyncio" and "workers" not in options


def test_serve_workers_option_reaches_uvicorn(monkeypatch: pytest.MonkeyPatch, sample_db: str) -> None:
    code, calls = _served(monkeypatch, sample_db, "--workers", "3", "--cache-seconds", "2.5")
    assert code == 0 and len(calls) == 1
    (target,), options = calls[0]
    assert target == "dateline.serve.app:app_from_environment" and options["factory"] is True
    assert options["workers"] == 3 and options["timeout_worker_healthcheck"] == 60
    assert options["port"] == 8123 and options["loop"] == "asyncio"
    # what each worker process builds its app from
    web = app_from_environment()
    assert Path(web.state.store.engine.url.database or "") == Path(sample_db)
    assert web.state.cache.ttl == 2.5 and web.state.settings.api_token is None
    web.state.store.close()


def test_serve_refuses_no_workers(monkeypatch: pytest.MonkeyPatch, sample_db: str) -> None:
    code, calls = _served(monkeypatch, sample_db, "--workers", "0")
    assert code == 2 and calls == []
