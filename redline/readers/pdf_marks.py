"""Redline marks from the strokes drawn over and under the glyphs.

A PDF keeps no "strike" or "underline" attribute: the producer draws a line.
A line through the middle of a glyph (between baseline and x-height) is a
deletion; a line at or just below the baseline is an insertion. Colour is not
needed (red/blue are conventions, not rules), so it is only used to break a
tie when a stroke sits between the two bands.

Drafters also mark by colour alone (blue inserted, red struck, no line): on a
page that has both blue and red text, and no line through or under it, the
colour is the mark (:func:`colour_marks`). One colour alone is not enough: a
plain version may print a warning in red or a link in blue.

Table rulings are not marks: a horizontal stroke with an end on a vertical
stroke is a ruling. (A long stroke is not ruled out: a whole inserted line is
underlined from margin to margin.)
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from redline.model import Mark
from redline.readers.pdf_chars import Glyph, Segment
from redline.readers.pdf_settings import DEFAULTS, PdfSettings


class _Verticals:
    """The page's vertical strokes, grouped by x and sorted, so that the
    strokes near an x are found by bisection (Word-style PDFs draw every cell
    border as its own rectangle: thousands of them on a table page, dozens at
    one x). Within one x, the strokes are sorted by top, with the furthest
    bottom reached so far: whether one spans a y is then one bisection, not a
    scan of every stroke at that x."""

    def __init__(self, segments: Sequence[Segment], reach: float) -> None:
        self.reach = reach
        self.xs: list[float] = []
        self.lows: list[list[float]] = []  # top - reach, ascending
        self.highs: list[list[float]] = []  # the largest bottom + reach among the strokes up to here
        for x, top, bottom in sorted(((s.x0 + s.x1) / 2, s.top, s.bottom) for s in segments):
            if not self.xs or self.xs[-1] != x:
                self.xs.append(x)
                self.lows.append([])
                self.highs.append([])
            lows, highs = self.lows[-1], self.highs[-1]
            high = bottom + reach
            lows.append(top - reach)
            highs.append(high if not highs or high > highs[-1] else highs[-1])

    def meets(self, x: float, y: float) -> bool:
        """A vertical stroke within the tolerance of (x, y): one whose
        ``top - reach <= y <= bottom + reach``."""
        reach = self.reach
        for k in range(bisect.bisect_left(self.xs, x - reach), bisect.bisect_right(self.xs, x + reach)):
            n = bisect.bisect_right(self.lows[k], y)  # the strokes starting at or above y
            if n and self.highs[k][n - 1] >= y:
                return True
        return False


def _is_ruling(h: Segment, verticals: _Verticals) -> bool:
    y = (h.top + h.bottom) / 2
    return verticals.meets(h.x0, y) or verticals.meets(h.x1, y)


def mark_strokes(segments: Sequence[Segment], settings: PdfSettings = DEFAULTS) -> list[Segment]:
    """The horizontal strokes that may be strike-throughs or underlines."""
    verticals = _Verticals([s for s in segments if not s.horizontal and s.bottom - s.top > 3], settings.ruling_reach)
    out = []
    for s in segments:
        if not s.horizontal or s.bottom - s.top > settings.max_stroke or s.x1 - s.x0 < 1.0:
            continue
        if _is_ruling(s, verticals):
            continue
        out.append(s)
    return out


def _looks_red(c: tuple[int, int, int]) -> bool:
    return c[0] > 150 and c[1] < 100 and c[2] < 100


def _looks_blue(c: tuple[int, int, int]) -> bool:
    return c[2] > 150 and c[0] < 100 and c[1] < 160 and c[2] - max(c[0], c[1]) >= 80


def colour_marks(glyphs: Sequence[Glyph]) -> list[Mark | None]:
    """Blue glyphs "insert", red ones "delete", on a page that has both colours."""
    # Decided per colour, not per glyph: a page has thousands of glyphs in a few colours.
    colours = {g.colour for g in glyphs}
    if not (any(map(_looks_blue, colours)) and any(map(_looks_red, colours))):
        return [None] * len(glyphs)
    mark: dict[tuple[int, int, int], Mark | None] = {
        c: "insert" if _looks_blue(c) else "delete" if _looks_red(c) else None for c in colours}
    return [mark[g.colour] for g in glyphs]


def assign_marks(glyphs: Sequence[Glyph], strokes: Sequence[Segment],
                 settings: PdfSettings = DEFAULTS) -> list[Mark | None]:
    """One mark per glyph: "delete" under a strike-through, "insert" over an underline;
    else the colour's mark (:func:`colour_marks`)."""
    marks = _line_marks(glyphs, strokes, settings.strike_band, settings.under_band)
    coloured = colour_marks(glyphs)
    return [m if m is not None else c for m, c in zip(marks, coloured, strict=True)]


def _line_marks(glyphs: Sequence[Glyph], strokes: Sequence[Segment], strike: tuple[float, float],
                under: tuple[float, float]) -> list[Mark | None]:
    marks: list[Mark | None] = [None] * len(glyphs)
    if not strokes:
        return marks
    order = sorted((g.baseline, i) for i, g in enumerate(glyphs) if g.upright)
    baselines = [b for b, _ in order]
    max_size = max((g.size for g in glyphs), default=12.0)
    for s in strokes:
        y = (s.top + s.bottom) / 2
        lo = bisect.bisect_left(baselines, y + under[0] * max_size)
        hi = bisect.bisect_right(baselines, y + strike[1] * max_size)
        for _, i in order[lo:hi]:
            g = glyphs[i]
            overlap = min(g.x1, s.x1) - max(g.x0, s.x0)
            if overlap < 0.5 * (g.x1 - g.x0):
                continue
            d = (g.baseline - y) / g.size  # height of the stroke above the baseline
            if strike[0] < d < strike[1]:
                mark: Mark | None = "delete"
            elif under[0] < d <= under[1]:
                mark = "insert"
                if d > strike[0] - 0.04 and _looks_red(s.colour):
                    mark = "delete"
            else:
                continue
            if marks[i] != "delete":
                marks[i] = mark
    return marks
