"""Run the app with uvicorn in a background thread on a free loopback port (tests, screenshots,
benchmarks): ``with BackgroundServer(app) as server: server.url``."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any, Self

__all__ = ["BackgroundServer"]


class BackgroundServer:
    """A uvicorn server for ``app`` on ``host`` and a free port, in a daemon thread.

    Args:
        app: the ASGI application.
        host: a loopback address.
        startup_timeout: seconds to wait for the server to listen.
    """

    def __init__(self, app: Any, *, host: str = "127.0.0.1", startup_timeout: float = 20.0) -> None:
        import uvicorn

        self.host = host
        self.startup_timeout = startup_timeout
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]},
                                        daemon=True, name="dateline-serve")

    @property
    def url(self) -> str:
        """The server's base URL, without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> Self:
        """Start serving and wait until the server listens.

        Raises:
            RuntimeError: the server did not start in time.
        """
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        """Ask the server to stop and wait for its thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
