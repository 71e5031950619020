"""Pair the rows of two versions of one table: the keyed comparison the history needs.

The pairing is :func:`redline.diff.match.pair_rows`, the one ``redline
diff`` uses (same key; among repeated keys, such as the two 8.14.3 rows,
the same or the most similar name), so ``log`` and ``diff`` agree on what
is the same row. This module shapes it as csv-diff's ``compare`` does:
pairs with the cells that changed, added rows, removed rows. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.model import Row, Table
from redline.text import canonical_value


@dataclass(frozen=True, slots=True)
class CellChange:
    column: str
    column_index: int
    old: str
    new: str


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


def cell_changes(
    old: Row,
    new: Row,
    table: Table,
    *,
    skip: tuple[int | None, ...] = (),
    columns: dict[int, int] | None = None,
) -> tuple[CellChange, ...]:
    """The cells that differ (values compared as ``canonical_value``, so wrapping is
    no change); ``columns`` maps a new column to its old one when columns moved."""
    out = []
    for i in range(len(new.cells)):
        if i in skip:
            continue
        k = columns.get(i, i) if columns is not None else i
        a = old.cells[k].text if k < len(old.cells) else ""
        b = new.cells[i].text
        if canonical_value(a) != canonical_value(b):
            out.append(CellChange(table.column_name(i), i, a, b))
    return tuple(out)


def compare_rows(old: Table, new: Table) -> RowComparison:
    """Pair ``old``'s rows with ``new``'s; report the rest as added/removed."""
    from redline.diff.match import pair_rows
    from redline.diff.tables import column_map

    matched = dict(pair_rows(old, new))
    used = set(matched.values())
    columns = column_map(old, new)
    skip = (new.name_column,)
    pairs = tuple(
        RowPair(old.rows[i], new.rows[j], cell_changes(old.rows[i], new.rows[j], new, skip=skip, columns=columns))
        for i, j in sorted(matched.items(), key=lambda ij: ij[1])
    )
    added = tuple(r for j, r in enumerate(new.rows) if j not in used)
    removed = tuple(r for i, r in enumerate(old.rows) if i not in matched)
    return RowComparison(pairs, added, removed)
