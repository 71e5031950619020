"""Diff the tables of two versions: rows by key, cells by column, footers by label.

Which table and which row is which is decided in :mod:`redline.diff.match`
(tables by number, kind and User Role, then shared row keys; rows by key,
repeated keys by name). A matched row whose name changed
is *renamed* (its key and cells kept); one whose place among the other
matched rows changed is *moved*. Then come the cell changes, the footer
figures that follow from them (recomputed with :mod:`redline.checks`), the
figures the documents state, and each version's check results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from redline.checks import check_table, computed_footer, value_tallies
from redline.diff.match import (
    SETTINGS,
    MatchSettings,
    TableAlignment,
    align_table,
    align_tables,
    column_map,
    in_order,
    row_key,
)
from redline.diff.records import CellChange, ColumnRename, FooterChange, RowChange, TableChange
from redline.model import FooterRow, Row, Table
from redline.text import canonical_value, counted_value, footer_key, is_total_tests


def _text(row: Row, index: int) -> str:
    return row.cells[index].text if index < len(row.cells) else ""


def row_cell_changes(
    old: Table, new: Table, i: int, j: int, columns: dict[int, int]
) -> tuple[CellChange, ...]:
    """The value cells of old row ``i`` and new row ``j`` (one row, paired)
    that differ: compared as ``canonical_value``, so wrapping is no change,
    column by column through ``columns`` (:func:`column_map`), key and name
    left out (a rename is reported as one)."""
    skip = {c for c in (new.key_column, new.name_column) if c is not None}
    if new.key_column is None:
        skip.add(0)
    a, b = old.rows[i], new.rows[j]
    out: list[CellChange] = []
    for nc, oc in sorted(columns.items()):
        if nc in skip:
            continue
        before, after = _text(a, oc), _text(b, nc)
        if canonical_value(before) != canonical_value(after):
            moved_from = oc if oc != nc else None
            out.append(CellChange(row_key(new, b), b.name, new.column_name(nc), nc, before, after, moved_from, i, j))
    return tuple(out)


def _cell_changes(
    old: Table, new: Table, pairs: list[tuple[int, int]], columns: dict[int, int]
) -> tuple[CellChange, ...]:
    out: list[CellChange] = []
    same_layout = all(k == v for k, v in columns.items()) and len(columns) == len(old.columns)
    for i, j in sorted(pairs, key=lambda p: p[1]):
        if same_layout and old.rows[i].texts == new.rows[j].texts:
            continue  # the usual row: nothing changed
        out.extend(row_cell_changes(old, new, i, j, columns))
    return tuple(out)


def _value_names(t: Table) -> list[str]:
    return [t.column_name(c) for c in t.value_columns]


def _prints_total(t: Table, label: str) -> bool:
    """Whether the table's "Count of" row of that label prints a row total
    (one figure more than value columns); alert tables print none."""
    want = footer_key(label)
    return any(footer_key(f.label) == want and len(f.figures) == len(t.value_columns) + 1 for f in t.footer)


def count_changes(old: Table, new: Table, columns: dict[int, int] | None = None) -> tuple[FooterChange, ...]:
    """Footer figures recomputed from each version's rows that differ (a
    row total only where a version prints one). A "Count of" row new in
    this version is counted on the old rows too (0 → 2, not nothing → 2),
    and one that went is counted on the new rows (2 → 0). ``columns`` (new
    column → old, :func:`column_map` by default) lets a renamed column's
    counts follow it."""
    if columns is None:
        columns = column_map(old, new)
    before = {footer_key(c.label): c for c in computed_footer(old)}
    tallies = dict(zip(old.value_columns, value_tallies(old), strict=True))
    out: list[FooterChange] = []
    for calc in computed_footer(new):
        prev = before.get(footer_key(calc.label))
        value = counted_value(calc.label)
        for k, col in enumerate(new.value_columns):
            name = new.column_name(col)
            now = calc.columns[k] if k < len(calc.columns) else None
            was = None
            old_col = columns.get(col)
            if value is not None and old_col in tallies:
                was = tallies[old_col][canonical_value(value)]
            if was != now and not (was is None and not calc.columns):
                out.append(FooterChange(calc.label, name, col, was, now))
        if value is not None:
            was_total: int | None = sum(t[canonical_value(value)] for t in tallies.values())
        else:
            was_total = prev.total if prev is not None else None
        printed = is_total_tests(calc.label) or _prints_total(old, calc.label) or _prints_total(new, calc.label)
        if printed and was_total != calc.total:
            out.append(FooterChange(calc.label, "Total", None, was_total, calc.total))
    out.extend(_gone_rows(old, new, columns))
    return tuple(out)


def _gone_rows(old: Table, new: Table, columns: dict[int, int]) -> list[FooterChange]:
    """The "Count of" rows only the old version has, counted on the new rows."""
    now_labels = {footer_key(f.label) for f in new.footer}
    tallies = dict(zip(new.value_columns, value_tallies(new), strict=True))
    new_of_old = {i: j for j, i in columns.items() if j in tallies}
    out: list[FooterChange] = []
    for calc in computed_footer(old):
        value = counted_value(calc.label)
        if value is None or footer_key(calc.label) in now_labels:
            continue
        want = canonical_value(value)
        for k, col in enumerate(old.value_columns):
            new_col = new_of_old.get(col)
            if new_col is None:
                continue
            now = tallies[new_col][want]
            if calc.columns[k] != now:
                out.append(FooterChange(calc.label, new.column_name(new_col), new_col, calc.columns[k], now))
        total = sum(t[want] for t in tallies.values())
        if _prints_total(old, calc.label) and calc.total != total:
            out.append(FooterChange(calc.label, "Total", None, calc.total, total))
    return out


def _stated(t: Table, row: FooterRow) -> dict[tuple[str, int | None], int]:
    if is_total_tests(row.label):
        return {("Total", None): row.figures[-1]} if row.figures else {}
    out: dict[tuple[str, int | None], int] = {}
    for k, figure in enumerate(row.figures):
        if k < len(t.value_columns):
            out[(t.column_name(t.value_columns[k]), t.value_columns[k])] = figure
        else:
            out[("Total", None)] = figure
    return out


def stated_changes(
    old: Table, new: Table, columns: dict[int, int] | None = None, footer: Sequence[tuple[int, int]] | None = None
) -> tuple[FooterChange, ...]:
    """Footer figures as printed that differ between the versions (a renamed
    column's figures compared with its old self's); ``columns`` and ``footer``
    are the matcher's column and footer row pairs (made here when not given)."""
    if columns is None or footer is None:
        aligned = align_table(old, new)
        columns, footer = aligned.column_map, aligned.footer
    new_name = {i: new.column_name(j) for j, i in columns.items()}
    old_of_new = {j: i for i, j in footer}
    out: list[FooterChange] = []
    for k, row in enumerate(new.footer):
        prev = old.footer[old_of_new[k]] if k in old_of_new else None
        was = (
            {(name if col is None else new_name.get(col, name)): v for (name, col), v in _stated(old, prev).items()}
            if prev is not None
            else {}
        )
        for (name, col), now in _stated(new, row).items():
            if was.get(name) != now:
                out.append(FooterChange(row.label, name, col, was.get(name), now))
    return tuple(out)


