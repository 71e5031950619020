"""Table grids on one page: from ruling lines where there are any, from the
alignment of text where there are none (:mod:`pdf_aligned`).

Ruled tables go through pdfplumber's table algorithm (snap and join the
edges, find their crossings, turn crossings into cells, group cells into
tables), fed with the strokes PDFium read, so pdfminer's expensive layout pass
is never run. Each step is our own copy of pdfplumber's, giving the same
floats (tests/test_pdf_parts.py compares them page by page), written over
tuples and sorted lists instead of a dict per edge and a scan of every pair:
pdfplumber is not imported to read a page at all. The grid is then filled with the glyphs whose centre falls in
each cell; wrapped cell text is joined with one space.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from redline.model import Mark
from redline.readers.pdf_chars import Glyph, Segment
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_text import Piece, join_pieces, make_lines


class PageCell(NamedTuple):
    col: int
    span: int
    continued: bool
    """Covered by a cell merged down from the row above."""
    pieces: tuple[Piece, ...]
    emphasis: bool = False
    """All its text is bold or turned: header-like."""

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)


@dataclass(frozen=True, slots=True)
class PageTable:
    top: float
    bottom: float
    x0: float
    x1: float
    columns: tuple[float, ...]
    """x of each column's left edge, and the right edge of the last."""
    rows: tuple[tuple[PageCell, ...], ...]
    ruled: bool


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


Edge = tuple[float, float, float]
"""A ruling line as (position, start, end): x, top, bottom for a vertical one;
y, x0, x1 for a horizontal one."""


def _snap(edges: list[Edge], tolerance: float) -> list[Edge]:
    """pdfplumber's ``snap_objects`` on one orientation, same floats, same
    order: positions chained within ``tolerance`` form a cluster, and each edge
    moves by (cluster mean - its position), the mean summed in input order."""
    if not edges:
        return []
    index: dict[float, int] = {}
    last = None
    k = -1
    for v in sorted({e[0] for e in edges}):
        if last is None or not v <= last + tolerance:
            k += 1
        index[v] = k
        last = v
    clusters: list[list[Edge]] = [[] for _ in range(k + 1)]
    for e in edges:
        clusters[index[e[0]]].append(e)
    out: list[Edge] = []
    for cluster in clusters:
        mean = sum([e[0] for e in cluster]) / len(cluster)
        for pos, lo, hi in cluster:
            d = mean - pos
            out.append((pos + d, lo, hi))
    return out


def _join(edges: list[Edge], tolerance: float) -> list[Edge]:
    """pdfplumber's ``join_edge_group`` over every line at once: edges on the
    same line (equal position) that touch or overlap within ``tolerance``
    become one, extended to the furthest end."""
    joined: list[Edge] = []
    for e in sorted(edges, key=_POS_START):
        if joined:
            pos, lo, hi = joined[-1]
            if e[0] == pos and e[1] <= hi + tolerance:
                if e[2] > hi:
                    joined[-1] = (pos, lo, e[2])
                continue
        joined.append(e)
    return joined


_POS_START = operator.itemgetter(0, 1)


def merged_edges(segments: Sequence[Segment], snap: float) -> tuple[list[Edge], list[Edge]]:
    """The page's vertical and horizontal ruling lines, snapped and joined as
    pdfplumber's ``merge_edges`` does (the same floats), with tuples instead of
    its dict per edge and a copy of the dict per move: a Word-style page has
    some 1,500 border strokes."""
    vertical: list[Edge] = []
    horizontal: list[Edge] = []
    for s in segments:
        if max(s.x1 - s.x0, s.bottom - s.top) < 3:
            continue
        if s.horizontal:
            horizontal.append(((s.top + s.bottom) / 2, s.x0, s.x1))
        else:
            vertical.append(((s.x0 + s.x1) / 2, s.top, s.bottom))
    if snap > 0:
        vertical, horizontal = _snap(vertical, snap), _snap(horizontal, snap)
    return _join(vertical, snap), _join(horizontal, snap)


Crossings = dict[tuple[float, float], frozenset[Box]]


def crossings(vertical: list[Edge], horizontal: list[Edge], tolerance: float) -> tuple[Crossings, Crossings]:
    """pdfplumber's ``edges_to_intersections``: the points where a vertical
    and a horizontal line meet within ``tolerance``, each with the boxes of
    the vertical and of the horizontal lines through it. The horizontal lines
    near a vertical one's span are found by bisecting their sorted positions
    (a little wider, then pdfplumber's own test), not by trying every pair."""
    across = sorted(horizontal)
    ys = [h[0] for h in across]
    slack = tolerance + 1e-6 * (1 + max((abs(y) for y in ys), default=0.0))
    vs: dict[tuple[float, float], set[Box]] = {}
    hs: dict[tuple[float, float], set[Box]] = {}
    for x, top, bottom in vertical:
        for k in range(bisect.bisect_left(ys, top - slack), bisect.bisect_right(ys, bottom + slack)):
            y, x0, x1 = across[k]
            if top <= y + tolerance and bottom >= y - tolerance and x >= x0 - tolerance and x <= x1 + tolerance:
                point = (x, y)
                v_box, h_box = (x, top, x, bottom), (x0, y, x1, y)
                if point in vs:
                    vs[point].add(v_box)
                    hs[point].add(h_box)
                else:
                    vs[point], hs[point] = {v_box}, {h_box}
    return ({p: frozenset(b) for p, b in vs.items()}, {p: frozenset(b) for p, b in hs.items()})


