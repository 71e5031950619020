"""Where two annexes drafted against one baseline amend the same thing.

Each annex is planned against the base (:func:`redline.versions.apply.plan`); every
edit names the place it touches (a section paragraph by its index in the
base, a table row by its index, an inserted row by key and name, a footer
figure by row label and position). Two edits on one place are a conflict, as
is any edit inside a section the other annex deletes. Rows are compared
place by place, so two annexes that touch different rows of one table do not
collide.

Footer figures need one more rule: two annexes that each add a row to a
table both move its counts, though neither disagrees with the other. A
figure both change is a conflict only when one side's new figure is not
what its own rows give (it was typed, not counted); otherwise it is listed
under ``recounted`` with the figure the merged rows will need: counted from
the base's rows with both annexes' row edits made, a change both make
(the same row inserted, the same cell set) made once. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redline.checks import computed_footer
from redline.model import Document, Notice
from redline.text import canonical_value, natural_key
from redline.versions.apply import Plan, plan
from redline.versions.apply_tables import Mismatch
from redline.versions.edits import (
    Edit,
    FooterEdit,
    Place,
    RowEdit,
    SectionEdit,
    describe,
    execute,
)


@dataclass(frozen=True, slots=True)
class Conflict:
    place: Place
    where: str
    """For people: "Table 8.1.10 row 8.4 (Update Inventory)"."""
    first: tuple[Edit, ...]
    second: tuple[Edit, ...]

    @property
    def same_change(self) -> bool:
        """Both annexes make the identical change (a duplicate rather than a clash)."""
        return [change_text(e) for e in self.first] == [change_text(e) for e in self.second]


@dataclass(frozen=True, slots=True)
class Recount:
    """A footer figure both annexes move only because of their own rows."""

    edit_first: FooterEdit
    edit_second: FooterEdit
    merged: int
    """The figure the merged rows give: what the base's own rows give, moved by
    each annex's change. Counted from the base's rows, not from its stated
    figure, which may be wrong (SEC 6.18 states 16 where its rows give 12)."""


@dataclass(frozen=True, slots=True)
class ConflictReport:
    base: str
    first: str
    second: str
    conflicts: tuple[Conflict, ...]
    recounted: tuple[Recount, ...]
    mismatches_first: tuple[Mismatch, ...]
    mismatches_second: tuple[Mismatch, ...]
    warnings: tuple[Notice, ...] = ()
    """Each annex's plan warnings (drafted against another version, not an annex)."""
    agreed: tuple[Conflict, ...] = ()
    """Places both annexes change the same way: one change, counted once, not a
    conflict (two identical annexes agree everywhere; issue 18)."""

    @property
    def ok(self) -> bool:
        return not self.conflicts


def change_text(e: Edit) -> str:
    """What an edit does, in one line."""
    return e.what


def _section_of(place: Place) -> str | None:
    return place[1] if place and place[0] == "section" else None


def _counted(e: FooterEdit, doc: Document) -> int | None:
    """What ``doc``'s own rows give for the footer figure ``e`` changes."""
    table = doc.table(e.table)
    if table is None or e.index < 0:
        return None
    for c in computed_footer(table):
        if canonical_value(c.label) != canonical_value(e.label):
            continue
        counted = [*c.columns, c.total] if c.columns else [c.total]
        return counted[e.index] if e.index < len(counted) else None
    return None


def _derived(e: FooterEdit, consolidated: Document) -> bool:
    """Whether the annex's new figure is what its own consolidated rows give."""
    return _counted(e, consolidated) == e.new


def merged_rows(base: Document, p1: Plan, p2: Plan) -> Document:
    """The base with both annexes' row edits made, each change once: two annexes that
    insert the same row (or set the same cell) give one row, not two (two identical
    annexes doubled every recount: "it becomes 22" where it stays 20)."""
    seen: set[tuple[Place, str]] = set()
    rows: list[Edit] = []
    for e in (*p1.edits, *p2.edits):
        if isinstance(e, RowEdit) and (e.place, e.what) not in seen:
            seen.add((e.place, e.what))
            rows.append(e)
    return execute(base, rows, source="merged")


def _merged(base: Document, merged: Document, f1: FooterEdit, f2: FooterEdit) -> int:
    """The figure the merged rows give (both moves on the base's stated figure when the
    rows give none)."""
    counted = _counted(f1, merged)
    if counted is not None:
        return counted
    return f1.new + f2.new - f1.old


def _group(edits: Sequence[Edit]) -> dict[Place, list[Edit]]:
    out: dict[Place, list[Edit]] = {}
    for e in edits:
        out.setdefault(e.place, []).append(e)
    return out


def compare_plans(base: Document, p1: Plan, p2: Plan) -> tuple[list[Conflict], list[Recount]]:
    """The places the two plans clash on (agreements included, as ``same_change``), and the recounts."""
    g1, g2 = _group(p1.edits), _group(p2.edits)
    doc1 = execute(base, p1.edits, source="first")
    doc2 = execute(base, p2.edits, source="second")
    merged = merged_rows(base, p1, p2)
    conflicts: list[Conflict] = []
    recounted: list[Recount] = []
    for place, first in g1.items():
        second = g2.get(place)
        if not second:
            continue
        f1, f2 = first[0], second[0]
        if isinstance(f1, FooterEdit) and isinstance(f2, FooterEdit) and _derived(f1, doc1) and _derived(f2, doc2):
            recounted.append(Recount(f1, f2, _merged(base, merged, f1, f2)))
            continue
        conflicts.append(Conflict(place, describe(f1), tuple(first), tuple(second)))
    # A section deleted whole by one annex and edited by the other.
    for mine, theirs, flip in ((g1, g2, False), (g2, g1, True)):
        for place, edits in mine.items():
            if place[-1:] != ("whole",) or not any(isinstance(e, SectionEdit) and e.op == "delete" for e in edits):
                continue
            for other_place, other in theirs.items():
                if other_place != place and _section_of(other_place) == place[1]:
                    a, b = (tuple(other), tuple(edits)) if flip else (tuple(edits), tuple(other))
                    conflicts.append(Conflict(other_place, describe(other[0]), a, b))
    conflicts.sort(key=lambda c: (c.place[0], natural_key(c.place[1]), *(natural_key(x) for x in c.place[3:])))
    return conflicts, recounted


def find_conflicts(base: Document, first: Document, second: Document) -> ConflictReport:
    """The places both annexes amend, each side's edits, and what neither could place."""
    p1, p2 = plan(base, first), plan(base, second)
    found, recounted = compare_plans(base, p1, p2)
    return ConflictReport(
        base.source,
        first.source,
        second.source,
        tuple(c for c in found if not c.same_change),
        tuple(recounted),
        p1.mismatches,
        p2.mismatches,
        p1.warnings + p2.warnings,
        tuple(c for c in found if c.same_change),
    )