def diff_table(
    old: Table, new: Table, aligned: TableAlignment | None = None, settings: MatchSettings = SETTINGS
) -> TableChange:
    """Everything that changed between two versions of one table; ``aligned``
    is the matcher's pairing of their rows, columns and footer rows (made
    here with ``settings`` when not given)."""
    if aligned is None:
        aligned = align_table(old, new, settings)
    pairs = list(aligned.rows)
    keep = in_order(pairs)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    added = tuple(
        RowChange("added", row_key(new, r), r.name, new_index=j, cells=r.texts)
        for j, r in enumerate(new.rows)
        if j not in paired_new
    )
    removed = tuple(
        RowChange("removed", row_key(old, r), r.name, old_index=i, cells=r.texts)
        for i, r in enumerate(old.rows)
        if i not in paired_old
    )
    renamed: list[RowChange] = []
    moved: list[RowChange] = []
    for i, j in sorted(pairs, key=lambda p: p[1]):
        a, b = old.rows[i], new.rows[j]
        if a.name != b.name:
            renamed.append(RowChange("renamed", row_key(new, b), b.name, a.name, i, j, b.texts))
        if (i, j) not in keep:
            moved.append(RowChange("moved", row_key(new, b), b.name, a.name, i, j, b.texts))
    columns = aligned.column_map
    cells = _cell_changes(old, new, pairs, columns)
    stated = stated_changes(old, new, columns, aligned.footer)
    columns_changed = len(columns) != len(new.columns) or len(columns) != len(old.columns)
    rows_changed = bool(added or removed or renamed or moved or cells or columns_changed)
    number = new.number or old.number or ""
    change = TableChange(
        table=number,
        change="renumbered" if old.number != new.number else "modified",
        old_number=old.number,
        new_number=new.number,
        title=new.title,
        kind=new.kind,
        role=new.role,
        rows_added=added,
        rows_removed=removed,
        rows_renamed=tuple(renamed),
        rows_moved=tuple(moved),
        cells_changed=cells,
        stated=stated,
        columns_added=tuple(new.columns[j] for j in range(len(new.columns)) if j not in columns),
        columns_removed=tuple(old.columns[i] for i in range(len(old.columns)) if i not in set(columns.values())),
        columns_renamed=tuple(
            ColumnRename(old.columns[i], new.columns[j], j, i)
            for j, i in sorted(columns.items())
            if old.columns[i] != new.columns[j]
        ),
    )
    if not (change.has_changes or rows_changed):
        return change  # nothing changed: no counts can have moved, and the checks are redline check's job
    return replace(
        change,
        counts=count_changes(old, new, columns) if rows_changed else (),
        check_old=check_table(old).mismatches if old.footer else (),
        check_new=check_table(new).mismatches if new.footer else (),
    )


