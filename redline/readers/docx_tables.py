"""Fast reading of a plain table: one C-filtered pass over its elements.

Most of a full Appendix R is table cells (the IS DUIS matrix alone has ~1,700),
so the per-cell cost decides the speed of ``redline check``. A cell without
revisions, redline formatting, hidden text or text boxes has no marks to
keep: its text is simply its ``w:t`` text with tabs and breaks as spaces and
paragraphs joined by a space, then the normalisation both readers share
(normalise.py: dash spacing, ligatures, soft hyphens), as the full walk does;
the few cells with marks go to the full walk. This module reads a whole table
that way in a single ``iter`` over the few tags that matter, instead of a
function call and several look-ups per cell.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from redline.model import Cell, Run
from redline.ooxml.attrs import MAX_SPAN, on, small_int, symbol
from redline.ooxml.ns import (
    BREAKS,
    GRIDBEFORE,
    GRIDSPAN,
    NBHYPHEN,
    NUMPR,
    PROPERTY_CHANGES,
    PSTYLE,
    RSTYLE,
    SYM,
    TBL,
    TBLHEADER,
    TC,
    TR,
    VMERGE,
    P,
    T,
    W,
)
from redline.readers.normalise import is_settled, normalise_text
from redline.tables import RawCell, RawRow

_TAGS = (T, P, TC, TR, TBL, GRIDSPAN, VMERGE, TBLHEADER, GRIDBEFORE, NUMPR, PSTYLE, SYM, NBHYPHEN, *BREAKS)
_VAL = W + "val"
_PROPERTY_CHANGES = frozenset(PROPERTY_CHANGES)
_EMPTY = Cell("")


CACHE_MAX = 20000
"""Distinct cell texts kept per document (a full-size Appendix R has ~1,900 in 61,000 cells)."""


def _plain(parts: list[str], cache: dict[str, RawCell]) -> RawCell:
    """The plain cell (span 1, not merged) of these text pieces. Cells are frozen,
    so one object serves every cell with the same text: 35,000 "N/A" cells of a
    full-size Appendix R are then one lookup each, not a whitespace pass, a
    normalisation check and three new objects (a frozen dataclass is slow to make)."""
    raw = "".join(parts)
    found = cache.get(raw)
    if found is not None:
        return found
    text = " ".join(raw.split())
    if not is_settled(text):
        text = normalise_text(text)
    plain = RawCell(Cell(text, (Run(text),)) if text else _EMPTY)
    if len(cache) < CACHE_MAX:
        cache[raw] = plain
    return plain


def read_plain_table(
    tbl: etree._Element,
    numbered_styles: frozenset[str],
    count: Callable[[etree._Element], object],
    *,
    marks: tuple[str, ...] = (),
    marking_styles: frozenset[str] = frozenset(),
    full_cell: Callable[[etree._Element], Cell] | None = None,
    cache: dict[str, RawCell] | None = None,
) -> list[RawRow] | None:
    """The rows of ``tbl``, or None when the table needs the full walk (it
    nests a table, or records changed cell or row properties).

    A cell holding any of the ``marks`` tags (revisions, strike-through, a
    redline underline) or a run in one of the ``marking_styles`` is read by
    ``full_cell`` instead, so a tracked change costs the full walk of its cell
    only. ``count`` is called once per numbered paragraph in the table so that
    the caller's list counters stay in step with Word's.
    """
    mark_set = frozenset(marks)
    cells_by_text: dict[str, RawCell] = {} if cache is None else cache
    tags = (*_TAGS, *PROPERTY_CHANGES, *marks, *((RSTYLE,) if marking_styles else ()))
    rows: list[RawRow] = []
    cells: list[RawCell] | None = None
    parts: list[str] | None = None
    tc: etree._Element | None = None
    span, continued, header, dirty = 1, False, False, False
    counted: etree._Element | None = None

    def close() -> None:
        if cells is None or parts is None or tc is None:
            return
        if dirty and full_cell is not None:
            cells.append(RawCell(full_cell(tc), span, continued))
        else:
            plain = _plain(parts, cells_by_text)
            cells.append(plain if span == 1 and not continued else RawCell(plain.cell, span, continued))

    for el in tbl.iter(*tags):
        tag = el.tag
        if tag == T:
            if parts is not None and el.text:
                parts.append(el.text)
        elif tag == P:
            if parts is not None:
                parts.append(" ")
        elif tag == TC:
            close()
            parts, tc, span, continued, dirty = [], el, 1, False, False
        elif tag == TR:
            close()
            if cells is not None:
                rows.append(RawRow(tuple(cells), header))
            cells, parts, tc, header = [], None, None, False
        elif tag == GRIDSPAN:
            span = small_int(el.get(_VAL), low=1, high=MAX_SPAN) or 1
        elif tag == VMERGE:
            continued = el.get(_VAL, "continue") != "restart"
        elif tag == TBL:
            if el is not tbl:
                return None  # a nested table
        elif tag == TBLHEADER:
            header = on(el)
        elif tag == GRIDBEFORE:
            gap = small_int(el.get(_VAL), low=0, high=MAX_SPAN) or 0
            if cells is not None and gap > 0:
                cells.append(RawCell(_EMPTY, span=gap))
        elif tag in BREAKS:
            if parts is not None:
                parts.append(" ")
        elif tag == SYM:
            if parts is not None:
                parts.append(symbol(el.get(W + "char", "")))
        elif tag == NBHYPHEN:
            if parts is not None:
                parts.append("-")
        elif tag in (NUMPR, PSTYLE):
            if tag == PSTYLE and el.get(_VAL) not in numbered_styles:
                continue
            ppr = el.getparent()
            p = ppr.getparent() if ppr is not None else None
            if p is not None and p.tag == P and p is not counted:
                counted = p
                count(p)
        elif tag in _PROPERTY_CHANGES:
            return None  # the old properties sit beside the new: only the full walk tells them apart
        elif (tag in mark_set or (tag == RSTYLE and el.get(_VAL) in marking_styles)) and parts is not None:
            if full_cell is None:
                return None
            dirty = True
    close()
    if cells is not None:
        rows.append(RawRow(tuple(cells), header))
    return rows
