"""Fast reading of a plain table: one C-filtered pass over its elements.

Most of a full Appendix R is table cells (the IS DUIS matrix alone has ~1,700),
so the per-cell cost decides the speed of ``redline check``. When the
document has no revisions, redline formatting, hidden text or text boxes
(see ``docx.read_docx``), a cell's text is simply its ``w:t`` text with tabs
and breaks as spaces and paragraphs joined by a space. This module reads a
whole table that way in a single ``iter`` over the few tags that matter,
instead of a function call and several look-ups per cell.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from redline.model import Cell, Run
from redline.readers.docx_xml import (
    BREAKS,
    GRIDBEFORE,
    GRIDSPAN,
    NBHYPHEN,
    NUMPR,
    PSTYLE,
    SYM,
    TBL,
    TBLHEADER,
    TC,
    TR,
    VMERGE,
    P,
    T,
    W,
    on,
    symbol,
)
from redline.tables import RawCell, RawRow

_TAGS = (T, P, TC, TR, TBL, GRIDSPAN, VMERGE, TBLHEADER, GRIDBEFORE, NUMPR, PSTYLE, SYM, NBHYPHEN, *BREAKS)
_VAL = W + "val"
_EMPTY = Cell("")


def _cell(parts: list[str]) -> Cell:
    text = " ".join("".join(parts).split())
    return Cell(text, (Run(text),) if text else ()) if text else _EMPTY


def read_plain_table(
    tbl: etree._Element, numbered_styles: frozenset[str], count: Callable[[etree._Element], object]
) -> list[RawRow] | None:
    """The rows of ``tbl``, or None when it nests a table (the full walk flattens those).

    ``count`` is called once per numbered paragraph in the table so that the
    caller's list counters stay in step with Word's.
    """
    rows: list[RawRow] = []
    cells: list[RawCell] | None = None
    parts: list[str] | None = None
    span, continued, header = 1, False, False
    counted: etree._Element | None = None
    for el in tbl.iter(*_TAGS):
        tag = el.tag
        if tag == T:
            if parts is not None and el.text:
                parts.append(el.text)
        elif tag == P:
            if parts is not None:
                parts.append(" ")
        elif tag == TC:
            if parts is not None and cells is not None:
                cells.append(RawCell(_cell(parts), span, continued))
            parts, span, continued = [], 1, False
        elif tag == TR:
            if parts is not None and cells is not None:
                cells.append(RawCell(_cell(parts), span, continued))
            if cells is not None:
                rows.append(RawRow(tuple(cells), header))
            cells, parts, header = [], None, False
        elif tag == GRIDSPAN:
            value = el.get(_VAL, "1")
            span = max(1, int(value)) if value.isdigit() else 1
        elif tag == VMERGE:
            continued = el.get(_VAL, "continue") != "restart"
        elif tag == TBL:
            if el is not tbl:
                return None  # a nested table
        elif tag == TBLHEADER:
            header = on(el)
        elif tag == GRIDBEFORE:
            value = el.get(_VAL, "0")
            if cells is not None and value.isdigit() and int(value) > 0:
                cells.append(RawCell(_EMPTY, span=int(value)))
        elif tag in BREAKS:
            if parts is not None:
                parts.append(" ")
        elif tag == SYM:
            if parts is not None:
                parts.append(symbol(el.get(W + "char", "")))
        elif tag == NBHYPHEN:
            if parts is not None:
                parts.append("-")
        elif tag == NUMPR or el.get(_VAL) in numbered_styles:
            ppr = el.getparent()
            p = ppr.getparent() if ppr is not None else None
            if p is not None and p.tag == P and p is not counted:
                counted = p
                count(p)
    if parts is not None and cells is not None:
        cells.append(RawCell(_cell(parts), span, continued))
    if cells is not None:
        rows.append(RawRow(tuple(cells), header))
    return rows
