"""Tables without ruling lines, found from the alignment of their text.

A run of lines is a table when the blank vertical strips between its words
(the "rivers") split it into three or more columns on every line. The run
starts at a line with three or more widely spaced groups of words and grows
while each next line keeps the columns: a paragraph that runs across the
rivers ends it. Words go to the column their centre falls in. A line starts
a new row when it has text in the first column and in most of the others;
other lines (wrapped cell text) continue the row above, so "N49, N50," /
"N51, N52" stays one reference.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_tables import PageCell, PageTable
from redline.readers.pdf_text import Line, Word, join_pieces

_LEADERS = re.compile(r"(\.{4,}|…{2,}|_{4,})\s*\d+$")
"""A contents line ("1 Introduction ........ 3") lines up like a table but is not one."""


def _groups(line: Line, river: float) -> int:
    if _LEADERS.search(line.text):
        return 1
    count = 1
    for a, b in zip(line.words, line.words[1:], strict=False):
        if b.x0 - a.x1 >= river * b.size:
            count += 1
    return count


def _rivers(lines: Sequence[Line], river: float) -> list[tuple[float, float]]:
    """Blank x-intervals, at least ``river`` font sizes wide, between the
    leftmost and rightmost word of the lines."""
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    size = max(ln.size for ln in lines)
    out = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= river * size:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _column(word: Word, bounds: Sequence[float]) -> int:
    centre = (word.x0 + word.x1) / 2
    k = 0
    while k < len(bounds) and centre > bounds[k]:
        k += 1
    return k


def _table(members: Sequence[Line], river: float) -> PageTable:
    rivers = _rivers(members, river)
    bounds = [(a + b) / 2 for a, b in rivers]
    n = len(bounds) + 1
    grid: list[list[list[Word]]] = []
    for ln in members:
        cells: list[list[Word]] = [[] for _ in range(n)]
        for w in ln.words:
            cells[_column(w, bounds)].append(w)
        filled = sum(1 for c in cells if c)
        starts_row = bool(cells[0]) and filled >= max(2, math.ceil(0.6 * n))
        if grid and not starts_row:
            for k, words in enumerate(cells):
                grid[-1][k].extend(words)
        else:
            grid.append(cells)
    left = min(ln.x0 for ln in members)
    right = max(ln.x1 for ln in members)
    rows = tuple(
        tuple(
            PageCell(k, 1, False, join_pieces([Line(0, 0, 0, tuple(ws))], cell=True) if ws else (),
                     bool(ws) and all(w.bold for w in ws))
            for k, ws in enumerate(cells)
        )
        for cells in grid
    )
    return PageTable(
        top=members[0].top,
        bottom=members[-1].bottom,
        x0=left,
        x1=right,
        columns=(left, *bounds, right),
        rows=rows,
        ruled=False,
    )


def aligned_tables(lines: Sequence[Line], settings: PdfSettings = DEFAULTS) -> tuple[list[PageTable], list[Line]]:
    """The unruled tables among ``lines`` (top to bottom), and the lines left over."""
    river, fewest = settings.river, settings.min_columns
    tables: list[PageTable] = []
    rest: list[Line] = []
    i = 0
    while i < len(lines):
        if _groups(lines[i], river) < fewest:
            rest.append(lines[i])
            i += 1
            continue
        members = [lines[i]]
        columns = len(_rivers(members, river)) + 1
        j = i + 1
        while j < len(lines):
            ln = lines[j]
            if ln.top - members[-1].bottom > 1.2 * ln.size:
                break
            after = len(_rivers([*members, ln], river)) + 1
            if after < fewest or after < columns - 1 or _LEADERS.search(ln.text):
                break
            members.append(ln)
            columns = after
            j += 1
        if len(members) < 2:
            rest.append(lines[i])
            i += 1
            continue
        tables.append(_table(members, river))
        i = j
    return tables, rest
