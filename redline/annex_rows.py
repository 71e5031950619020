"""Pair the body rows of two versions of a table and redline them for the annex.

Rows are matched on (key, name) in order, so a row that kept its place and
its name pairs with itself; within a replaced stretch, rows with the same key
pair up (a renamed scenario keeps its key), the rest are wholly added or
removed. Keys repeat ("8.14.3" twice with different names), which is why the
name takes part in the first pass.

Pure: model rows in, model rows with insert/delete runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from redline.model import Cell, Row, Table, normalise
from redline.wordruns import plain, whole, word_runs


@dataclass(frozen=True, slots=True)
class RowEntry:
    """One row of the merged old/new table: both sides, or only one."""

    index: int
    old: Row | None
    new: Row | None
    name_column: int | None = None

    @property
    def changed(self) -> bool:
        if self.old is None or self.new is None:
            return True
        return self.old.texts != self.new.texts

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.name != self.new.name

    @property
    def cells_changed(self) -> int:
        """Changed cells other than the name cell (a rename counts once, as a rename)."""
        if self.old is None or self.new is None:
            return 0
        a, b = self.old.texts, self.new.texts
        width = max(len(a), len(b))
        return sum(
            1
            for i in range(width)
            if i != self.name_column and (a[i] if i < len(a) else "") != (b[i] if i < len(b) else "")
        )

    def near_change(self, entries: list[RowEntry], context: int) -> bool:
        lo, hi = max(0, self.index - context), min(len(entries), self.index + context + 1)
        return any(e.changed for e in entries[lo:hi])


def _identity(row: Row) -> tuple[str, str]:
    return (row.key or " | ".join(row.texts), row.name)


def align_rows(old: tuple[Row, ...], new: tuple[Row, ...], name_column: int | None = None) -> list[RowEntry]:
    """The merged sequence of old and new rows, in new-table order."""
    pairs: list[tuple[Row | None, Row | None]] = []
    matcher = SequenceMatcher(None, [_identity(r) for r in old], [_identity(r) for r in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            pairs.extend(_pair_by_key(list(old[i1:i2]), list(new[j1:j2])))
    return [RowEntry(i, a, b, name_column) for i, (a, b) in enumerate(pairs)]


def _pair_by_key(old: list[Row], new: list[Row]) -> list[tuple[Row | None, Row | None]]:
    out: list[tuple[Row | None, Row | None]] = []
    i = 0
    for row in new:
        match = next((k for k in range(i, len(old)) if old[k].key and old[k].key == row.key), None)
        if match is None:
            out.append((None, row))
            continue
        out.extend((r, None) for r in old[i:match])
        out.append((old[match], row))
        i = match + 1
    out.extend((r, None) for r in old[i:])
    return out


def _cells(entry: RowEntry) -> tuple[Cell, ...]:
    old, new = entry.old, entry.new
    if old is None and new is not None:
        return tuple(Cell(c.text, whole(c.text, "insert")) for c in new.cells)
    if new is None and old is not None:
        return tuple(Cell("", whole(c.text, "delete")) for c in old.cells)
    assert old is not None and new is not None
    cells = []
    for i, cell in enumerate(new.cells):
        was = old.cells[i].text if i < len(old.cells) else ""
        cells.append(Cell(cell.text, plain(cell.text) if was == cell.text else word_runs(was, cell.text)))
    return tuple(cells)


def table_item_rows(table: Table, entries: list[RowEntry]) -> tuple[Row, ...]:
    """Model rows for the shown entries; key and name read from the accepted
    text, exactly as a reader would find them in the annex."""
    rows = []
    for e in entries:
        cells = _cells(e)
        rows.append(Row(cells, _text_at(table.key_column, cells), _text_at(table.name_column, cells)))
    return tuple(rows)


def _text_at(index: int | None, cells: tuple[Cell, ...]) -> str:
    return normalise(cells[index].text) if index is not None and index < len(cells) else ""
