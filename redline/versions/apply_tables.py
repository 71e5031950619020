"""Plan the edits an annex's "Amend Table X as follows:" makes to the baseline table.

An annex table, like MP089's, shows only some rows: inserted rows (every
cell underlined), deleted rows (every cell struck), changed rows (some cells
struck and retyped) and unchanged rows for context, then the footer rows with
changed figures struck and retyped. It often has no header row, so its own
column analysis cannot be trusted: every row is laid on the *baseline*
table's columns, and the baseline's key and name columns identify it.

A changed, deleted or context row must be found in the baseline with exactly
its old cells (values compared as ``canonical_value``); otherwise it is a
mismatch, reported with the row's key and the cells that differ. An inserted
row goes between its neighbours in the annex, in key order. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from redline.instructions import is_elided_row
from redline.model import Cell, FooterRow, Table, normalise
from redline.text import canonical_value, natural_key
from redline.versions.edits import ColumnEdit, Edit, FooterEdit, FooterRowEdit, RowEdit, loose_cells


@dataclass(frozen=True, slots=True)
class Mismatch:
    """An amendment that does not fit the baseline: nothing to apply it to."""

    instruction: str
    location: str
    """"Table 8.1.10 row 8.4 (Update Inventory)", "Section 5.4 paragraph 3"."""
    problem: str
    expected: str = ""
    """What the annex says the baseline holds (its struck/old text)."""
    found: str = ""
    """What the baseline holds there, when there is a nearest candidate."""


@dataclass(frozen=True, slots=True)
class _AnnexRow:
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def inserted(self) -> bool:
        return not any(self.old) and any(self.new)

    @property
    def deleted(self) -> bool:
        return any(self.old) and not any(self.new)

    @property
    def changed(self) -> bool:
        """The annex changes the row: its old and new cells differ in anything but
        spacing (a quote, a dash, a letter's case is a change, though ``loose`` folds it)."""
        return tuple(map(normalise, self.old)) != tuple(map(normalise, self.new))


@dataclass(frozen=True, slots=True)
class ColumnChanges:
    """The columns an annex table inserts and deletes, by its own grid index: a column
    whose header cell is typed in (underlined) and under which nothing is struck, or
    whose header cell is struck and under which nothing is typed. The annex shows
    the baseline's columns and these (an inserted one in its new place, a deleted
    one struck in its old place)."""

    inserted: tuple[int, ...] = ()
    deleted: tuple[int, ...] = ()

    def old(self, texts: Sequence[str]) -> list[str]:
        """A row's old cells on the baseline's columns (the inserted columns left out)."""
        return [t for i, t in enumerate(texts) if i not in self.inserted]

    def new(self, texts: Sequence[str]) -> list[str]:
        """A row's new cells on the amended table's columns (the deleted ones left out)."""
        return [t for i, t in enumerate(texts) if i not in self.deleted]

    def shifted(self, by: int) -> ColumnChanges:
        """The same columns for cells that start ``by`` grid columns in (a footer row's after its label)."""
        return ColumnChanges(tuple(k - by for k in self.inserted if k >= by),
                             tuple(k - by for k in self.deleted if k >= by))

    def __bool__(self) -> bool:
        return bool(self.inserted or self.deleted)

    def kept(self, old: Sequence[str], new: Sequence[str]) -> list[str]:
        """A row's new cells on the baseline's columns: a deleted column keeps its old
        text (the column goes as a whole, after the row edits)."""
        out = [o if i in self.deleted else n for i, (o, n) in enumerate(zip(old, new, strict=False))]
        out += list(new[len(old):])
        return [t for i, t in enumerate(out) if i not in self.inserted]


def column_changes(annex_tables: Sequence[Table], base: Table) -> ColumnChanges:
    """The columns the annex tables insert and delete (:class:`ColumnChanges`)."""
    header = [h for t in annex_tables for h in t.header_rows]
    rows = [*header, *(r.cells for t in annex_tables for r in t.rows)]
    if not header:
        return ColumnChanges()
    width = max(len(r) for r in rows)

    def column(k: int) -> list[Cell]:
        return [r[k] for r in rows if k < len(r)]

    def typed(c: Cell) -> bool:
        return not c.old_text and bool(c.text) and any(r.mark == "insert" for r in c.runs)

    def struck(c: Cell) -> bool:
        return bool(c.old_text) and not c.text and any(r.mark == "delete" for r in c.runs)

    inserted = tuple(k for k in range(width) if any(typed(h[k]) for h in header if k < len(h))
                     and not any(c.old_text for c in column(k)))
    deleted = tuple(k for k in range(width) if any(struck(h[k]) for h in header if k < len(h))
                    and not any(c.text for c in column(k)))
    if width - len(inserted) != len(base.columns):
        return ColumnChanges()  # not the baseline's columns plus these: the rows are reported one by one
    return ColumnChanges(inserted, deleted)


def _texts(cells: Sequence[Cell], width: int, cols: ColumnChanges = ColumnChanges()) -> _AnnexRow | None:
    old = cols.old([c.old_text for c in cells])
    new = cols.kept([c.old_text for c in cells], [c.text for c in cells])
    while len(old) > width and not old[-1] and not new[-1]:
        old.pop()
        new.pop()
    if len(old) > width:
        return None
    pad = [""] * (width - len(old))
    return _AnnexRow(tuple(old + pad), tuple(new + pad))


def _is_header(cells: Sequence[Cell], base: Table, cols: ColumnChanges = ColumnChanges()) -> bool:
    texts = loose_cells(cols.kept([c.old_text for c in cells], [c.text for c in cells]))
    return any(texts[: len(h)] == loose_cells([c.text for c in h])[: len(texts)] for h in base.header_rows)


def annex_rows(
    annex_tables: Sequence[Table], base: Table, cols: ColumnChanges = ColumnChanges()
) -> list[tuple[Cell, ...]]:
    """Every row the annex shows, header rows that are really body rows included."""
    rows: list[tuple[Cell, ...]] = []
    for t in annex_tables:
        rows.extend(h for h in t.header_rows if not _is_header(h, base, cols))
        rows.extend(r.cells for r in t.rows)
    return rows


def _cell(texts: tuple[str, ...], index: int | None) -> str:
    return normalise(texts[index]) if index is not None and index < len(texts) else ""


def _closest(base: Table, row: _AnnexRow) -> tuple[int, list[int]] | None:
    """The baseline row with the annex row's key (and name if possible), and the columns that differ."""
    key = _cell(row.old, base.key_column)
    name = _cell(row.old, base.name_column)
    best: tuple[int, list[int]] | None = None
    for i, r in enumerate(base.rows):
        if r.key != key:
            continue
        diff = [c for c, (a, b) in enumerate(zip(loose_cells(row.old), loose_cells(r.texts), strict=False)) if a != b]
        if best is None or len(diff) < len(best[1]) or r.name == name:
            best = (i, diff)
    return best


def _insert_at(base: Table, key: str, lower: int, upper: int, after_shown: bool) -> int:
    """Where an inserted row goes between the rows the annex shows around it (``lower``
    to ``upper``): in key order when the baseline's rows there are in key order (a DUIS
    matrix); otherwise (Device Alert codes are not) right after the row the annex shows
    before it (``after_shown``), or else right before the one it shows after it."""
    keys = [natural_key(base.rows[i].key) for i in range(lower, upper)]
    if any(a > b for a, b in pairwise(keys)):
        return lower if after_shown else upper
    for i in range(lower, upper):
        if natural_key(base.rows[i].key) > natural_key(key):
            return i
    return upper


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _word_space(text: str, i: int) -> bool:
    return text[i] == " " and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def wrapped_alike(a: str, b: str) -> bool:
    """``a`` and ``b`` differ only in spaces inside words: how a PDF wraps a narrow cell
    ("Mandato ry SMETS 2", "RS A"). Nothing else is folded: "8.11" is not "8.1.1", and
    "Update - Fault" is not "Update- Fault" (a space beside a dash is typed)."""
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        elif i < len(a) and _word_space(a, i):
            i += 1
        elif j < len(b) and _word_space(b, j):
            j += 1
        else:
            return False
    return True


def _spelling(base: Table) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """Write cells as the baseline spells the same value in that column when a PDF annex
    wrapped them mid-word (:func:`wrapped_alike`); the wrapped text should not be copied
    into the consolidated version. Only that: folding punctuation too (``loose``) made
    "8.11" the column's "8.1.1" and dropped typography-only renames (issue 18)."""
    known: dict[tuple[int, str], str] = {}
    for r in base.rows:
        for col, cell in enumerate(r.cells):
            if cell.text:
                known.setdefault((col, _unspaced(cell.text)), cell.text)

    def one(col: int, text: str) -> str:
        found = known.get((col, _unspaced(text)))
        return found if found is not None and wrapped_alike(text, found) else text

    def respell(cells: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(one(i, t) for i, t in enumerate(cells))

    return respell


def plan_table(instruction: str, base: Table, annex_tables: Sequence[Table]) -> tuple[list[Edit], list[Mismatch]]:
    number = base.number or ""
    width = len(base.columns)
    respell = _spelling(base)
    edits: list[Edit] = []
    mismatches: list[Mismatch] = []
    rows: list[_AnnexRow] = []
    cols = column_changes(annex_tables, base)
    annex_width = len(base.columns) + len(cols.inserted)
    remaining: list[tuple[Cell, ...]] = []
    """The rows of the amended table as the annex shows them (for an inserted column's cells)."""
    for cells in annex_rows(annex_tables, base, cols):
        row = _texts(cells, width, cols)
        if row is None:
            shown = " | ".join(c.text for c in cells)
            mismatches.append(
                Mismatch(instruction, f"Table {number}", f"row has {len(cells)} cells, table has {width}", shown)
            )
        elif is_elided_row(row.old) and is_elided_row(row.new):
            continue  # "…" standing for rows the annex leaves out: the baseline's rows stay
        elif any(row.old) or any(row.new):
            rows.append(row)
            if not row.deleted:
                remaining.append(cells)
    # First pass: find every row that must already be there.
    at: list[int | None] = []
    used: set[int] = set()
    base_cells = [loose_cells(r.texts) for r in base.rows]
    for row in rows:
        if row.inserted:
            at.append(None)
            continue
        want = loose_cells(row.old)
        found = [i for i, cells in enumerate(base_cells) if cells == want and i not in used]
        after = [i for i in found if not at or i > max((x for x in at if x is not None), default=-1)]
        pick: int | None = (after or found)[0] if found else None
        at.append(pick)
        if pick is None:
            mismatches.append(_row_mismatch(instruction, base, row))
            continue
        used.add(pick)
        r = base.rows[pick]
        if row.deleted:
            edits.append(RowEdit(number, pick, "delete", r.key, r.name, r.texts, (), base.columns))
        elif row.changed:
            new = respell(_unmarked_as_baseline(row, r.texts))
            key, name = _cell(new, base.key_column), _cell(new, base.name_column)
            edits.append(RowEdit(number, pick, "replace", key, name, r.texts, new, base.columns))
    # Second pass: place inserted rows between their matched neighbours, in key order.
    for n, row in enumerate(rows):
        if not row.inserted:
            continue
        lower = max((x + 1 for x in at[:n] if x is not None), default=0)
        upper = min((x for x in at[n + 1 :] if x is not None), default=len(base.rows))
        new = respell(tuple(normalise(t) for t in row.new))
        key, name = _cell(new, base.key_column), _cell(new, base.name_column)
        if any(r.key == key and r.name == name and i not in used for i, r in enumerate(base.rows)):
            where = f"Table {base.number} row {key}" + (f" ({name})" if name else "")
            mismatches.append(Mismatch(instruction, where, "inserted row is already in the baseline", " | ".join(new)))
            continue
        shown_before = any(x is not None for x in at[:n])
        index = _insert_at(base, key, lower, max(lower, upper), shown_before)
        edits.append(RowEdit(number, index, "insert", key, name, (), new, base.columns))
    footer = [f for t in annex_tables for f in t.footer]
    known = {canonical_value(f.label) for f in base.footer}
    for n, f in enumerate(footer):
        if canonical_value(f.label) not in known and f.figures:
            # A footer row the baseline lacks (a new "Count of Mandatory SMETS1"): it goes
            # before the next annex footer row the baseline has. Its figures are checked after.
            following = [g.label for g in footer[n + 1 :] if canonical_value(g.label) in known]
            edits.append(FooterRowEdit(number, "insert", f.label, f.figures, following[0] if following else None))
            continue
        old_figures, figures = f.old_figures, f.figures
        if cols:
            on = cols.shifted(annex_width - len(f.cells))
            old_cells = on.old([c.old_text for c in f.cells])
            new_cells = on.kept([c.old_text for c in f.cells], [c.text for c in f.cells])
            old_figures, figures = _figures(old_cells), _figures(new_cells)
        edit_list, problem = _plan_footer(instruction, base, f.label, old_figures, figures)
        edits.extend(edit_list)
        mismatches.extend(problem)
    if cols:
        column_edits, problem = _plan_columns(
            instruction, base, annex_tables, cols, remaining, footer,
            len(base.rows) + sum(r.inserted for r in rows) - sum(r.deleted for r in rows),
        )
        edits.extend(column_edits)
        mismatches.extend(problem)
    return edits, mismatches


def _figures(texts: Sequence[str]) -> tuple[int, ...]:
    return tuple(int(x) for t in texts for x in re.findall(r"\d+", t))


def _plan_columns(
    instruction: str,
    base: Table,
    annex_tables: Sequence[Table],
    cols: ColumnChanges,
    shown: Sequence[tuple[Cell, ...]],
    footer: Sequence[FooterRow],
    rows_after: int,
) -> tuple[list[Edit], list[Mismatch]]:
    """The annex's inserted and deleted columns as edits. An inserted column needs its
    cell in every row of the amended table, so the annex must show every row."""
    number = base.number or ""
    edits: list[Edit] = []
    annex_width = len(base.columns) + len(cols.inserted)
    names = [normalise(c.text or c.old_text) for c in _last_header(annex_tables)]
    for k in cols.deleted:
        index = k - sum(1 for i in cols.inserted if i < k)
        edits.append(ColumnEdit(number, "delete", index, names[k] if k < len(names) else str(k)))

    header = [h for t in annex_tables for h in t.header_rows if _is_header(h, base, cols)]
    for k in cols.inserted:
        name = names[k] if k < len(names) else str(k)
        where = f"Table {number} column {name}"
        if len(header) != len(base.header_rows) or len(shown) != rows_after:
            problem = (f"inserted column: the annex shows {len(shown)} of the table's {rows_after} rows "
                       f"and {len(header)} of its {len(base.header_rows)} header rows; it must show them all")
            return [], [Mismatch(instruction, where, problem)]
        index = k - sum(1 for d in cols.deleted if d < k)
        cells = tuple(normalise(r[k].text) if k < len(r) else "" for r in shown)
        heads = tuple(normalise(h[k].text) if k < len(h) else "" for h in header)
        feet = []
        for f in footer:
            at = k - (annex_width - len(f.cells))
            feet.append((f.label, normalise(f.cells[at].text) if 0 <= at < len(f.cells) else ""))
        edits.append(ColumnEdit(number, "insert", index, name, heads, cells, tuple(feet)))
    return edits, []


def _last_header(annex_tables: Sequence[Table]) -> tuple[Cell, ...]:
    """The header row naming the columns (the lowest one, as :attr:`Table.columns` takes it)."""
    for t in annex_tables:
        if t.header_rows:
            return t.header_rows[-1]
    return ()


def _unmarked_as_baseline(row: _AnnexRow, base: tuple[str, ...]) -> tuple[str, ...]:
    """The row's new cells, each cell the annex did not change spelled as the baseline
    spells it (a PDF annex may wrap a word in a narrow cell: "Configur ation")."""
    return tuple(
        b if i < len(base) and normalise(o) == normalise(n) else normalise(n)
        for i, (o, n, b) in enumerate(zip(row.old, row.new, (*base, *[""] * len(row.old)), strict=False))
    )


def _row_mismatch(instruction: str, base: Table, row: _AnnexRow) -> Mismatch:
    key = _cell(row.old, base.key_column)
    name = _cell(row.old, base.name_column)
    where = f"Table {base.number} row {key or '?'}" + (f" ({name})" if name else "")
    expected = " | ".join(row.old)
    closest = _closest(base, row)
    if closest is None:
        return Mismatch(instruction, where, f"no row keyed {key!r} in the baseline", expected)
    i, diff = closest
    cols = ", ".join(f"{base.column_name(c)}: annex {row.old[c]!r}, baseline {base.rows[i].texts[c]!r}" for c in diff)
    return Mismatch(
        instruction, where, f"struck/old cells not in the baseline ({cols})", expected, " | ".join(base.rows[i].texts)
    )


def _plan_footer(
    instruction: str, base: Table, label: str, old_figures: tuple[int, ...] | None, figures: tuple[int, ...]
) -> tuple[list[Edit], list[Mismatch]]:
    number = base.number or ""
    want = canonical_value(label)
    match = [f for f in base.footer if canonical_value(f.label) == want]
    where = f"Table {number} footer '{label}'"
    old = old_figures if old_figures is not None else figures
    if not match:
        return [], [Mismatch(instruction, where, "no such footer row in the baseline", " ".join(map(str, old)))]
    stated = match[0].figures
    if old != stated:
        return [], [
            Mismatch(
                instruction,
                where,
                "struck/old figures are not the baseline's",
                " ".join(map(str, old)),
                " ".join(map(str, stated)),
            )
        ]
    if not figures:
        return [FooterRowEdit(number, "delete", match[0].label, ())], []
    if len(figures) != len(old):
        return [FooterEdit(number, match[0].label, -1, 0, 0, figures)], []
    return [
        FooterEdit(number, match[0].label, i, a, b, figures)
        for i, (a, b) in enumerate(zip(old, figures, strict=True))
        if a != b
    ], []
