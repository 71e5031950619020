"""Pair the rows of two versions of one table by key and name.

The small keyed comparison the history needs (csv-diff's ``compare`` shape):
rows with the same key and name are the same row; of the rest, rows that
share a key are the same row renamed (in order, since keys can repeat, as
the two 8.14.3 rows do); what is left was added or removed. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from redline.model import Row, Table
from redline.tables import canonical_value


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


def cell_changes(old: Row, new: Row, table: Table, *, skip: tuple[int | None, ...] = ()) -> tuple[CellChange, ...]:
    """The cells that differ (values compared as ``canonical_value``, so wrapping is no change)."""
    out = []
    for i in range(max(len(old.cells), len(new.cells))):
        if i in skip:
            continue
        a = old.cells[i].text if i < len(old.cells) else ""
        b = new.cells[i].text if i < len(new.cells) else ""
        if canonical_value(a) != canonical_value(b):
            out.append(CellChange(table.column_name(i), i, a, b))
    return tuple(out)


def compare_rows(old: Table, new: Table) -> RowComparison:
    """Pair ``old``'s rows with ``new``'s; report the rest as added/removed."""
    by_key_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, r in enumerate(new.rows):
        by_key_name[(r.key, r.name)].append(j)
    matched: dict[int, int] = {}
    for i, r in enumerate(old.rows):
        free = by_key_name.get((r.key, r.name))
        if free:
            matched[i] = free.pop(0)
    used = set(matched.values())
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, r in enumerate(new.rows):
        if j not in used and r.key:
            by_key[r.key].append(j)
    for i, r in enumerate(old.rows):
        if i not in matched and by_key.get(r.key):
            matched[i] = by_key[r.key].pop(0)
    used = set(matched.values())
    skip = (new.name_column,)
    pairs = tuple(
        RowPair(old.rows[i], new.rows[j], cell_changes(old.rows[i], new.rows[j], new, skip=skip))
        for i, j in sorted(matched.items(), key=lambda ij: ij[1])
    )
    added = tuple(r for j, r in enumerate(new.rows) if j not in used)
    removed = tuple(r for i, r in enumerate(old.rows) if i not in matched)
    return RowComparison(pairs, added, removed)
