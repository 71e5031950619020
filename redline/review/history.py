"""The history of what a review shows changed, across every stored version:
what ``redline log --table N`` and ``redline log --section N`` say, once per
changed table and section (``table_history`` follows all of a table's rows in
one pass, so a table with ten changed rows costs one walk, not ten). Pure:
the stored versions come in as (label, Document) pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.diff.records import DiffResult, RowChange, TableChange
from redline.model import Document
from redline.review.records import History
from redline.versions.history import RowHistory, SectionHistory, section_history, table_history


def _changed_rows(t: TableChange) -> list[tuple[str, str, str | None]]:
    """(key, name, old name) of every row the diff reports for the table."""
    rows: list[RowChange] = [*t.rows_added, *t.rows_removed, *t.rows_renamed, *t.rows_moved]
    out = [(r.key, r.name, r.old_name) for r in rows]
    out += [(c.key, c.name, None) for c in t.cells_changed]
    return out


def _pick(rows: Sequence[RowHistory], key: str, names: set[str]) -> list[RowHistory]:
    """The row histories of ``key``: those whose name (or a name they had) is one
    of ``names``, else every row with that key (a key repeats: 8.14.3)."""
    keyed = [r for r in rows if r.key == key]
    named = [r for r in keyed if r.name in names or any(e.old_name in names or e.new_name in names
                                                          for e in r.events)]
    return named or keyed


def gather_history(docs: Sequence[tuple[str, Document]], result: DiffResult) -> History:
    """Each changed row's and section's history across ``docs`` (stored versions, oldest first)."""
    rows: list[tuple[str, str, str, RowHistory]] = []
    for t in result.tables:
        changed = _changed_rows(t)
        if not changed:
            continue
        number = t.old_number or t.new_number or t.table
        if not any(doc.table(number) is not None for _, doc in docs):
            continue
        th = table_history(docs, number)
        done: set[tuple[str, str]] = set()
        for key, name, old_name in changed:
            if (key, name) in done:  # a row with several cells changed
                continue
            done.add((key, name))
            rows += [(t.table, key, name, h) for h in _pick(th.rows, key, {name, *((old_name,) if old_name else ())})]
    sections: list[SectionHistory] = []
    for s in result.sections:
        number = s.old_number or s.new_number or s.number
        if any(doc.section(number) is not None for _, doc in docs):
            sections.append(section_history(docs, number))
    return History(tuple(label for label, _ in docs), tuple(rows), tuple(sections))
