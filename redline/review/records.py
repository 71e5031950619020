"""What a review page shows, as frozen records: gathered once by
:func:`redline.review.review` from the diff, the checks, the eligibility list,
an annex's own checks and the stored versions' history, and rendered by
``writers/review_html.py`` and ``writers/review_json.py`` without any further
reckoning, so the page and ``--json`` cannot tell two stories.

Everything a reviewer reads here comes from a library call (``diff``,
``check``, ``check_annex``, ``apply``, ``table_history``): the records hold
those results, grouped per User Role, not figures of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.annex.check import FigureFinding
from redline.checks import CheckResult, Mismatch
from redline.diff.records import DiffResult, RoleSummary, TableChange
from redline.eligibility import EligibilityFinding
from redline.versions.apply_tables import Mismatch as ApplyMismatch
from redline.versions.history import RowHistory, SectionHistory

REVIEW_SCHEMA = "redline.review/1"


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One side of the review, as the header names it."""

    source: str
    """The path (or label) it was read from, as given."""
    file_name: str
    """The file name without its folders (a page sent out shows no home directory)."""
    document: str
    """The document's title ("Appendix R 'Common Testing Scenarios Document'")."""
    sec_version: str | None
    sha256: str
    label: str | None = None
    """The stored version's label when the versions store holds this file (same sha256)."""
    date: str | None = None
    """The stored version's date, when stored with one."""
    note: str = ""
    """For the annex side: "SEC 6.18 with the annex applied"."""


@dataclass(frozen=True, slots=True)
class AnnexInfo:
    source: str
    file_name: str
    sha256: str
    mp: str | None
    """The modification's number as the annex's title block gives it ("MP089")."""
    drafted_against: str | None
    amendments: int


@dataclass(frozen=True, slots=True)
class Figure:
    """One footer figure of a table, or of a role's tables together: what
    each version states and what its rows give (``None`` where that version
    has no such footer row)."""

    name: str
    """"Total Tests", "Count of Mandatory", "Count of Mandatory SMETS2+", … ("SMETS 2" of the
    DUIS matrices and "SMETS2+" of the alert tables are one figure)."""
    old_stated: int | None
    old_computed: int | None
    new_stated: int | None
    new_computed: int | None
    old_wrong: tuple[Mismatch, ...] = ()
    """``check``'s mismatches of this footer row in the old version (any column)."""
    new_wrong: tuple[Mismatch, ...] = ()

    @property
    def change(self) -> int | None:
        """How the rows' figure moved, old → new."""
        if self.old_computed is None or self.new_computed is None:
            return None
        return self.new_computed - self.old_computed


@dataclass(frozen=True, slots=True)
class TableFigures:
    """A role table of either version (paired as the diff's alignment pairs them) and its figures."""

    old_number: str | None
    new_number: str | None
    title: str
    kind: str
    figures: tuple[Figure, ...]

    @property
    def number(self) -> str:
        return self.new_number or self.old_number or ""


@dataclass(frozen=True, slots=True)
class RoleReview:
    role: str
    name: str
    """"Registered Supplier Agent"."""
    tables: tuple[TableFigures, ...]
    totals: tuple[Figure, ...]
    """The role's tables' figures summed, per figure name."""
    summary: RoleSummary | None
    """The diff's summary of the role (None when the diff has none for it)."""
    changes: tuple[TableChange, ...]
    """The diff's records of the role's tables that changed."""
    eligibility: tuple[EligibilityNote, ...]

    @property
    def total_tests(self) -> Figure | None:
        return next((f for f in self.totals if f.name == TOTAL_TESTS), None)

    @property
    def flagged(self) -> int:
        """Stated figures, in either version, that the rows do not give."""
        return sum(len(f.old_wrong) + len(f.new_wrong) for t in self.tables for f in t.figures)


TOTAL_TESTS = "Total Tests"


@dataclass(frozen=True, slots=True)
class EligibilityNote:
    """An eligibility finding and where it came from: the diff (a row added
    or removed) or the check of one version (a row the list disagrees with)."""

    origin: str
    """"diff" (a row added or removed), "new" (the new version's check), or "old" (the old
    version's check, a note the new version no longer gives)."""
    finding: EligibilityFinding


@dataclass(frozen=True, slots=True)
class AnnexFigure:
    """One figure of ``check ANNEX`` and, for a correction, what the baseline says."""

    finding: FigureFinding
    confirmed: bool | None
    """For a correction: True when the baseline states the figure wrongly (its rows give
    ``baseline_rows_give``), False when the baseline's figure agrees with its rows;
    None for an error (nothing to confirm)."""
    baseline_rows_give: int | None = None


@dataclass(frozen=True, slots=True)
class AnnexChecks:
    """An annex's own findings: its figures against the rows it amends
    (``check ANNEX``), whether the baseline confirms each correction, and the
    amendments that did not match the baseline when applied."""

    figures: tuple[AnnexFigure, ...]
    apply_mismatches: tuple[ApplyMismatch, ...]


@dataclass(frozen=True, slots=True)
class History:
    """What ``redline log`` says about the changed rows and sections, across
    every stored version, when both reviewed versions are stored."""

    versions: tuple[str, ...]
    rows: tuple[tuple[str, str, str, RowHistory], ...]
    """(table number, key, name as the diff names the row, the row's history), for each
    row the diff reports changed."""
    sections: tuple[SectionHistory, ...]


@dataclass(frozen=True, slots=True)
class Review:
    old: VersionInfo
    new: VersionInfo
    annex: AnnexInfo | None
    diff: DiffResult
    """The diff, with the eligibility notes of its rows added and removed."""
    check_old: CheckResult
    check_new: CheckResult
    roles: tuple[RoleReview, ...]
    """IS, ES, GS, RSA, ED, GT, OU (those either version has), then any other role."""
    other_changes: tuple[TableChange, ...]
    """Changed tables that belong to no User Role."""
    annex_checks: AnnexChecks | None
    history: History | None
    history_note: str = ""
    """Why there is no history (the versions are not stored, no store), shown instead."""

    @property
    def mismatches(self) -> int:
        return self.check_old.mismatch_count + self.check_new.mismatch_count

    @property
    def eligibility(self) -> tuple[EligibilityNote, ...]:
        return tuple(n for r in self.roles for n in r.eligibility)
