"""Merged header cells for the annex writers, recovered from the model's grid.

The model lays every header row out on the full grid: a cell spanning
columns is followed by empty cells, a vertically merged cell repeats in the
row below. Printing that grid as is gives a doubled "SR | SR" header and a
lone "Test Scenario" over ten empty boxes; this recovers the spans so the
DOCX and HTML writers can merge them again (gridSpan/vMerge, colspan/rowspan).

Pure: model cells in, placements out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline import kinds
from redline.model import Cell, Run, Table

if TYPE_CHECKING:
    from redline.annex.plan import AnnexPlan


@dataclass(frozen=True, slots=True)
class Placed:
    """A header cell and the block of grid cells it covers."""

    cell: Cell
    column: int
    span: int = 1
    rowspan: int = 1
    continued: bool = False
    """Covered by the cell above (HTML skips it; DOCX writes a vMerge continuation)."""


def _text(cell: Cell) -> str:
    return cell.text or "".join(r.text for r in cell.runs)


def header_layout(rows: tuple[tuple[Cell, ...], ...]) -> list[list[Placed]]:
    """Placements per header row: empty cells after a filled one in an upper
    row join it (a spanning group title); a cell repeating the one above with
    the same span joins it vertically."""
    if not rows:
        return []
    width = max(len(r) for r in rows)
    grid = [list(r) + [Cell("")] * (width - len(r)) for r in rows]
    spans: list[list[tuple[int, int]]] = []
    for i, row in enumerate(grid):
        starts: list[tuple[int, int]] = []
        lower = i < len(grid) - 1
        for c, cell in enumerate(row):
            below = grid[i + 1][c] if lower else None
            joins = (
                lower
                and starts
                and not _text(cell)
                and below is not None
                and _text(below)
                and c > starts[-1][0]
                and _text(row[starts[-1][0]])
            )
            if joins:
                col, span = starts[-1]
                starts[-1] = (col, span + 1)
            else:
                starts.append((c, 1))
        spans.append(starts)
    out: list[list[Placed]] = []
    for i, starts in enumerate(spans):
        placed = []
        for col, span in starts:
            cell = grid[i][col]
            above = next((p for p in out[-1] if p.column == col and p.span == span), None) if out else None
            continued = above is not None and _text(cell) != "" and _text(cell) == _text(above.cell)
            placed.append(Placed(cell, col, span, 1, continued))
        out.append(placed)
    return _rowspans(out)


def _rowspans(rows: list[list[Placed]]) -> list[list[Placed]]:
    """Count how many rows each starting cell covers."""
    result: list[list[Placed]] = [list(r) for r in rows]
    for i, row in enumerate(result):
        for k, p in enumerate(row):
            if p.continued:
                continue
            depth = 1
            for lower in result[i + 1 :]:
                if any(q.column == p.column and q.span == p.span and q.continued for q in lower):
                    depth += 1
                else:
                    break
            if depth > 1:
                result[i][k] = Placed(p.cell, p.column, p.span, depth, False)
    return result


def cell_runs(cell: Cell) -> tuple[Run, ...]:
    """A cell's runs (one plain run when the model kept only text)."""
    return cell.runs or ((Run(cell.text),) if cell.text else ())


def _edge_is_space(text: str, *, end: bool) -> bool:
    if not text:
        return True
    return (text[-1] if end else text[0]).isspace()


def separate_replacements(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Put a plain space between a struck word and the word that replaces it
    ("100" struck + "99", "SMETS2+" struck + "SMETS1"), so print does not run
    them together as "10099". Only where whole words are replaced: the space
    then only doubles one already there, which every reader normalises away,
    so the accepted and rejected texts stay exactly the same."""
    out: list[Run] = []
    for i, run in enumerate(runs):
        out.append(run)
        if run.mark != "delete" or i + 1 >= len(runs) or runs[i + 1].mark != "insert":
            continue
        before = runs[i - 1].text if i > 0 else ""
        after = runs[i + 2].text if i + 2 < len(runs) else ""
        inserted = runs[i + 1].text
        if (
            _edge_is_space(before, end=True)
            and _edge_is_space(after, end=False)
            and not _edge_is_space(run.text, end=True)
            and not _edge_is_space(inserted, end=False)
        ):
            out.append(Run(" "))
    return tuple(out)


def rotated_columns(table: Table) -> frozenset[int]:
    """Columns whose header the real annexes print turned on its side: the
    table kind's rule (:attr:`redline.kinds.KindSpec.rotated`)."""
    return kinds.spec(table.kind).rotated(table)


def document_name(plan: AnnexPlan) -> str:
    """What the document is, for its page header and title property: an annex, or a
    full copy with the changes marked (which is not an annex)."""
    if plan.full:
        against = f" against SEC Version {plan.against}" if plan.against else ""
        return f"{plan.document_title} – full text with the changes{against} marked (not an annex)"
    return f"{plan.heading[0]} – Annex A"
