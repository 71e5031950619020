"""What ``redline annex`` does before writing, as one library call.

:func:`make_annex` diffs two versions, plans the annex (or the full redlined
copy), and settles what planning alone does not: the new version's footer
figures its rows do not give (named, or with ``correct_totals`` replaced by
what the rows give and the annex planned again), and the two cases where no
annex can be written (the same content; changes only before the first
numbered heading, which no "Amend Section/Table X" instruction reaches).
:func:`swapped_versions` warns of a pair given the wrong way round. Pure:
models in, a plan and its findings out; the writers render the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from redline.annex.full import plan_full
from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex
from redline.checks import TableCheck
from redline.diff import DiffResult, diff
from redline.diff.match import SETTINGS, MatchSettings
from redline.diff.typography import adopt_typography
from redline.model import Document
from redline.text import natural_key
from redline.totals import with_corrected_totals, wrong_totals

Outcome = Literal["annex", "same", "front_only"]
"""``annex``: a plan to write; ``same``: nothing to amend; ``front_only``: the
versions differ only in front matter, which no instruction can reach."""


@dataclass(frozen=True, slots=True)
class AnnexRun:
    """The planned annex and what was found on the way."""

    plan: AnnexPlan
    changes: DiffResult
    """The diff the plan was made from (of the corrected new version, with ``correct_totals``)."""
    old: Document
    new: Document
    """The new version as planned: typography adopted, totals corrected, when asked."""
    wrong: tuple[TableCheck, ...]
    """Amended tables whose stated footer figures are not what their rows give (in the new version as given)."""
    corrected: bool
    outcome: Outcome
    warnings: tuple[str, ...] = ()
    """Said before anything is written (the versions given the wrong way round)."""

    @property
    def front_paragraphs(self) -> int:
        """Front-matter paragraphs that changed (for the ``front_only`` message)."""
        return len(self.changes.front.paragraphs) if self.changes.front is not None else 0


def swapped_versions(old: Document, new: Document) -> str | None:
    """A warning when ``old`` states a later SEC version than ``new``: an annex
    from 6.19 to 6.18 strikes everything 6.19 added, which is rarely meant."""
    if not old.sec_version or not new.sec_version:
        return None
    if natural_key(old.sec_version) <= natural_key(new.sec_version):
        return None
    return (
        f"{old.source} states SEC {old.sec_version}, later than {new.source} (SEC {new.sec_version}): "
        f"this annex takes {old.sec_version} back to {new.sec_version}; the earlier version goes first "
        f"(redline annex {new.source} {old.source})"
    )


def make_annex(
    old: Document,
    new: Document,
    options: AnnexOptions | None = None,
    *,
    full: bool = False,
    correct_totals: bool = False,
    ignore_typography: bool = False,
    settings: MatchSettings = SETTINGS,
) -> AnnexRun:
    """The annex from ``old`` to ``new`` (``full``: the whole new version, changes marked).

    ``ignore_typography`` takes the old version's spelling wherever the new one
    differs in dashes, quotes, spacing or case alone; ``correct_totals`` plans
    with the amended tables' footer figures set to what their rows give;
    ``settings``: the matcher's thresholds, for the diff and the plan alike."""
    options = options or AnnexOptions()
    warning = swapped_versions(old, new)
    warnings = (warning,) if warning else ()
    if ignore_typography:
        new = adopt_typography(old, new)
    planner = plan_full if full else plan_annex
    changes = diff(old, new, settings=settings)
    plan = planner(old, new, changes, options, settings=settings)
    if not plan.full and not plan.items and changes.front is not None:
        return AnnexRun(plan, changes, old, new, (), False, "front_only", warnings)
    amended = {t.new_number for t in changes.tables if t.new_number}
    amended |= {i.target.number for i in plan.items if i.target.kind == "table"}
    wrong = wrong_totals(new, amended)
    corrected = bool(wrong and correct_totals)
    if corrected:
        new = with_corrected_totals(new, (t.table for t in wrong))
        changes = diff(old, new, settings=settings)
        plan = planner(old, new, changes, options, settings=settings)
    outcome: Outcome = "annex" if plan.full or plan.items else "same"
    return AnnexRun(plan, changes, old, new, wrong, corrected, outcome, warnings)
