"""Diff the tables of two versions: rows by key, cells by column, footers by label.

Tables are matched by number first, then (for a renumbered table) by kind
and User Role, then by how many row keys they share. Rows are matched by
key; where a key repeats (two ``8.14.3`` rows) the rows are paired by name,
exact names first, then the most similar. A matched row whose name changed
is *renamed* (its key and cells kept); one whose place among the other
matched rows changed is *moved*. Then come the cell changes, the footer
figures that follow from them (recomputed with :mod:`redline.checks`), the
figures the documents state, and each version's check results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from redline.checks import check_table, computed_footer, counted_value, value_tallies
from redline.diff.columns import pair_columns
from redline.diff.records import CellChange, FooterChange, RowChange, TableChange
from redline.diff.sections import in_order
from redline.diff.words import similarity
from redline.model import FooterRow, Row, Table
from redline.tables import canonical_value

TABLE_KEY_OVERLAP = 0.5
NAME_SIMILARITY = 0.5


@dataclass(frozen=True, slots=True)
class TablePair:
    old: int | None
    new: int | None


def row_key(table: Table, row: Row) -> str:
    """The row's key; for a table without a key column, its first cell."""
    if row.key or table.key_column is not None:
        return row.key
    return row.cells[0].text if row.cells else ""


def _row_label(table: Table, row: Row) -> str:
    """What tells rows with one key apart: the name, or the whole row."""
    if table.name_column is not None:
        return row.name
    return " | ".join(row.texts)


def _keys(t: Table) -> set[str]:
    return {row_key(t, r) for r in t.rows}


