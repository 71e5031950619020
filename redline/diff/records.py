"""Change records: what differs between two versions, in the terms drafters
and reviewers use (a section renumbered, a row renamed, a count changed).

Frozen dataclasses and tuples only, so a result can be compared, hashed and
handed to any writer. Every list is in document order of the new version
(old order for what was removed). Writers dispatch on these types and fail
loudly on one they do not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from redline.checks import Mismatch
from redline.diff.match import Alignment
from redline.diff.match import ColumnRename as ColumnRename  # made by the matcher, reported here
from redline.eligibility import EligibilityFinding, EligibilityList

EditOp: TypeAlias = Literal["equal", "insert", "delete"]
SectionKind: TypeAlias = Literal["added", "removed", "modified", "renumbered", "retitled", "moved"]
ParagraphKind: TypeAlias = Literal["added", "removed", "modified"]
TableChangeKind: TypeAlias = Literal["added", "removed", "modified", "renumbered"]
RowKind: TypeAlias = Literal["added", "removed", "renamed", "moved", "modified"]
ReferenceProblemKind: TypeAlias = Literal["missing", "stale"]


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One step of a word-level diff; concatenating the ``equal`` and
    ``delete`` texts gives the old text, ``equal`` and ``insert`` the new."""

    op: EditOp
    text: str


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """A paragraph or bullet added, removed or edited inside a section."""

    change: ParagraphKind
    old: str | None
    new: str | None
    old_index: int | None
    """0-based position among the old section's paragraphs."""
    new_index: int | None
    list_level: int | None = None
    """The bullet level (new version's, or old's for a removed bullet)."""
    edits: tuple[WordEdit, ...] = ()
    """Word-level steps from old to new (modified paragraphs only)."""
    typography_only: bool = False
    """The old and new text differ in dashes, quotes, spacing or case alone
    (:mod:`redline.diff.typography`)."""
    label: str = ""
    """The sub-paragraph's own number as printed ("(b)", "(ii)"); "" for a bullet or plain text."""


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A section of one version and what became of it in the other.

    ``change`` is the one word a reviewer needs first, in this order of
    precedence: added / removed, moved (its place among the other sections
    changed), renumbered (same place and content, new number because another
    section came or went), retitled, modified (its text changed). The flags
    say what else is true: a renumbered section can also have edited text.
    """

    change: SectionKind
    number: str
    """The section's number in the new version (the old one if removed)."""
    old_number: str | None
    new_number: str | None
    old_title: str | None
    new_title: str | None
    title_edits: tuple[WordEdit, ...] = ()
    paragraphs: tuple[ParagraphChange, ...] = ()
    retitled: bool = False
    text_changed: bool = False


@dataclass(frozen=True, slots=True)
class CellChange:
    """A body cell whose value changed, in a row present in both versions."""

    key: str
    name: str
    column: str
    """Header text of the column in the new version."""
    column_index: int
    """0-based grid position in the new version."""
    old: str
    new: str
    old_column_index: int | None = None
    """Where the column sat in the old version, when it moved."""
    old_row: int | None = None
    """0-based body-row position in the old table (tells repeated keys apart)."""
    new_row: int | None = None
    typography_only: bool = False
    """The old and new text differ in dashes, quotes, spacing or case alone
    (:mod:`redline.diff.typography`)."""


@dataclass(frozen=True, slots=True)
class RowChange:
    """A body row added, removed, renamed (same key, new name, cells kept),
    moved (its place among the matched rows changed) or modified."""

    change: RowKind
    key: str
    name: str
    """The new name (the old one for a removed row)."""
    old_name: str | None = None
    old_index: int | None = None
    new_index: int | None = None
    cells: tuple[str, ...] = ()
    """The row's cell texts (new, or old when removed): enough to rebuild it."""
    typography_only: bool = False
    """A rename whose names differ in dashes, quotes, spacing or case alone."""


@dataclass(frozen=True, slots=True)
class FooterChange:
    """A footer figure that differs between the versions.

    For ``counts`` the figures are recomputed from the rows (what the
    footer should say); for ``stated`` they are what the document prints.
    """

    row: str
    column: str
    """Header text of the value column, or "Total"."""
    column_index: int | None
    """0-based grid column in the new version; None for a total."""
    old: int | None
    new: int | None


