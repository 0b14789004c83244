"""Errors that end up in front of a user: each names the input and says what to do."""

from __future__ import annotations

__all__ = ["ConfigError", "DatelineError", "InputError", "StoreError"]


class DatelineError(Exception):
    """Base of dateline's errors; the CLI prints it as one line (traceback with --debug)."""


class InputError(DatelineError):
    """An input that cannot be read: ``InputError(input, problem)``."""

    def __init__(self, input: str, problem: str) -> None:
        self.input = input
        self.problem = problem
        super().__init__(f"{input}: {problem}")


class StoreError(DatelineError):
    """The store cannot be opened, migrated or written."""


class ConfigError(DatelineError):
    """A setting with a bad value."""
