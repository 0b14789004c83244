"""The CLI reference (docs/cli.md), generated from the commands themselves so it cannot drift.

``python -m dateline.cli.reference > docs/cli.md`` rewrites it; a test compares.
"""

from __future__ import annotations

from typing import Any

import typer.main

from .app import app


def _params(cmd: Any) -> list[str]:
    lines = []
    for p in cmd.params:
        if type(p).__name__.endswith("Argument"):
            name = (p.name or "").upper()
            lines.append(f"| `{name}` | argument{' (several)' if p.nargs == -1 else ''} | {getattr(p, 'help', '') or ''} |")
        elif type(p).__name__.endswith("Option") and p.name != "help":
            opts = ", ".join(f"`{o}`" for o in p.opts + p.secondary_opts)
            default = "" if p.default in (None, False, [], ()) or p.is_flag else f" (default: {p.default})"
            lines.append(f"| {opts} | {'flag' if p.is_flag else 'value'} | {(p.help or '').replace('|', '/')}{default} |")
    return lines


def cli_reference() -> str:
    """Markdown for every command and its options."""
    from . import actors, code, export, ingest, load, process, query, serve, show  # noqa: F401
    root = typer.main.get_command(app)
    out = ["# Command-line reference", "",
           "Generated from the code by `python -m dateline.cli.reference`; a test keeps it current.", ""]
    out += ["Options of `dateline` itself, before the command:", "", "| option | kind | meaning |", "|---|---|---|"]
    out += _params(root) + [""]

    def walk(group: Any, prefix: str) -> None:
        for name in sorted(group.commands):
            cmd = group.commands[name]
            if hasattr(cmd, "commands"):
                walk(cmd, f"{prefix}{name} ")
                continue
            out.extend([f"## `dateline {prefix}{name}`", "", (cmd.help or "").strip(), ""])
            rows = _params(cmd)
            if rows:
                out.extend(["| option | kind | meaning |", "|---|---|---|", *rows, ""])

    walk(root, "")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(cli_reference(), end="")
