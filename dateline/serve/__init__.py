"""The web UI and HTTP API over a store: ``create_app(db=..., settings=...)``."""

from .app import create_app

__all__ = ["create_app"]
