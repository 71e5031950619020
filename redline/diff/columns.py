"""Pair the columns of two versions of a table: by header, then by place.

A drafter who edits a header ("CTS Test Scenario" -> "Test Scenario", as
MP089 does to Table 8.1.21) has renamed a column, not removed one and added
another: the cells under it must still be compared, and the footer counts
of the column follow it. So columns are paired in two steps:

1. the same header text, wherever it sits (a column moved keeps its cells);
2. between two columns paired in step 1 (or the table's edges), the
   columns left over on each side: as many on each side pair in order, by
   place; otherwise each pairs with the most similar header left (half its
   words in common at least).

A pair whose headers differ is a *renamed* column; a column left over is
really added or removed. Self-contained (headers in, pairs out), so the one
matcher of :mod:`redline.diff` can take it over whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from redline.diff.match import similarity
from redline.diff.records import ColumnRename

HEADER_SIMILARITY = 0.5
"""Share of words two headers must have in common to pair when place alone cannot tell."""


@dataclass(frozen=True, slots=True)
class ColumnPairing:
    """Which old column each new column is, and what became of the rest."""

    pairs: tuple[tuple[int, int], ...]
    """(new index, old index) for every column present in both versions."""
    renamed: tuple[ColumnRename, ...]
    added: tuple[int, ...]
    """New indices of columns the old version did not have."""
    removed: tuple[int, ...]
    """Old indices of columns the new version no longer has."""

    @property
    def mapping(self) -> dict[int, int]:
        """New column index -> old column index."""
        return dict(self.pairs)


def pair_columns(old: Sequence[str], new: Sequence[str]) -> ColumnPairing:
    """Pair the old and new headers (see the module docstring)."""
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for j, name in enumerate(new):
        i = next((k for k, c in enumerate(old) if c == name and k not in used), None)
        if i is not None:
            mapping[j] = i
            used.add(i)
    for new_gap, old_gap in _gaps(old, new, mapping):
        if len(new_gap) == len(old_gap):
            mapping.update(zip(new_gap, old_gap, strict=True))
            continue
        scored = sorted(
            (-similarity(old[i], new[j]), abs(i - j), j, i)
            for j in new_gap
            for i in old_gap
            if similarity(old[i], new[j]) >= HEADER_SIMILARITY
        )
        taken: set[int] = set()
        for _, _, j, i in scored:
            if j not in mapping and i not in taken:
                mapping[j] = i
                taken.add(i)
    pairs = tuple(sorted(mapping.items()))
    renamed = tuple(ColumnRename(old[i], new[j], j, i) for j, i in pairs if old[i] != new[j])
    paired_old = set(mapping.values())
    return ColumnPairing(
        pairs=pairs,
        renamed=renamed,
        added=tuple(j for j in range(len(new)) if j not in mapping),
        removed=tuple(i for i in range(len(old)) if i not in paired_old),
    )


def _gaps(old: Sequence[str], new: Sequence[str], mapping: dict[int, int]) -> list[tuple[list[int], list[int]]]:
    """The unpaired columns between consecutive paired ones, on both sides."""
    anchors = [(-1, -1), *sorted(mapping.items()), (len(new), len(old))]
    paired = set(mapping.values())
    free_old = [i for i in range(len(old)) if i not in paired]
    out: list[tuple[list[int], list[int]]] = []
    for (j0, i0), (j1, i1) in itertools.pairwise(anchors):
        new_gap = list(range(j0 + 1, j1))
        old_gap = [i for i in free_old if i0 < i < i1]
        if new_gap and old_gap:
            out.append((new_gap, old_gap))
    return out