def _cluster(values: Sequence[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def intersections_to_cells(vs: Crossings, hs: Crossings) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, same result, without its
    quadratic scans: the crossings below and to the right of a point are looked
    up by column and by row instead of filtered from all later points, and
    those to the right only as far as the first corner."""
    intersections = vs
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(intersections):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    cells: list[Box] = []
    for (x, y) in sorted(intersections):
        ys, xs = by_x[x], by_y[y]
        v0, h0 = vs[(x, y)], hs[(x, y)]
        # The crossings to the right that share a horizontal edge are listed
        # lazily, only as far as the search needs them, and the first corner
        # found ends the search (in the same order as pdfplumber's nested
        # loops): in a grid that is the next row and the next column, not
        # every crossing after them.
        right: list[float] = []
        nxt, end = bisect.bisect_right(xs, x), len(xs)
        found = None
        for by in ys[bisect.bisect_right(ys, y) :]:
            if not v0 & vs[(x, by)]:
                continue
            hb = hs[(x, by)]
            k = 0
            while True:
                if k == len(right):
                    while nxt < end and not h0 & hs[(xs[nxt], y)]:
                        nxt += 1
                    if nxt == end:
                        break
                    right.append(xs[nxt])
                    nxt += 1
                rx = right[k]
                k += 1
                corner = (rx, by)
                if corner in intersections and vs[corner] & vs[(rx, y)] and hs[corner] & hb:
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``, same tables in the same order, without
    its quadratic ``list.remove``: each pass keeps the cells it did not take in
    a new list instead of removing the taken ones from the old one."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        left: list[Box] = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in mine):
                corners.update(mine)
                current.append(cell)
            else:
                left.append(cell)
        remaining = left
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def ruled_grids(segments: Sequence[Segment], settings: PdfSettings = DEFAULTS) -> list[list[Box]]:
    """The cell boxes of each ruled table on the page, table by table."""
    vertical, horizontal = merged_edges(segments, settings.snap)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    cells = intersections_to_cells(*crossings(vertical, horizontal, settings.snap))
    return [[tuple(map(float, c)) for c in t] for t in cells_to_tables(cells) if len(t) >= 2]  # type: ignore[misc]


def fill_grid(cells: list[Box], glyphs: Sequence[tuple[Glyph, Mark | None]],
              settings: PdfSettings = DEFAULTS) -> tuple[PageTable, list[int]]:
    """Lay the cells on a grid and fill them with text; also return the indexes
    of ``glyphs`` that were used."""
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    placed: dict[tuple[int, int], tuple[int, int, Box]] = {}
    covered: dict[tuple[int, int], int] = {}
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    last_y, last_x = len(ys) - 1, len(xs) - 1
    near = bisect.bisect_left
    for box in cells:
        # _index, inlined: four times per cell
        r0, r1 = min(near(ys, box[1] - 1.5), last_y), min(near(ys, box[3] - 1.5), last_y)
        c0, c1 = min(near(xs, box[0] - 1.5), last_x), min(near(xs, box[2] - 1.5), last_x)
        span = max(1, c1 - c0)
        placed[(r0, c0)] = (span, max(1, r1 - r0), box)
        for r in range(r0, max(r1, r0 + 1)):
            if r > r0:
                covered[(r, c0)] = span
            for k in range(c0, c0 + span):
                owner[(r, k)] = (r0, c0)
    contents: dict[tuple[int, int], list[tuple[Glyph, Mark | None]]] = {}
    used: list[int] = []
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    find = bisect.bisect_right
    owned = owner.get
    # The grid square of the glyph before: glyphs come in reading order, so the
    # next one is most often in the same cell, found without bisecting.
    y_lo = y_hi = x_lo = x_hi = 0.0
    last: tuple[int, int] | None = None
    for gi, gm in enumerate(glyphs):
        g = gm[0]
        x = (g.x0 + g.x1) * 0.5
        if not left <= x <= right:
            continue
        y = (g.top + g.bottom) * 0.5
        if not top <= y <= bottom:
            continue
        if y_lo <= y < y_hi and x_lo <= x < x_hi:
            key = last
        else:
            r, c = find(ys, y) - 1, find(xs, x) - 1
            key = owned((r, c))
            if r < n_rows and c < n_cols:
                y_lo, y_hi, x_lo, x_hi, last = ys[r], ys[r + 1], xs[c], xs[c + 1], key
        if key is not None:
            inside = contents.get(key)
            if inside is None:
                contents[key] = [gm]
            else:
                inside.append(gm)
            used.append(gi)
    rows: list[tuple[PageCell, ...]] = []
    for r in range(n_rows):
        row: list[PageCell] = []
        c = 0
        while c < n_cols:
            if (r, c) in placed:
                span = placed[(r, c)][0]
                inside = contents.get((r, c), [])
                emphasis = bool(inside) and all(g.bold or g.direction for g, _ in inside)  # bold or turned
                text = join_pieces(make_lines(inside, settings.word_gap), cell=True)
                row.append(PageCell(c, span, False, text, emphasis))
            elif (r, c) in covered:
                span = covered[(r, c)]
                row.append(PageCell(c, span, True, ()))
            else:
                span = 1
                row.append(PageCell(c, 1, False, ()))
            c += span
        rows.append(tuple(row))
    table = PageTable(top=ys[0], bottom=ys[-1], x0=xs[0], x1=xs[-1], columns=tuple(xs), rows=tuple(rows), ruled=True)
    return table, used
