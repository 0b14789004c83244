"""SQLite (default) and PostgreSQL stores behind one interface."""

from .store import Store, normalise_url, open_store

__all__ = ["Store", "normalise_url", "open_store"]