def match_tables(old: Sequence[Table], new: Sequence[Table]) -> list[TablePair]:
    """Pairs of the same table in both versions, plus the unmatched ones
    (``old`` or ``new`` None), in new-document order."""
    old_free = set(range(len(old)))
    new_free = set(range(len(new)))
    pairs: list[TablePair] = []

    def take(i: int, j: int) -> None:
        old_free.discard(i)
        new_free.discard(j)
        pairs.append(TablePair(i, j))

    def same_role(a: Table, b: Table) -> bool:
        return a.role is None or b.role is None or a.role == b.role

    for i in sorted(old_free):
        for j in sorted(new_free):
            a, b = old[i], new[j]
            if a.number is not None and a.number == b.number and a.kind == b.kind and same_role(a, b):
                take(i, j)
                break
    for i in sorted(old_free):
        if old[i].role is None:
            continue
        same = [j for j in sorted(new_free) if new[j].kind == old[i].kind and new[j].role == old[i].role]
        if len(same) == 1:
            take(i, same[0])
    scored = []
    for i in old_free:
        for j in new_free:
            if old[i].kind != new[j].kind:
                continue
            ka, kb = _keys(old[i]), _keys(new[j])
            overlap = len(ka & kb) / len(ka | kb) if ka | kb else 0.0
            if overlap >= TABLE_KEY_OVERLAP:
                scored.append((-overlap, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i in old_free and j in new_free:
            take(i, j)
    for i in sorted(old_free):
        for j in sorted(new_free):
            if old[i].number is not None and old[i].number == new[j].number:
                take(i, j)
                break
    # Unnumbered tables (a document without numbered headings) left over on
    # both sides, as many in each: the same tables in the same order.
    lone_old = [i for i in sorted(old_free) if old[i].number is None]
    lone_new = [j for j in sorted(new_free) if new[j].number is None]
    if len(lone_old) == len(lone_new):
        for i, j in zip(lone_old, lone_new, strict=True):
            if old[i].kind == new[j].kind:
                take(i, j)
    pairs.extend(TablePair(None, j) for j in new_free)
    ordered = sorted((p for p in pairs if p.new is not None), key=lambda p: p.new or 0)
    for p in sorted((TablePair(i, None) for i in old_free), key=lambda p: p.old or 0):
        # a removed table goes after the new table that follows its old neighbour
        assert p.old is not None
        before = [q for q in ordered if q.old is not None and q.old < p.old]
        at = ordered.index(before[-1]) + 1 if before else 0
        ordered.insert(at, p)
    return ordered


def pair_rows(old: Table, new: Table) -> list[tuple[int, int]]:
    """(old index, new index) of the rows that are the same row in both."""
    olds: dict[str, list[int]] = {}
    news: dict[str, list[int]] = {}
    for i, r in enumerate(old.rows):
        olds.setdefault(row_key(old, r), []).append(i)
    for j, r in enumerate(new.rows):
        news.setdefault(row_key(new, r), []).append(j)
    pairs: list[tuple[int, int]] = []
    for key, a in olds.items():
        b = news.get(key)
        if not b:
            continue
        if len(a) == 1 and len(b) == 1:
            pairs.append((a[0], b[0]))
            continue
        pairs.extend(_pair_same_key(old, new, a, list(b)))
    return sorted(pairs)


def _pair_same_key(old: Table, new: Table, a: list[int], b: list[int]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    left: list[int] = []
    for i in a:
        label = _row_label(old, old.rows[i])
        exact = next((j for j in b if _row_label(new, new.rows[j]) == label), None)
        if exact is None:
            left.append(i)
        else:
            pairs.append((i, exact))
            b.remove(exact)
    if len(left) == 1 and len(b) == 1:
        return [*pairs, (left[0], b[0])]
    scored = []
    for i in left:
        for j in b:
            sim = similarity(_row_label(old, old.rows[i]), _row_label(new, new.rows[j]))
            if sim >= NAME_SIMILARITY:
                scored.append((-sim, abs(i - j), i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def column_map(old: Table, new: Table) -> dict[int, int]:
    """New column index → old column index of the column with that header."""
    if old.columns == new.columns:
        return {j: j for j in range(len(new.columns))}
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for j, name in enumerate(new.columns):
        i = next((k for k, c in enumerate(old.columns) if c == name and k not in used), None)
        if i is not None:
            mapping[j] = i
            used.add(i)
    return mapping


def _text(row: Row, index: int) -> str:
    return row.cells[index].text if index < len(row.cells) else ""


def _cell_changes(
    old: Table, new: Table, pairs: list[tuple[int, int]], columns: dict[int, int]
) -> tuple[CellChange, ...]:
    skip = {c for c in (new.key_column, new.name_column) if c is not None}
    if new.key_column is None:
        skip.add(0)
    out: list[CellChange] = []
    same_layout = all(k == v for k, v in columns.items()) and len(columns) == len(old.columns)
    ordered = sorted(columns.items())
    for i, j in sorted(pairs, key=lambda p: p[1]):
        a, b = old.rows[i], new.rows[j]
        if same_layout and a.texts == b.texts:
            continue  # the usual row: nothing changed
        for nc, oc in ordered:
            if nc in skip:
                continue
            before, after = _text(a, oc), _text(b, nc)
            if canonical_value(before) != canonical_value(after):
                moved_from = oc if oc != nc else None
                out.append(
                    CellChange(row_key(new, b), b.name, new.column_name(nc), nc, before, after, moved_from, i, j)
                )
    return tuple(out)


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _value_names(t: Table) -> list[str]:
    return [t.column_name(c) for c in t.value_columns]


def is_total_tests_label(label: str) -> bool:
    return _label(label).startswith("total tests")


def _prints_total(t: Table, label: str) -> bool:
    """Whether the table's "Count of" row of that label prints a row total
    (one figure more than value columns); alert tables print none."""
    want = _label(label)
    return any(_label(f.label) == want and len(f.figures) == len(t.value_columns) + 1 for f in t.footer)


def count_changes(old: Table, new: Table, columns: dict[int, int] | None = None) -> tuple[FooterChange, ...]:
    """Footer figures recomputed from each version's rows that differ (a
    row total only where a version prints one). A "Count of" row new in
    this version is counted on the old rows too (0 → 2, not nothing → 2),
    and one that went is counted on the new rows (2 → 0). ``columns`` (new
    column → old column, :func:`redline.diff.columns.pair_columns` by
    default) lets a renamed column's counts follow it."""
    if columns is None:
        columns = pair_columns(old.columns, new.columns).mapping
    before = {_label(c.label): c for c in computed_footer(old)}
    tallies = dict(zip(old.value_columns, value_tallies(old), strict=True))
    out: list[FooterChange] = []
    for calc in computed_footer(new):
        prev = before.get(_label(calc.label))
        value = counted_value(FooterRow(calc.label, ()))
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
        printed = is_total_tests_label(calc.label) or _prints_total(old, calc.label) or _prints_total(new, calc.label)
        if printed and was_total != calc.total:
            out.append(FooterChange(calc.label, "Total", None, was_total, calc.total))
    out.extend(_gone_rows(old, new, columns))
    return tuple(out)


def _gone_rows(old: Table, new: Table, columns: dict[int, int]) -> list[FooterChange]:
    """The "Count of" rows only the old version has, counted on the new rows."""
    now_labels = {_label(f.label) for f in new.footer}
    tallies = dict(zip(new.value_columns, value_tallies(new), strict=True))
    new_of_old = {i: j for j, i in columns.items() if j in tallies}
    out: list[FooterChange] = []
    for calc in computed_footer(old):
        value = counted_value(FooterRow(calc.label, ()))
        if value is None or _label(calc.label) in now_labels:
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
    if row.label.strip().casefold().startswith("total tests"):
        return {("Total", None): row.figures[-1]} if row.figures else {}
    out: dict[tuple[str, int | None], int] = {}
    for k, figure in enumerate(row.figures):
        if k < len(t.value_columns):
            out[(t.column_name(t.value_columns[k]), t.value_columns[k])] = figure
        else:
            out[("Total", None)] = figure
    return out


def stated_changes(old: Table, new: Table, columns: dict[int, int] | None = None) -> tuple[FooterChange, ...]:
    """Footer figures as printed that differ between the versions (a renamed
    column's figures compared with its old self's)."""
    if columns is None:
        columns = pair_columns(old.columns, new.columns).mapping
    new_name = {i: new.column_name(j) for j, i in columns.items()}
    before = {_label(f.label): f for f in old.footer}
    out: list[FooterChange] = []
    for row in new.footer:
        prev = before.get(_label(row.label))
        was = (
            {(name if col is None else new_name.get(col, name)): v for (name, col), v in _stated(old, prev).items()}
            if prev is not None
            else {}
        )
        for (name, col), now in _stated(new, row).items():
            if was.get(name) != now:
                out.append(FooterChange(row.label, name, col, was.get(name), now))
    return tuple(out)


def diff_table(old: Table, new: Table) -> TableChange:
    """Everything that changed between two versions of one table."""
    pairs = pair_rows(old, new)
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
    pairing = pair_columns(old.columns, new.columns)
    columns = pairing.mapping
    cells = _cell_changes(old, new, pairs, columns)
    stated = stated_changes(old, new, columns)
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
        columns_added=tuple(new.columns[j] for j in pairing.added),
        columns_removed=tuple(old.columns[i] for i in pairing.removed),
        columns_renamed=pairing.renamed,
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


def diff_tables(old: Sequence[Table], new: Sequence[Table]) -> tuple[TableChange, ...]:
    """The changed tables, in new-document order."""
    out: list[TableChange] = []
    for p in match_tables(old, new):
        if p.old is None and p.new is not None:
            out.append(_whole(new[p.new], "added"))
        elif p.new is None and p.old is not None:
            out.append(_whole(old[p.old], "removed"))
        elif p.old is not None and p.new is not None:
            change = diff_table(old[p.old], new[p.new])
            if change.has_changes:
                out.append(change)
    return tuple(out)


def table_number_map(old: Sequence[Table], new: Sequence[Table]) -> dict[str, str]:
    """Old table number → the number the same table has now."""
    out: dict[str, str] = {}
    for p in match_tables(old, new):
        if p.old is not None and p.new is not None:
            a, b = old[p.old].number, new[p.new].number
            if a is not None and b is not None:
                out[a] = b
    return out
