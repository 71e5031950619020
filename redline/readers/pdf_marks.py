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

_STRIKE_BAND = (0.12, 0.62)
"""Height of a strike-through above the baseline, as a share of the font size."""
_UNDER_BAND = (-0.38, 0.12)
_MAX_THICKNESS = 2.5
_END_TOLERANCE = 2.0


class _Verticals:
    """The page's vertical strokes, sorted by x, so that the strokes near an x
    are found by bisection (Word-style PDFs draw every cell border as its own
    rectangle: thousands of them on a table page)."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        found = sorted(((s.x0 + s.x1) / 2, s.top, s.bottom) for s in segments)
        self.xs = [x for x, _, _ in found]
        self.spans = [(top, bottom) for _, top, bottom in found]

    def meets(self, x: float, y: float) -> bool:
        """A vertical stroke within the tolerance of (x, y)."""
        lo = bisect.bisect_left(self.xs, x - _END_TOLERANCE)
        hi = bisect.bisect_right(self.xs, x + _END_TOLERANCE)
        return any(top - _END_TOLERANCE <= y <= bottom + _END_TOLERANCE for top, bottom in self.spans[lo:hi])


def _is_ruling(h: Segment, verticals: _Verticals) -> bool:
    y = (h.top + h.bottom) / 2
    return verticals.meets(h.x0, y) or verticals.meets(h.x1, y)


def mark_strokes(segments: Sequence[Segment]) -> list[Segment]:
    """The horizontal strokes that may be strike-throughs or underlines."""
    verticals = _Verticals([s for s in segments if not s.horizontal and s.bottom - s.top > 3])
    out = []
    for s in segments:
        if not s.horizontal or s.bottom - s.top > _MAX_THICKNESS or s.x1 - s.x0 < 1.0:
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
    blue = [_looks_blue(g.colour) for g in glyphs]
    red = [_looks_red(g.colour) for g in glyphs]
    if not (any(blue) and any(red)):
        return [None] * len(glyphs)
    return ["insert" if b else "delete" if r else None for b, r in zip(blue, red, strict=True)]


def assign_marks(glyphs: Sequence[Glyph], strokes: Sequence[Segment]) -> list[Mark | None]:
    """One mark per glyph: "delete" under a strike-through, "insert" over an underline;
    else the colour's mark (:func:`colour_marks`)."""
    marks = _line_marks(glyphs, strokes)
    coloured = colour_marks(glyphs)
    return [m if m is not None else c for m, c in zip(marks, coloured, strict=True)]


def _line_marks(glyphs: Sequence[Glyph], strokes: Sequence[Segment]) -> list[Mark | None]:
    marks: list[Mark | None] = [None] * len(glyphs)
    if not strokes:
        return marks
    order = sorted((g.baseline, i) for i, g in enumerate(glyphs) if g.upright)
    baselines = [b for b, _ in order]
    max_size = max((g.size for g in glyphs), default=12.0)
    for s in strokes:
        y = (s.top + s.bottom) / 2
        lo = bisect.bisect_left(baselines, y + _UNDER_BAND[0] * max_size)
        hi = bisect.bisect_right(baselines, y + _STRIKE_BAND[1] * max_size)
        for _, i in order[lo:hi]:
            g = glyphs[i]
            overlap = min(g.x1, s.x1) - max(g.x0, s.x0)
            if overlap < 0.5 * (g.x1 - g.x0):
                continue
            d = (g.baseline - y) / g.size  # height of the stroke above the baseline
            if _STRIKE_BAND[0] < d < _STRIKE_BAND[1]:
                mark: Mark | None = "delete"
            elif _UNDER_BAND[0] < d <= _UNDER_BAND[1]:
                mark = "insert"
                if d > _STRIKE_BAND[0] - 0.04 and _looks_red(s.colour):
                    mark = "delete"
            else:
                continue
            if marks[i] != "delete":
                marks[i] = mark
    return marks
