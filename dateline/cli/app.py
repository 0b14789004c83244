"""The Typer application, shared options and the error/exit-code discipline."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar, TypeVar

import typer

from ..config import Settings, load_settings
from ..errors import DatelineError

app = typer.Typer(
    name="dateline",
    help="Read news and record who did and said what, to whom, when and where - and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
actors_app = typer.Typer(help="Inspect the actor knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

F = TypeVar("F", bound=Callable[..., Any])


class State:
    debug: bool = False
    config: str | None = None
    overrides: ClassVar[dict[str, str]] = {}


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logging."),
    config: str | None = typer.Option(None, "--config", help="A dateline.toml settings file."),
    setting: list[str] = typer.Option([], "-s", "--setting", help="Override a setting: -s key=value."),
) -> None:
    State.debug = debug
    State.config = config
    State.overrides = {}
    for item in setting:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r}: expected key=value", param_hint="--setting")
        State.overrides[key.strip()] = value.strip()
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def settings(**overrides: Any) -> Settings:
    """Settings from the config file, the environment, ``-s`` and the command's own options."""
    return load_settings(path=State.config, **State.overrides).with_overrides(
        **{k: v for k, v in overrides.items() if v is not None}
    )


def handle_errors(func: F) -> F:
    """Turn a :class:`DatelineError` into one line on stderr and exit status 2 (1 for inputs)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DatelineError as e:
            if State.debug:
                raise
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def main() -> None:
    """Entry point of the ``dateline`` script."""
    from . import actors, code, export, ingest, load, process, query, serve, show  # noqa: F401 - register commands

    app()
