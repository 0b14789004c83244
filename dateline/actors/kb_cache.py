"""A parsed copy of the packaged knowledge base in the user's cache directory.

Parsing a thousand kilobytes of YAML takes most of a second; the pickled entries load in a
few hundredths. The copy is keyed by every source file's path, size and modification time
and by the reader's own code, so an edited file or a new dateline version is read afresh.
A cache that cannot be read or written is ignored: the YAML is the truth.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from .kb_files import KBData, yaml_files

__all__ = ["cache_dir", "read_cached", "read_pickle", "write_cached", "write_pickle"]

_CODE = [Path(__file__).with_name(n) for n in ("kb_files.py", "entries.py", "kb_cache.py")]


def cache_dir() -> Path | None:
    """``$DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``;
    None when ``DATELINE_CACHE_DIR`` is set to ``off``."""
    env = os.environ.get("DATELINE_CACHE_DIR")
    if env:
        return None if env.lower() == "off" else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def _sources(paths: Iterable[Path]) -> list[Path]:
    """The files a cached copy depends on: the knowledge-base files and the reader's code."""
    return yaml_files(paths) + _CODE


def _key(paths: Iterable[Path], extras: Iterable[Path]) -> str:
    digest = hashlib.sha1()
    for path in _sources([*paths, *extras]):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def _cache_file(paths: list[Path], extras: list[Path]) -> Path | None:
    directory = cache_dir()
    return directory / f"kb-{_key(paths, extras)}.pickle" if directory else None


def read_cached(paths: list[Path], extras: list[Path]) -> KBData | None:
    """The cached entries for these source files, or None."""
    target = _cache_file(paths, extras)
    data = read_pickle(target) if target is not None else None
    return data if isinstance(data, KBData) else None


def write_cached(paths: list[Path], extras: list[Path], data: KBData) -> None:
    """Store the entries for these source files (best effort, atomic rename)."""
    target = _cache_file(paths, extras)
    if target is not None:
        write_pickle(target, data, replaces="kb-*.pickle")


def read_pickle(target: Path) -> object | None:
    """What a cache file holds, or None when it is missing or unreadable."""
    if not target.is_file():
        return None
    try:
        with target.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None


def write_pickle(target: Path, data: object, *, replaces: str | None = None) -> None:
    """Write a cache file (best effort, atomic rename); then remove the older files of the
    directory that match the glob ``replaces``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(target)
        for old in target.parent.glob(replaces) if replaces else ():
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
