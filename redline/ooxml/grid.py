"""A table row's cells on the table grid, read one way for the reader and the
amending writer alike: a cell's first grid column comes from the row's
``w:gridBefore`` and the spans (``w:gridSpan``) before it, and a cell inside a
vertical merge (``w:vMerge`` other than "restart") continues the cell above.

When the writer amends the cell the reader read as grid column 3, both must
count columns the same way, bounds included (:data:`~redline.ooxml.attrs.MAX_SPAN`).
"""

from __future__ import annotations

from lxml import etree

from redline.ooxml.attrs import MAX_SPAN, small_int, val
from redline.ooxml.ns import CUSTOMXML, GRIDBEFORE, GRIDSPAN, SDT, SDTCONTENT, TC, TCPR, TRPR, VMERGE


def children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    out: list[etree._Element] = []
    for el in parent:
        t = el.tag
        if t == tag:
            out.append(el)
        elif t == SDT:
            content = el.find(SDTCONTENT)
            if content is not None:
                out.extend(children(content, tag))
        elif t == CUSTOMXML:
            out.extend(children(el, tag))
    return out


def grid_before(trpr: etree._Element | None) -> int:
    """Grid columns left empty before the row's first cell."""
    if trpr is None:
        return 0
    return small_int(val(trpr.find(GRIDBEFORE)), low=0, high=MAX_SPAN) or 0


def span(tcpr: etree._Element | None) -> int:
    """Grid columns a cell covers."""
    if tcpr is None:
        return 1
    return small_int(val(tcpr.find(GRIDSPAN)), low=1, high=MAX_SPAN) or 1


def continued(tcpr: etree._Element | None) -> bool:
    """The cell continues a vertical merge (its text is the cell above's)."""
    vm = tcpr.find(VMERGE) if tcpr is not None else None
    return vm is not None and val(vm, "continue") != "restart"


def row_grid(tr: etree._Element) -> list[tuple[int, etree._Element]]:
    """(first grid column, ``w:tc``) of each cell of the row."""
    col = grid_before(tr.find(TRPR))
    out: list[tuple[int, etree._Element]] = []
    for tc in children(tr, TC):
        out.append((col, tc))
        col += span(tc.find(TCPR))
    return out
