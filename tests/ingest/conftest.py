"""A local HTTP server (127.0.0.1, port 0) with pages that misbehave in known ways."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = (
    b"<html><head><meta charset='utf-8'><title>Bridge reopens after repairs | Valley Post</title></head>"
    b"<body><article><h1>Bridge reopens after repairs</h1>"
    b"<p>The old stone bridge over the river reopened to traffic on Monday after eight months of "
    b"repairs to its arches, the county roads office said in a statement.</p>"
    b"<p>Engineers replaced cracked blocks on the two central spans and added a lighter deck, which "
    b"the office said would keep lorries heavier than twelve tonnes away from the crossing.</p>"
    b"</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output stays clean."""

    def do_GET(self) -> None:
        self.server.hits.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE)
        elif path == "/moved":
            self._send(301, b"", Location="/hop")
        elif path == "/hop":
            self._send(302, b"", Location="/article")
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, b"", Location="/loop-b" if path == "/loop-a" else "/loop-a")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE)
        elif path == "/flaky":
            self.server.flaky += 1
            if self.server.flaky <= 2:
                self._send(503, b"busy")
            else:
                self._send(200, ARTICLE)
        elif path == "/down":
            self._send(500, b"error")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 1024)
        elif path == "/huge-streamed":
            # 100 MB announced by nothing: the client must stop reading at its own limit.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>"
            for _ in range(1600):
                self.wfile.write(chunk)
        elif path == "/garbage":
            self.wfile.write(b"\x00\x01NOT-HTTP garbage \xff\xfe\r\n\r\n")
            self.close_connection = True
        elif path == "/latin1":
            body = (
                "<html><head><title>Caf\u00e9 owners protest</title></head><body><article>"
                "<h1>Caf\u00e9 owners protest</h1>"
                "<p>Owners of the caf\u00e9s on the main square protested on Friday against the new "
                "terrace fees, which the town council doubled in its last budget.</p>"
                "<p>The council's finance officer said the fees had not changed for twelve years and "
                "that the money would pay for repaving the square next spring.</p>"
                "</article></body></html>"
            ).encode("latin-1")
            self._send(200, body, content_type="text/html; charset=utf-8")
        else:
            self._send(404, b"unknown")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[tuple[str, float, str]] = []
        self.flaky = 0

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early are expected here."""


@pytest.fixture()
def web() -> Iterator[_Server]:
    """A running local server; ``web.url(path)`` gives an absolute URL."""
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    server.url = lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
