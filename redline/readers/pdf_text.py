"""Glyphs into words and lines: the one place that decides where a space goes.

Used for body text and for the text inside a table cell alike. Turned glyphs
(vertical table headers) are first moved into their own reading frame, so a
header turned to run upwards reads as the words it is ("Test Scenario"), not
as a column of letters.

The result is plain, picklable data: the page worker returns it to the main
process and the page cache stores it. Words and lines are named tuples, not
dataclasses, because tuples pickle several times faster, and a large PDF
has tens of thousands of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from redline.model import Mark
from redline.readers.pdf_chars import Glyph
from redline.readers.pdf_settings import DEFAULT_WORD_GAP

Piece = tuple[str, Mark | None]
"""A stretch of text with one redline mark (or none)."""



class Word(NamedTuple):
    x0: float
    x1: float
    pieces: tuple[Piece, ...]
    bold: bool
    size: float

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)


class Line(NamedTuple):
    top: float
    bottom: float
    baseline: float
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


def reading_frame(g: Glyph) -> Glyph:
    """A turned glyph moved so that its text runs left to right."""
    if g.direction == 1:  # runs upwards: reading grows as ``top`` falls; lines follow left to right
        return g._replace(x0=-g.bottom, x1=-g.top, top=g.x0, bottom=g.x1, baseline=g.baseline, direction=0)
    if g.direction == -1:
        return g._replace(x0=g.top, x1=g.bottom, top=-g.x1, bottom=-g.x0, baseline=-g.baseline, direction=0)
    if g.direction == 2:  # upside down: reading runs leftwards, lines follow upwards
        return g._replace(x0=-g.x1, x1=-g.x0, top=-g.bottom, bottom=-g.top, baseline=-g.baseline, direction=0)
    return g


def _words(glyphs: list[tuple[Glyph, Mark | None]], word_gap: float) -> tuple[Word, ...]:
    """Split one line's glyphs (left to right) into words; one pass, no
    intermediate lists: a table page has thousands of these."""
    words: list[Word] = []
    pieces: list[Piece] = []
    text = ""
    mark: Mark | None = None
    x0 = x1 = size = 0.0
    bold = True
    prev: Glyph | None = None
    for g, m in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            big = g.size if g.size > prev.size else prev.size
            if g.space_before or gap > word_gap * big or gap < -2 * g.size:
                pieces.append((text, mark))
                words.append(Word(x0, x1, tuple(pieces), bold, size))
                prev = None
        if prev is None:
            pieces, text, mark = [], g.text, m
            x0, x1, size, bold = g.x0, g.x1, g.size, g.bold
        else:
            if m == mark:
                text += g.text
            else:
                pieces.append((text, mark))
                text, mark = g.text, m
            if g.x1 > x1:
                x1 = g.x1
            if g.size > size:
                size = g.size
            bold = bold and g.bold
        prev = g
    if prev is not None:
        pieces.append((text, mark))
        words.append(Word(x0, x1, tuple(pieces), bold, size))
    return tuple(words)


def _one_line(items: list[tuple[Glyph, Mark | None]], word_gap: float) -> Line | None:
    """The line that upright glyphs within the smallest tolerance of one
    baseline make (most table cells), found in one pass; None for anything else."""
    first = items[0][0]
    low = high = first.baseline
    top, bottom = first.top, first.bottom
    ordered = True
    prev = -math.inf
    for g, _ in items:
        if g.direction:
            return None
        b = g.baseline
        if b < low:
            low = b
        elif b > high:
            high = b
        if g.top < top:
            top = g.top
        if g.bottom > bottom:
            bottom = g.bottom
        if g.x0 > prev:
            prev = g.x0
        else:
            ordered = False
    if high - low > 1.0:
        return None
    # Ordered as make_lines orders one line: by x0, ties by baseline, then as given.
    line = items if ordered else sorted(items, key=lambda gm: (gm[0].x0, gm[0].baseline))
    return Line(top, bottom, low, _words(line, word_gap))


def make_lines(items: Iterable[tuple[Glyph, Mark | None]], word_gap: float = DEFAULT_WORD_GAP) -> list[Line]:
    """Group glyphs into lines (top to bottom) of words (left to right); a gap
    wider than ``word_gap`` font sizes separates two words."""
    given = items if isinstance(items, list) else list(items)
    if not given:
        return []
    line = _one_line(given, word_gap)
    if line is not None:
        return [line]
    framed = [(g if g.direction == 0 else reading_frame(g), m) for g, m in given]
    baselines = [g.baseline for g, _ in framed]
    low = min(baselines)
    if max(baselines) - low <= 1.0:
        # All within the smallest tolerance of the lowest baseline: one line,
        # as the grouping below would find (most table cells). Ordered as it
        # would order them: by x0, ties by baseline, then as given.
        framed.sort(key=lambda gm: (gm[0].x0, gm[0].baseline))
        top = min(g.top for g, _ in framed)
        bottom = max(g.bottom for g, _ in framed)
        return [Line(top, bottom, low, _words(framed, word_gap))]
    framed.sort(key=lambda gm: (gm[0].baseline, gm[0].x0))
    groups: list[list[tuple[Glyph, Mark | None]]] = []
    for g, m in framed:
        if groups:
            last = groups[-1]
            ref = last[0][0]
            if abs(g.baseline - ref.baseline) <= max(1.0, 0.3 * min(g.size, ref.size)):
                last.append((g, m))
                continue
        groups.append([(g, m)])
    lines = []
    for grp in groups:
        baseline = grp[0][0].baseline
        if len(grp) > 1:
            grp.sort(key=lambda gm: gm[0].x0)
        top = min(g.top for g, _ in grp)
        bottom = max(g.bottom for g, _ in grp)
        lines.append(Line(top, bottom, baseline, _words(grp, word_gap)))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines


_PREFIXES = frozenset({"non", "pre", "re", "sub", "co", "post", "multi", "semi", "anti", "self", "cross", "dual",
                       "single", "half", "inter", "intra", "over", "under", "de", "un", "in", "out"})


def hyphen_joins(before: str, after: str) -> bool:
    """A word broken after its hyphen at a line end joins without a space:
    "Pre-" / "notification", "Non-" / "Critical". A hyphen after a whole word
    before a capital ("Update-" / "Fault Return") was written with a space."""
    if len(before) < 2 or not before.endswith("-") or not before[-2].isalpha() or not after[:1].isalpha():
        return False
    stem = before[:-1].rsplit(" ", 1)[-1].rsplit("(", 1)[-1].casefold()
    return after[:1].islower() or stem in _PREFIXES


_DIGIT_END = re.compile(r"\d\.?$")


def number_joins(before: str, after: str) -> bool:
    """Digits broken over two lines by a narrow table column ("4.1" / "0",
    a struck "133" before an inserted "134") join without a space; only used
    for table cells."""
    return bool(_DIGIT_END.search(before)) and after[:1].isdigit()


def join_pieces(lines: Sequence[Line], *, cell: bool = False) -> tuple[Piece, ...]:
    """The text of several lines (a cell, a paragraph) as one list of pieces.

    Words and lines are joined by one space. The space takes the mark of the
    words on both sides when they share it, so a struck phrase stays one
    deletion. Before a marked stretch that ends against unmarked text with
    no space ("(KRP" + " and Supplier" + ")"), the space belongs to the
    stretch, as it did in the document the PDF was made from."""
    if len(lines) == 1:
        # One line (most table cells), the cases the general pass below ends in.
        only = lines[0].words
        if len(only) == 1:
            return only[0].pieces  # a word's pieces already change mark at each boundary
        if all(len(w.pieces) == 1 and w.pieces[0][1] is None for w in only):
            return ((" ".join(w.pieces[0][0] for w in only), None),)
    words: list[Word] = []
    glue: list[bool] = []  # glue[i]: a space goes before words[i]
    for ln in lines:
        for k, word in enumerate(ln.words):
            if words:
                before = words[-1].text
                joins = (
                    hyphen_joins(before, word.text)
                    or before.endswith("/")
                    or (cell and number_joins(before, word.text))
                )
                glue.append(not (k == 0 and joins))
            else:
                glue.append(False)
            words.append(word)
    out: list[Piece] = []
    for i, word in enumerate(words):
        if glue[i]:
            left, right = words[i - 1].pieces[-1][1], word.pieces[0][1]
            mark = left if left == right else None
            if left is None and right is not None and _stretch_ends_tight(words, glue, i, right):
                mark = right
            elif left == "delete" and right == "insert":
                mark = right  # a line break between a deletion and the insertion replacing it: no space in the old text
            out.append((" ", mark))
        out.extend(word.pieces)
    merged: list[Piece] = []
    for text, mark in out:
        if merged and merged[-1][1] == mark:
            merged[-1] = (merged[-1][0] + text, mark)
        else:
            merged.append((text, mark))
    return tuple(merged)


def _stretch_ends_tight(words: Sequence[Word], glue: Sequence[bool], start: int, mark: Mark) -> bool:
    """Whether the stretch of ``mark`` starting at word ``start`` ends against
    unmarked text inside a word, or at the end of the text, rather than before
    a space or against the other mark (a replacement)."""
    for j in range(start, len(words)):
        for _, m in words[j].pieces:
            if m != mark:
                return m is None
        if j + 1 < len(words) and glue[j + 1] and words[j + 1].pieces[0][1] != mark:
            return False
    return True
