"""Progress on stderr for work that takes seconds, shown only on a terminal.

Reading a 150-page PDF or converting a long annex with LibreOffice takes from
seconds to a minute or more; a silent terminal for that long looks hung. tqdm
draws the bars (it is well kept, small and pure Python, and handles terminal
width, rates and clean-up); this module decides when: only when stderr is a
terminal, so scripts, pipes and tests that read stderr see nothing. Bars are
removed when their work ends, leaving the command's own output as it was.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Never

from tqdm import tqdm

TICK_SECONDS = 0.5
"""How often a step without a count (LibreOffice running) redraws its clock."""


def shown() -> bool:
    """Progress is drawn: stderr is a terminal."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


class Counter:
    """A bar for ``total`` units of work (pages, tables); nothing off a terminal."""

    def __init__(self, desc: str, total: int, unit: str = "it") -> None:
        self._bar: tqdm[Never] | None = None
        if shown():
            cols, rows = _shape()
            self._bar = tqdm(
                total=total, desc=f"redline: {desc}", unit=unit, file=sys.stderr, leave=False, ncols=cols, nrows=rows
            )

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Counter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _shape() -> tuple[int, int]:
    """The terminal's width and height for tqdm; 80x24 where it reports none (a fresh
    pseudo-terminal says 0x0, and tqdm then hides every bar as off the screen)."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
        return size.columns or 80, size.lines or 24
    except (AttributeError, OSError, ValueError):
        return 80, 24


@contextmanager
def running(desc: str) -> Iterator[None]:
    """A step with no count (a program running): its name and the time it has taken."""
    if not shown():
        yield
        return
    cols, rows = _shape()
    bar = tqdm(
        total=None,
        desc=f"redline: {desc}",
        bar_format="{desc} {elapsed}",
        file=sys.stderr,
        leave=False,
        ncols=cols,
        nrows=rows,
    )
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(TICK_SECONDS):
            bar.refresh()

    clock = threading.Thread(target=tick, daemon=True)
    clock.start()
    try:
        yield
    finally:
        stop.set()
        clock.join()
        bar.close()
