"""Table grids on one page: from ruling lines where there are any, from the
alignment of text where there are none (:mod:`pdf_aligned`).

Ruled tables go through pdfplumber's own table algorithm (snap and join the
edges, find their crossings, turn crossings into cells, group cells into
tables), fed with the strokes PDFium read, so pdfminer's expensive layout pass
is never run. The grid is then filled with the glyphs whose centre falls in
each cell; wrapped cell text is joined with one space.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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


def _edge(s: Segment) -> dict[str, Any]:
    if s.horizontal:
        y = (s.top + s.bottom) / 2
        return {"x0": s.x0, "x1": s.x1, "top": y, "bottom": y, "width": s.x1 - s.x0, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    x = (s.x0 + s.x1) / 2
    return {"x0": x, "x1": x, "top": s.top, "bottom": s.bottom, "width": 0.0, "height": s.bottom - s.top,
            "orientation": "v", "object_type": "line"}


def _cluster(values: Sequence[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


_BBOX = operator.itemgetter("x0", "top", "x1", "bottom")


def _bboxes(edges: list[dict[str, Any]]) -> frozenset[tuple[float, float, float, float]]:
    return frozenset(map(_BBOX, edges))


def intersections_to_cells(intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, same result, without its
    quadratic scan: the crossings below and to the right of a point are looked
    up by column and by row instead of filtered from all later points."""
    vs = {p: _bboxes(d["v"]) for p, d in intersections.items()}
    hs = {p: _bboxes(d["h"]) for p, d in intersections.items()}
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(intersections):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    cells: list[Box] = []
    for (x, y) in sorted(intersections):
        ys, xs = by_x[x], by_y[y]
        v0, h0 = vs[(x, y)], hs[(x, y)]
        # The crossings to the right are listed only when a crossing below
        # shares a vertical edge, and the first corner found ends the search
        # (in the same order as pdfplumber's nested loops): in a grid that is
        # the next row and the next column, not every crossing after them.
        right: list[float] | None = None
        found = None
        for by in ys[bisect.bisect_right(ys, y) :]:
            if not v0 & vs[(x, by)]:
                continue
            if right is None:
                right = [r for r in xs[bisect.bisect_right(xs, x) :] if h0 & hs[(r, y)]]
            hb = hs[(x, by)]
            for rx in right:
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
    edges = [_edge(s) for s in segments if max(s.x1 - s.x0, s.bottom - s.top) >= 3]
    if sum(1 for e in edges if e["orientation"] == "v") < 2 or sum(1 for e in edges if e["orientation"] == "h") < 2:
        return []
    # Imported here, not with the module: a process that reads no page itself
    # (the parent of the page workers, a read from the page cache) never pays
    # for importing pdfplumber.
    from pdfplumber.table import edges_to_intersections, merge_edges

    snap = settings.snap
    merged = merge_edges(edges, snap, snap, snap, snap)
    cells = intersections_to_cells(edges_to_intersections(merged, snap, snap))
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
