"""Properties of the table diff, on role tables drawn from the real DUIS list.

* a version diffed with itself reports nothing;
* applying the reported row and cell changes to the old table gives the new;
* when no row moved, the changes found do not depend on the order of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffdata import VALUES, document, duis_table, section, service_requests
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.diff import diff
from redline.diff.records import TableChange
from redline.model import Document, Table

VALUE_CHOICES = ("Mandatory", "Mandatory SMETS 2", "N/A")
SRS = service_requests()


@dataclass(frozen=True)
class Spec:
    """One row as it stands in each version (None: not in that version)."""

    sr: int
    suffix: str
    old_values: tuple[str, ...] | None
    new_values: tuple[str, ...] | None
    renamed: bool


def _cells(spec: Spec, values: tuple[str, ...], new: bool) -> tuple[str, ...]:
    s = SRS[spec.sr]
    name = s.name + spec.suffix + (" (KRP and Supplier)" if new and spec.renamed else "")
    return (s.sr, s.variant, name, s.critical, *values, "RSA")


def _doc(rows: list[tuple[str, ...]]) -> Document:
    return document([section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", rows))])


values_st = st.tuples(*[st.sampled_from(VALUE_CHOICES) for _ in VALUES])


@st.composite
def specs(draw: st.DrawFn, *, duplicates: bool) -> list[Spec]:
    indices = draw(st.lists(st.integers(0, len(SRS) - 1), min_size=1, max_size=25, unique=True))
    out = []
    for i in indices:
        suffixes = [""]
        if duplicates and draw(st.booleans()) and draw(st.booleans()):
            suffixes = [" – Fault Return", " – No Fault Return"]
        for suffix in suffixes:
            presence = draw(st.sampled_from(("both", "both", "both", "old", "new")))
            old = draw(values_st) if presence in ("both", "old") else None
            if presence == "new":
                new = draw(values_st)
            elif presence == "old":
                new = None
            else:
                assert old is not None
                new = draw(st.one_of(st.just(old), values_st))
            renamed = presence == "both" and not suffix and draw(st.booleans())
            out.append(Spec(i, suffix, old, new, renamed))
    return out


def _versions(universe: list[Spec], new_order: list[int] | None = None) -> tuple[list[tuple[str, ...]], ...]:
    old = [_cells(s, s.old_values, False) for s in universe if s.old_values is not None]
    present = [s for s in universe if s.new_values is not None]
    if new_order is not None:
        present = [present[k] for k in new_order]
    new = [_cells(s, s.new_values, True) for s in present if s.new_values is not None]
    return old, new


def apply(old: Table, change: TableChange) -> list[tuple[str, ...]]:
    """Rebuild the new table's rows from the old one and the reported changes."""
    rows = {i: list(r.texts) for i, r in enumerate(old.rows)}
    name_col = old.name_column
    assert name_col is not None
    for r in change.rows_renamed:
        assert r.old_index is not None
        rows[r.old_index][name_col] = r.name
    for c in change.cells_changed:
        assert c.old_row is not None
        rows[c.old_row][c.column_index] = c.new
    removed = {r.old_index for r in change.rows_removed}
    moved = {r.old_index for r in change.rows_moved}
    size = len(old.rows) - len(removed) + len(change.rows_added)
    out: list[tuple[str, ...] | None] = [None] * size
    for r in change.rows_added:
        assert r.new_index is not None
        out[r.new_index] = r.cells
    for r in change.rows_moved:
        assert r.new_index is not None and r.old_index is not None
        out[r.new_index] = tuple(rows[r.old_index])
    kept = iter(tuple(rows[i]) for i in sorted(rows) if i not in removed and i not in moved)
    return [slot if slot is not None else next(kept) for slot in out]


@settings(max_examples=60, deadline=None)
@given(specs(duplicates=True))
def test_a_table_diffed_with_itself_reports_nothing(universe: list[Spec]) -> None:
    old, _ = _versions(universe)
    doc = _doc(old)
    assert diff(doc, doc).is_empty


@settings(max_examples=80, deadline=None)
@given(specs(duplicates=True), st.randoms(use_true_random=False))
def test_applying_the_reported_changes_to_old_gives_new(universe: list[Spec], rnd: object) -> None:
    old_rows, _ = _versions(universe)
    n_new = sum(1 for s in universe if s.new_values is not None)
    order = list(range(n_new))
    if n_new > 2 and rnd.random() < 0.5:  # type: ignore[attr-defined]
        k = rnd.randrange(n_new)  # type: ignore[attr-defined]
        order.insert(rnd.randrange(n_new), order.pop(k))  # type: ignore[attr-defined]
    _, new_rows = _versions(universe, order)
    old, new = _doc(old_rows), _doc(new_rows)
    result = diff(old, new)
    old_table, new_table = old.tables()[0], new.tables()[0]
    if not result.tables:
        assert [r.texts for r in old_table.rows] == [r.texts for r in new_table.rows]
        return
    [change] = result.tables
    assert apply(old_table, change) == [r.texts for r in new_table.rows]


def _signature(change: TableChange) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    out |= {("added", r.key, r.name) for r in change.rows_added}
    out |= {("removed", r.key, r.name) for r in change.rows_removed}
    out |= {("renamed", r.key, r.old_name or "", r.name) for r in change.rows_renamed}
    out |= {("moved", r.key, r.name) for r in change.rows_moved}
    out |= {("cell", c.key, c.name, c.column, c.old, c.new) for c in change.cells_changed}
    out |= {("count", f.row, f.column, str(f.old), str(f.new)) for f in change.counts}
    return out


@settings(max_examples=60, deadline=None)
@given(specs(duplicates=False), st.randoms(use_true_random=False))
def test_changes_do_not_depend_on_row_order_when_nothing_moved(universe: list[Spec], rnd: object) -> None:
    shuffled = list(universe)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    results = []
    for u in (universe, shuffled):
        old_rows, new_rows = _versions(u)
        [*changes] = diff(_doc(old_rows), _doc(new_rows)).tables
        assert all(not c.rows_moved for c in changes)
        results.append(set().union(*(_signature(c) for c in changes)) if changes else set())
    assert results[0] == results[1]


@settings(max_examples=50, deadline=None)
@given(specs(duplicates=True))
def test_swapping_the_versions_swaps_added_and_removed(universe: list[Spec]) -> None:
    old_rows, new_rows = _versions(universe)
    a, b = _doc(old_rows), _doc(new_rows)
    forward, backward = diff(a, b).tables, diff(b, a).tables
    assert len(forward) == len(backward)
    for f, r in zip(forward, backward, strict=True):
        assert {(x.key, x.name) for x in f.rows_added} == {(x.key, x.name) for x in r.rows_removed}
        assert {(x.key, x.name) for x in f.rows_removed} == {(x.key, x.name) for x in r.rows_added}
        assert {(c.key, c.column, c.old, c.new) for c in f.cells_changed} == {
            (c.key, c.column, c.new, c.old) for c in r.cells_changed}
