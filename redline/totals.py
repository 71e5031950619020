"""Footer figures that the rows do not give, in the tables an annex amends, and
the version with those figures corrected.

A drafter who changes a cell ("N/A" → "Mandatory") must recount the footer,
and MP089's drafter did (RSA "Count of Mandatory" 16 → 12). ``redline annex``
warns about every amended table whose new figures are not what its rows give
(:func:`wrong_totals`), and with ``--correct-totals`` plans the annex from the
new version with those figures recomputed (:func:`with_corrected_totals`), so
the annex strikes the stated figure and inserts the computed one. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from redline.checks import Mismatch, TableCheck, check_table, computed_footer
from redline.model import Cell, Document, FooterRow, Run, Section, Table
from redline.text import counted_value, is_total_tests

_DIGITS = re.compile(r"\d+")


def wrong_totals(doc: Document, tables: Iterable[str]) -> tuple[TableCheck, ...]:
    """The check of each of ``tables`` (numbers) in ``doc`` whose figures do not agree with its rows."""
    wanted = set(tables)
    out = []
    for t in doc.tables():
        if t.number in wanted and t.footer:
            result = check_table(t)
            if result.mismatches:
                out.append(result)
    return tuple(out)


def _cells(cells: tuple[Cell, ...], figures: tuple[int, ...]) -> tuple[Cell, ...]:
    it = iter(figures)

    def cell(c: Cell) -> Cell:
        text = _DIGITS.sub(lambda _: str(next(it)), c.text)
        return Cell(text, (Run(text),) if text else ())

    return tuple(cell(c) for c in cells)


def corrected_table(table: Table) -> Table:
    """The table with every footer figure its rows decide set to what they give
    (rows the rules cannot read are left as they are)."""
    n = len(table.value_columns)
    computed = {c.label: c for c in computed_footer(table)}
    footer: list[FooterRow] = []
    for row in table.footer:
        calc = computed.get(row.label)
        figures = row.figures
        if calc is not None and is_total_tests(row.label) and figures:
            figures = (*figures[:-1], calc.total or 0)
        elif calc is not None and counted_value(row.label) is not None and len(figures) in (n, n + 1):
            figures = calc.columns + ((calc.total or 0,) if len(figures) == n + 1 else ())
        found = sum(len(_DIGITS.findall(c.text)) for c in row.cells)
        if figures == row.figures or found != len(figures):
            footer.append(row)
        else:
            footer.append(FooterRow(row.label, figures, _cells(row.cells, figures), None))
    return replace(table, footer=tuple(footer))


def with_corrected_totals(doc: Document, tables: Iterable[str]) -> Document:
    """``doc`` with the footers of ``tables`` (numbers) recomputed from their rows."""
    wanted = set(tables)

    def section(s: Section) -> Section:
        if not any(isinstance(b, Table) and b.number in wanted for b in s.blocks):
            return s
        blocks = tuple(corrected_table(b) if isinstance(b, Table) and b.number in wanted else b for b in s.blocks)
        return replace(s, blocks=blocks)

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


def figure_name(m: Mismatch) -> str:
    """ "Count of Mandatory (CV)", "Count of Mandatory (total)", "Total Tests"."""
    if is_total_tests(m.row):
        return m.row
    return f"{m.row} ({m.column if m.column_index is not None else 'total'})"


def totals_lines(checks: Iterable[TableCheck], *, corrected: bool) -> list[str]:
    """One line per table for ``redline annex``: the figures stated and what the rows give."""
    lines = []
    for t in checks:
        figures = ", ".join(f"{figure_name(m)} {m.stated} → {m.computed}" for m in t.mismatches)
        if corrected:
            lines.append(f"corrected: Table {t.table}: footer figures set to what its rows give: {figures}")
        else:
            lines.append(
                f"warning: Table {t.table}: the new version's footer figures are not what its rows give"
                f" (stated → rows give): {figures}; --correct-totals writes the computed figures"
            )
    return lines
