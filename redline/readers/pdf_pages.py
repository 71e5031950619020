"""Each page on its own: glyphs and strokes in, lines and table grids out.

Pages do not depend on each other until the layout pass, so they are read in
parallel, one chunk of pages per task, each worker opening the PDF from the
bytes it is given (PDFium handles cannot cross processes). A progress bar
goes to stderr only when stderr is a terminal.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from pypdfium2 import PdfDocument

from redline.model import Mark
from redline.progress import Counter
from redline.readers.pdf_aligned import aligned_tables
from redline.readers.pdf_chars import Glyph, open_pdf, read_page
from redline.readers.pdf_marks import assign_marks, mark_strokes
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_tables import PageTable, fill_grid, ruled_grids
from redline.readers.pdf_text import Line, make_lines

_PARALLEL_FROM = 8
"""Fewer pages than this are read in the calling process: a pool costs more
than it saves."""


@dataclass(frozen=True, slots=True)
class PageLayout:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    """Text lines outside tables, top to bottom."""
    tables: tuple[PageTable, ...]
    glyphs: int
    """How many glyphs the page has (0 on a scanned page)."""
    unread: int = 0
    """Glyphs in no line and no table cell: turned or askew text outside
    tables, which no reading order reaches."""


def layout_page(pdf: PdfDocument, index: int, settings: PdfSettings = DEFAULTS) -> PageLayout:
    """Lay out page ``index`` (0-based) of an open document."""
    raw = read_page(pdf, index, settings)
    strokes = mark_strokes(raw.segments, settings)
    marks = assign_marks(raw.glyphs, strokes, settings)
    items: list[tuple[Glyph, Mark | None]] = list(zip(raw.glyphs, marks, strict=True))
    tables: list[PageTable] = []
    for cells in ruled_grids(raw.segments, settings):
        table, used = fill_grid(cells, items, settings)
        if not any(c.text for row in table.rows for c in row):
            continue
        tables.append(table)
        taken = set(used)
        items = [gm for k, gm in enumerate(items) if k not in taken]
    lines = make_lines([gm for gm in items if gm[0].direction == 0], settings.word_gap)  # upright
    found, lines = aligned_tables(lines, settings)
    tables.extend(found)
    tables.sort(key=lambda t: t.top)
    unread = sum(1 for g, _ in items if g.direction) + raw.askew  # not upright
    return PageLayout(raw.number, raw.width, raw.height, tuple(lines), tuple(tables), len(raw.glyphs),
                      min(unread, len(raw.glyphs)))


_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.25


def _watch_parent(parent: int) -> None:
    """Worker start-up: die with the process that started the pool, however it dies.

    The pool's own clean-up runs only when the parent exits normally (or on
    Ctrl-C); a SIGKILL gives it no chance, and a worker blocked on its task
    queue would wait forever. So on Linux the kernel is asked to SIGKILL the
    worker when its parent goes (``PR_SET_PDEATHSIG``), and everywhere a daemon
    thread checks twice a second that the parent is still there and ends the
    worker when it is not (covering systems without prctl, and a parent that
    died before the request was made).
    """
    import signal
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the poll below still ends the worker
    direct = os.getppid() == parent  # else a fork server started us: watch the pid itself

    def gone() -> bool:
        if direct:
            return os.getppid() != parent
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def watch() -> None:
        while not gone():
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    if gone():
        os._exit(1)
    threading.Thread(target=watch, name="redline-parent-watch", daemon=True).start()


_WORKER_PDF: list[tuple[PdfDocument, PdfSettings]] = []
"""The document a pool worker reads, opened once when the worker starts, and
the settings it is read with."""


def _start_worker(parent: int, data: bytes, settings: PdfSettings) -> None:
    """Worker start-up, paid once per worker rather than once per chunk of
    pages: the PDF's bytes come with the worker (inherited when the pool forks,
    sent once otherwise) and are opened once; tasks then carry page numbers only."""
    _watch_parent(parent)
    _WORKER_PDF.append((open_pdf(data), settings))


def _layout_chunk(indexes: list[int]) -> bytes:
    """The chunk's pages, pickled here: the parent loads them, and stores the
    same bytes in the page cache without pickling them again."""
    pdf, settings = _WORKER_PDF[0]
    return pickle.dumps([layout_page(pdf, i, settings) for i in indexes], protocol=pickle.HIGHEST_PROTOCOL)


def layout_pages(data: bytes, count: int, workers: int | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 pickled: list[bytes] | None = None, settings: PdfSettings = DEFAULTS) -> list[PageLayout]:
    """Lay out every page, in parallel when the file is large enough.
    ``pickled``, when given, receives the pages pickled in chunks (what the
    page cache stores)."""
    if on_progress is not None:
        return _layout(data, count, workers, on_progress, pickled, settings)
    # A short file is read before a bar would be worth drawing.
    with Counter("reading PDF pages", count if count >= _PARALLEL_FROM else 0, unit="page") as bar:
        return _layout(data, count, workers, bar.update if count >= _PARALLEL_FROM else lambda _: None, pickled,
                       settings)


def _layout(data: bytes, count: int, workers: int | None, report: Callable[[int], None],
            pickled: list[bytes] | None, settings: PdfSettings) -> list[PageLayout]:
    workers = workers or os.cpu_count() or 1
    if count < _PARALLEL_FROM or workers == 1:
        out = []
        pdf = open_pdf(data)
        try:
            for i in range(count):
                out.append(layout_page(pdf, i, settings))
                report(1)
        finally:
            pdf.close()
        if pickled is not None:
            pickled.append(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
        return out
    # Eight chunks per worker: the last one to finish leaves the other cores
    # idle for less time than fewer, larger chunks would.
    size = max(2, -(-count // (workers * 8)))
    chunks = [list(range(s, min(s + size, count))) for s in range(0, count, size)]
    results: list[PageLayout] = []
    done: list[bytes] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(os.getpid(), data, settings)) as pool:
            futures = [pool.submit(_layout_chunk, c) for c in chunks]
            for f, c in zip(futures, chunks, strict=True):
                done.append(f.result())
                results.extend(pickle.loads(done[-1]))
                report(len(c))
    except (OSError, BrokenProcessPool):
        # No processes to be had (a sandbox, no /dev/shm): the same work in this one.
        return layout_pages(data, count, workers=1, on_progress=lambda _: None, pickled=pickled,
                            settings=settings)
    if pickled is not None:
        pickled.extend(done)
    return results