def _whole(t: Table, change: str) -> TableChange:
    mismatches = check_table(t).mismatches if t.footer else ()
    if change == "added":
        return TableChange(t.number or "", "added", None, t.number, t.title, t.kind, t.role, check_new=mismatches)
    return TableChange(t.number or "", "removed", t.number, None, t.title, t.kind, t.role, check_old=mismatches)


def diff_tables(
    old: Sequence[Table],
    new: Sequence[Table],
    aligned: Sequence[TableAlignment] | None = None,
    settings: MatchSettings = SETTINGS,
) -> tuple[TableChange, ...]:
    """The changed tables, in new-document order (``aligned``: the matcher's
    alignment of them, made here with ``settings`` when not given)."""
    out: list[TableChange] = []
    for p in align_tables(old, new, settings) if aligned is None else aligned:
        if p.old is None and p.new is not None:
            out.append(_whole(new[p.new], "added"))
        elif p.new is None and p.old is not None:
            out.append(_whole(old[p.old], "removed"))
        elif p.old is not None and p.new is not None:
            change = diff_table(old[p.old], new[p.new], p)
            if change.has_changes:
                out.append(change)
    return tuple(out)


def table_number_map(
    old: Sequence[Table], new: Sequence[Table], aligned: Sequence[TableAlignment] | None = None
) -> dict[str, str]:
    """Old table number → the number the same table has now."""
    out: dict[str, str] = {}
    for p in align_tables(old, new) if aligned is None else aligned:
        if p.old is not None and p.new is not None:
            a, b = old[p.old].number, new[p.new].number
            if a is not None and b is not None:
                out[a] = b
    return out
