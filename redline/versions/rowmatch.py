"""Pair the rows of two versions of one table: the keyed comparison the history needs.

The pairing is :func:`redline.diff.match.pair_rows`, the one ``redline
diff`` uses (same key; among repeated keys, such as the two 8.14.3 rows,
the same or the most similar name), so ``log`` and ``diff`` agree on what
is the same row. This module shapes it as csv-diff's ``compare`` does:
pairs with the cells that changed (the diff's rule,
:func:`redline.diff.tables.row_cell_changes`), added rows, removed rows. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.diff.match import TableAlignment, align_table
from redline.diff.records import CellChange
from redline.diff.tables import row_cell_changes
from redline.model import Row, Table

__all__ = ["CellChange", "RowComparison", "RowPair", "compare_rows"]


@dataclass(frozen=True, slots=True)
class RowPair:
    """One row in both versions (``renamed`` when its name differs)."""

    old: Row
    new: Row
    changes: tuple[CellChange, ...]

    @property
    def renamed(self) -> bool:
        return self.old.name != self.new.name


@dataclass(frozen=True, slots=True)
class RowComparison:
    pairs: tuple[RowPair, ...]
    added: tuple[Row, ...]
    removed: tuple[Row, ...]


def compare_rows(old: Table, new: Table, aligned: TableAlignment | None = None) -> RowComparison:
    """Pair ``old``'s rows with ``new``'s as ``aligned`` (the diff's alignment
    of the two tables, made here when not given) pairs them; report the rest
    as added/removed."""
    if aligned is None:
        aligned = align_table(old, new)
    matched = dict(aligned.rows)
    used = set(matched.values())
    columns = aligned.column_map
    pairs = tuple(
        RowPair(old.rows[i], new.rows[j], row_cell_changes(old, new, i, j, columns))
        for i, j in sorted(matched.items(), key=lambda ij: ij[1])
    )
    added = tuple(r for j, r in enumerate(new.rows) if j not in used)
    removed = tuple(r for i, r in enumerate(old.rows) if i not in matched)
    return RowComparison(pairs, added, removed)
