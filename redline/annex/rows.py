"""Lay out the body rows of two versions of a table and redline them for the annex.

Which old row is which new one, and which old column each new column is,
are the diff's decisions (:func:`redline.diff.match.pair_rows`: by key,
repeated keys such as the two 8.14.3 rows by name;
:func:`redline.diff.match.pair_columns`: by header, then by place), so the
annex body redlines the same pairs the summary and ``redline diff`` name: a
column inserted is one column of inserted cells, not every later cell of
every row struck and retyped one place to the right.

Pure: model rows in, model rows with insert/delete runs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redline.annex.wordruns import plain, whole, word_runs
from redline.diff.match import merged
from redline.model import Cell, Row, Table, normalise


@dataclass(frozen=True, slots=True)
class RowEntry:
    """One row of the merged old/new table: both sides, or only one."""

    index: int
    old: Row | None
    new: Row | None
    name_column: int | None = None
    columns: tuple[tuple[int, int], ...] | None = None
    """(new column, old column) pairs, the diff's; None: the same columns in place."""

    @property
    def changed(self) -> bool:
        if self.old is None or self.new is None:
            return True
        if self.columns is None:
            return self.old.texts != self.new.texts
        kept = {i for _, i in self.columns}
        gone = any(c.text for i, c in enumerate(self.old.cells) if i not in kept)  # a removed column's cell
        return gone or any(c.runs != plain(c.text) for c in _cells(self))

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.name != self.new.name

    def near_change(self, entries: list[RowEntry], context: int) -> bool:
        lo, hi = max(0, self.index - context), min(len(entries), self.index + context + 1)
        return any(e.changed for e in entries[lo:hi])


def row_entries(
    old: Table | None,
    new: Table,
    pairs: Sequence[tuple[int, int]],
    columns: Sequence[tuple[int, int]] | None = None,
) -> list[RowEntry]:
    """The merged sequence of old and new rows, in new-table order, from the
    matcher's row ``pairs`` (the diff's): a pair that kept its place is one
    entry; a moved row is struck where it was and inserted where it is, as
    drafters show a move; what only one side has sits between the pairs.
    ``columns``: the diff's (new, old) column pairs, when the columns differ."""
    old_rows = old.rows if old is not None else ()
    order = merged(pairs, len(old_rows), len(new.rows))
    identity = old is None or (
        len(old.columns) == len(new.columns) and all(j == i for j, i in (columns or ()))
    )
    paired = None if columns is None or identity else tuple(columns)
    return [
        RowEntry(
            k, old_rows[i] if i is not None else None, new.rows[j] if j is not None else None, new.name_column, paired
        )
        for k, (i, j) in enumerate(order)
    ]


def _cells(entry: RowEntry) -> tuple[Cell, ...]:
    old, new = entry.old, entry.new
    if old is None and new is not None:
        return tuple(Cell(c.text, whole(c.text, "insert")) for c in new.cells)
    if new is None and old is not None:
        return tuple(Cell("", whole(c.text, "delete")) for c in old.cells)
    assert old is not None and new is not None
    partner = dict(entry.columns) if entry.columns is not None else None
    cells = []
    for i, cell in enumerate(new.cells):
        at = partner.get(i) if partner is not None else i
        if at is None:  # a column the old table did not have: its cell is inserted
            cells.append(Cell(cell.text, whole(cell.text, "insert")))
            continue
        was = old.cells[at].text if at < len(old.cells) else ""
        cells.append(Cell(cell.text, plain(cell.text) if was == cell.text else word_runs(was, cell.text)))
    return tuple(cells)


ELIDED = "…"
"""The first cell of a row standing for rows left out, as drafters mark them
(``instructions.is_elided_row`` reads it back; ``apply`` keeps the baseline's rows)."""


def elided_row(width: int) -> Row:
    """A "…" row: rows of the table left out between two shown ones."""
    cells = (Cell(ELIDED, plain(ELIDED)), *(Cell("", ()) for _ in range(width - 1)))
    return Row(cells)


def table_item_rows(table: Table, entries: list[RowEntry]) -> tuple[Row, ...]:
    """Model rows for the shown entries; key and name read from the accepted
    text, exactly as a reader would find them in the annex. Where rows are
    left out between two shown ones a "…" row says so: without it two rows
    far apart read as neighbours."""
    rows = []
    last: int | None = None
    for e in entries:
        if last is not None and e.index > last + 1:
            rows.append(elided_row(max(1, len(table.columns))))
        last = e.index
        cells = _cells(e)
        rows.append(Row(cells, _text_at(table.key_column, cells), _text_at(table.name_column, cells)))
    return tuple(rows)


def _text_at(index: int | None, cells: tuple[Cell, ...]) -> str:
    return normalise(cells[index].text) if index is not None and index < len(cells) else ""
