"""What ``redline check`` can check in an annex on its own: the footer figures
of each amended table against the rows the amendment changes.

An annex shows only some rows of a table, so its footer cannot be recounted.
But the *change* of each figure can be: a "Count of V" figure under a value
column must change by the number of rows shown gaining V there minus those
losing it (inserted, deleted and changed rows; context rows change nothing).
A row total must be the sum of its row's figures, and "Total Tests" the sum
of the "Count of" totals except N/A, in the new figures.

A figure that changes when no amended row explains it is a **correction** to
confirm: the drafter fixed a figure the baseline stated wrongly (MP089 struck
the RSA "Count of Mandatory" 16 and wrote 12). A figure that does not change
as the rows say, or new figures that do not add up, is an **error**. With
the baseline at hand (``check ANNEX --against 6.18``) the consolidated
version is checked in full instead, which settles both. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from redline import kinds
from redline.checks import check_table
from redline.model import Document, FooterRow, Table
from redline.text import canonical_value, counted_value, is_total_tests

Kind = Literal["correction", "error"]


@dataclass(frozen=True, slots=True)
class FigureFinding:
    """A footer figure of an amended table whose change the amended rows do not explain."""

    table: str
    row: str
    """The footer row's label."""
    column: str
    """The value column's name, or "Total"."""
    old: int
    new: int
    expected: int
    """What the rows shown (or, for a total, the row's new figures) make it."""
    kind: Kind
    reason: str


def _old(row: FooterRow) -> tuple[int, ...]:
    return row.old_figures if row.old_figures is not None else row.figures


def _figures(row: FooterRow, old: bool) -> tuple[int, ...]:
    """A row's figures before (``old``) or after the amendment; none on the side it is not on."""
    if (old and row.is_inserted) or (not old and row.is_deleted):
        return ()
    return _old(row) if old else row.figures


def _implied(table: Table, value: str, col: int) -> int:
    """Rows shown gaining ``value`` in column ``col`` minus rows losing it."""
    want = canonical_value(value)
    change = 0
    for r in table.rows:
        if col >= len(r.cells):
            continue
        cell = r.cells[col]
        change += (canonical_value(cell.text) == want) - (canonical_value(cell.old_text) == want)
    return change


def _count_row(table: Table, row: FooterRow, value: str) -> list[FigureFinding]:
    n = len(table.value_columns)
    new, old = row.figures, _old(row)
    if len(new) not in (n, n + 1) or len(old) != len(new):
        return []
    out: list[FigureFinding] = []
    number = table.number or ""
    for i, col in enumerate(table.value_columns):
        implied = _implied(table, value, col)
        if new[i] - old[i] == implied:
            continue
        name = table.column_name(col)
        if implied == 0:
            reason = "no amended row changes this count: a correction of the baseline's figure?"
            out.append(FigureFinding(number, row.label, name, old[i], new[i], old[i], "correction", reason))
        else:
            reason = f"the amended rows change this count by {implied:+d}, the figure by {new[i] - old[i]:+d}"
            out.append(FigureFinding(number, row.label, name, old[i], new[i], old[i] + implied, "error", reason))
    if len(new) == n + 1:
        out += _total(number, row.label, old[-1], new[-1], sum(old[:n]), sum(new[:n]), "the row's figures")
    return out


def _total(number: str, label: str, old: int, new: int, old_sum: int, new_sum: int, what: str) -> list[FigureFinding]:
    if new != new_sum:
        reason = f"{what} add up to {new_sum}"
        return [FigureFinding(number, label, "Total", old, new, new_sum, "error", reason)]
    if new != old and old != old_sum:
        reason = f"the baseline's {old} was not what {what} gave ({old_sum}): a correction to confirm"
        return [FigureFinding(number, label, "Total", old, new, new_sum, "correction", reason)]
    return []


def _grand_total(number: str, label: str, old: int, new: int, old_sum: int, new_sum: int) -> list[FigureFinding]:
    """Total Tests against the "Count of" rows the excerpt shows. An annex shows
    only the footer rows that change (MP089's Table 8.1.5 shows "Count of
    Mandatory" alone), so when the shown rows did not add up to the old figure
    either, the rows left out are the difference: then only the *change* can
    be checked, the total's against the shown rows' (unchanged rows change
    nothing). When they did add up to the old figure, they are all the rows,
    and the new figure must be their sum."""
    what = "the Count of rows' totals (N/A aside)"
    if new == new_sum or old == old_sum:
        return _total(number, label, old, new, old_sum, new_sum, what)
    if new - old == new_sum - old_sum:
        return []
    reason = f"{what} change by {new_sum - old_sum:+d}, the figure by {new - old:+d}"
    return [FigureFinding(number, label, "Total", old, new, old + new_sum - old_sum, "error", reason)]


def _row_total(row: FooterRow, n: int, old: bool) -> int:
    figures = _figures(row, old)
    return figures[-1] if len(figures) == n + 1 else sum(figures)


def _columns_changed(table: Table) -> tuple[int, int]:
    """How many value columns the excerpt inserts and strikes whole (their
    header inserted or struck): a footer row has a figure fewer or more on
    that side, and its row total is still its last figure."""
    if not table.header_rows:
        return 0, 0
    header = table.header_rows[-1]
    cells = [header[c] for c in table.value_columns if c < len(header)]
    inserted = sum(1 for c in cells if c.text and not c.old_text)
    removed = sum(1 for c in cells if c.old_text and not c.text)
    return inserted, removed


def check_table_amendment(table: Table) -> list[FigureFinding]:
    """The findings for one amended table (an excerpt, with its marks)."""
    out: list[FigureFinding] = []
    n = len(table.value_columns)
    counts = [(row, counted_value(row.label)) for row in table.footer]
    for row, value in counts:
        if value is not None and not row.is_inserted and not row.is_deleted:
            out += _count_row(table, row, value)
        elif value is not None and row.is_inserted and len(row.figures) == n + 1:
            new = row.figures
            out += _total(table.number or "", row.label, new[-1], new[-1], sum(new[:n]), sum(new[:n]), "its figures")
    uncounted = kinds.spec(table.kind).uncounted
    totals = [row for row, value in counts if value is not None and canonical_value(value) not in uncounted]
    for row in table.footer:
        if is_total_tests(row.label) and row.figures and _old(row) and totals:
            inserted, removed = _columns_changed(table)
            new_sum = sum(_row_total(r, n - removed, old=False) for r in totals)
            old_sum = sum(_row_total(r, n - inserted, old=True) for r in totals)
            out += _grand_total(table.number or "", row.label, _old(row)[-1], row.figures[-1], old_sum, new_sum)
    return out


def check_annex(annex: Document) -> list[FigureFinding]:
    """Every amended table's figures whose change its amended rows do not explain."""
    out: list[FigureFinding] = []
    for a in annex.amendments:
        if a.target.kind != "table" or a.verb != "amend":
            continue
        for block in a.blocks:
            if isinstance(block, Table) and block.footer and block.value_columns:
                out += check_table_amendment(block)
    return out


def confirmed(findings: list[FigureFinding], base: Document) -> dict[FigureFinding, int | None]:
    """For each correction, what the baseline's rows give for the figure when
    ``redline check`` of the baseline finds it stated wrongly (None: the baseline's
    figure agrees with its rows, so the correction is not one)."""
    out: dict[FigureFinding, int | None] = {}
    for f in findings:
        if f.kind != "correction":
            continue
        table = base.table(f.table)
        wrong = check_table(table).mismatches if table is not None else ()
        out[f] = next((m.computed for m in wrong if (m.row, m.column, m.stated) == (f.row, f.column, f.old)), None)
    return out
