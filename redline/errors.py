"""One root exception with narrow subclasses; every message names the file.

The CLI turns any :class:`RedlineError` into one line on stderr and exit 2.
"""

from __future__ import annotations


class RedlineError(Exception):
    """Root of every error redline reports to a user."""


class ReadError(RedlineError):
    """An input file cannot be read: missing, wrong format, corrupt, hostile."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class RenderError(RedlineError):
    """An output cannot be produced (a missing program, an unwritable path)."""


class StoreError(RedlineError):
    """The versions database is missing, corrupt, or lacks a label."""
