"""dateline serve with several worker processes answers like one."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dateline.model import Article, text_hash
from dateline.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_two_workers_answer_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    text = "The council of Lamu voted on the harbour budget on Monday, officials said."
    with open_store(db) as store:
        store.add_articles([Article(id="w1", text=text, content_hash=text_hash(text), title="Harbour vote")])
    port = _free_port()
    exe = str(Path(sys.executable).parent / "dateline")
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            if proc.poll() is not None:
                pytest.fail(f"dateline serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    body = json.loads(r.read())
            except OSError:
                time.sleep(0.3)
        assert body is not None, "no answer from dateline serve --workers 2"
        assert body["articles"] == 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles/w1", timeout=5) as r:
            assert json.loads(r.read())["title"] == "Harbour vote"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