@dataclass(frozen=True, slots=True)
class TableChange:
    """Everything that changed in one table, and each version's check."""

    table: str
    """The table's number in the new version (the old one if removed)."""
    change: TableChangeKind
    old_number: str | None
    new_number: str | None
    title: str
    kind: str
    """The model's table kind (:mod:`redline.kinds`): duis, device_alert, dcc_alert, other."""
    role: str | None
    rows_added: tuple[RowChange, ...] = ()
    rows_removed: tuple[RowChange, ...] = ()
    rows_renamed: tuple[RowChange, ...] = ()
    rows_moved: tuple[RowChange, ...] = ()
    cells_changed: tuple[CellChange, ...] = ()
    counts: tuple[FooterChange, ...] = ()
    stated: tuple[FooterChange, ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    columns_renamed: tuple[ColumnRename, ...] = ()
    check_old: tuple[Mismatch, ...] = ()
    check_new: tuple[Mismatch, ...] = ()

    @property
    def has_changes(self) -> bool:
        """True when the table's content changed (the check results alone do not count)."""
        return bool(
            self.change in ("added", "removed", "renumbered")
            or self.rows_added
            or self.rows_removed
            or self.rows_renamed
            or self.rows_moved
            or self.cells_changed
            or self.counts
            or self.stated
            or self.columns_added
            or self.columns_removed
            or self.columns_renamed
        )


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One role-matrix cell seen from a reviewer's side: which SR, which column."""

    table: str
    key: str
    name: str
    column: str
    old: str | None
    new: str | None
    typography_only: bool = False
    """The old and new text differ in dashes, quotes, spacing or case alone
    (:mod:`redline.diff.typography`)."""


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """Per User Role, what reviewers read first."""

    role: str
    tables: tuple[str, ...]
    became_mandatory: tuple[ValueChange, ...] = ()
    stopped_mandatory: tuple[ValueChange, ...] = ()
    """Cells that were a Mandatory value and no longer are."""
    other_values: tuple[ValueChange, ...] = ()
    """Value changes that stay mandatory (Mandatory → Mandatory SMETS 2) or stay not."""
    rows_added: tuple[ValueChange, ...] = ()
    rows_removed: tuple[ValueChange, ...] = ()
    rows_renamed: tuple[ValueChange, ...] = ()
    rows_moved: tuple[ValueChange, ...] = ()
    """Rows whose place changed (the tests stay the same)."""
    total_tests_old: int | None = None
    """Total Tests recomputed from the old rows (None when the table has no footer)."""
    total_tests_new: int | None = None

    @property
    def total_tests_change(self) -> int | None:
        if self.total_tests_old is None or self.total_tests_new is None:
            return None
        return self.total_tests_new - self.total_tests_old

    @property
    def has_changes(self) -> bool:
        return bool(
            self.became_mandatory
            or self.stopped_mandatory
            or self.other_values
            or self.rows_added
            or self.rows_removed
            or self.rows_renamed
            or self.rows_moved
            or self.total_tests_change
        )


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """A cross-reference in the new text that no longer points where it did."""

    problem: ReferenceProblemKind
    """``missing``: nothing has that number now. ``stale``: the number now
    holds something else, and what it named moved to ``suggested``."""
    text: str
    """The reference as written ("Section 7.3", "clause 6.3")."""
    target: str
    section: str
    """The number of the section whose text holds the reference."""
    context: str
    """The sentence around the reference."""
    suggested: str | None = None
    """Where the thing it used to name is now, if anywhere."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    source: str
    sha256: str
    sec_version: str | None = None
    document: str | None = None
    """Which SEC document the version is ("Section H")."""


@dataclass(frozen=True, slots=True)
class DiffResult:
    old: Endpoint
    new: Endpoint
    sections: tuple[SectionChange, ...] = ()
    tables: tuple[TableChange, ...] = ()
    roles: tuple[RoleSummary, ...] = ()
    references: tuple[ReferenceProblem, ...] = ()
    alignment: Alignment = field(default_factory=Alignment, repr=False)
    """Which old section, table, row and paragraph is which new one, for all
    of both (unchanged pairs included): what the annex and ``log`` render, so
    they name the same pairs as the changes above."""
    front: SectionChange | None = None
    """The text before the first numbered heading (title block, notes; all of
    a document without numbered headings), when it changed."""
    eligibility: tuple[EligibilityFinding, ...] = ()
    """DUIS matrix rows added for a request the role may not send, or removed
    for one it may, by the eligibility list (notes to confirm, not errors)."""
    eligibility_list: EligibilityList | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.sections or self.tables or self.references or self.front or any(r.has_changes for r in self.roles)
        )

    def counts(self) -> dict[str, int]:
        """The headline figures of the ``summary`` object."""
        tables = [t for t in self.tables if t.has_changes]
        return {
            "sections_changed": len(self.sections),
            "tables_changed": len(tables),
            "rows_added": sum(len(t.rows_added) for t in tables),
            "rows_removed": sum(len(t.rows_removed) for t in tables),
            "rows_renamed": sum(len(t.rows_renamed) for t in tables),
            "rows_moved": sum(len(t.rows_moved) for t in tables),
            "cells_changed": sum(len(t.cells_changed) for t in tables),
            "columns_renamed": sum(len(t.columns_renamed) for t in tables),
            "rows_renamed_typography_only": sum(1 for t in tables for r in t.rows_renamed if r.typography_only),
            "cells_changed_typography_only": sum(1 for t in tables for c in t.cells_changed if c.typography_only),
            "columns_renamed_typography_only": sum(1 for t in tables for c in t.columns_renamed if c.typography_only),
            "paragraphs_typography_only": sum(
                1 for s in (*self.sections, *((self.front,) if self.front else ())) for p in s.paragraphs
                if p.typography_only
            ),
            "counts_changed": sum(len(t.counts) for t in tables),
            "references": len(self.references),
            "front_matter_paragraphs_changed": len(self.front.paragraphs) if self.front else 0,
        }

    @property
    def item_count(self) -> int:
        """How many change items a reader has to look at (for comparing with
        the revision counts of other comparison engines)."""
        c = self.counts()
        sections = sum(max(1, len(s.paragraphs)) for s in self.sections)
        sections += len(self.front.paragraphs) if self.front else 0
        rows = c["rows_added"] + c["rows_removed"] + c["rows_renamed"] + c["rows_moved"]
        tables = sum(1 for t in self.tables if t.change in ("added", "removed", "renumbered"))
        return sections + rows + c["cells_changed"] + tables
