"""``redline check ANNEX [--against BASE]`` as one library call.

On its own an annex shows only the rows it amends, so its footer figures
can be checked only for how they change (:func:`redline.annex.check.check_annex`).
With the baseline at hand the annex is applied and the consolidated version
checked in full, which settles each figure: a correction the annex makes is
confirmed when the baseline's own rows disagree with the figure it struck.
Pure: models in, findings out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redline.annex.check import FigureFinding, check_annex, confirmed
from redline.checks import CheckResult, check
from redline.model import Document

if TYPE_CHECKING:
    from redline.versions.apply import ApplyResult


@dataclass(frozen=True, slots=True)
class AnnexCheck:
    """The findings of ``check ANNEX``; with a baseline, the annex applied and its result checked."""

    annex: Document
    findings: tuple[FigureFinding, ...]
    totals: CheckResult
    """Without a baseline: the annex's own tables as read; with one: the consolidated version's check."""
    base: Document | None = None
    applied: ApplyResult | None = None
    confirmed: Mapping[FigureFinding, int | None] = field(default_factory=dict)
    """With a baseline: for each correction, what the baseline's rows give (None: its figure was right)."""

    @property
    def errors(self) -> tuple[FigureFinding, ...]:
        return tuple(f for f in self.findings if f.kind == "error")

    @property
    def ok(self) -> bool:
        """Without a baseline: no figure that cannot be right; with one: applied cleanly and every total agrees."""
        if self.applied is None:
            return not self.errors
        return self.totals.ok and self.applied.ok


def check_annex_document(annex: Document, base: Document | None = None) -> AnnexCheck:
    """Check ``annex``'s amended footer figures; with ``base``, apply it and check the result in full."""
    findings = tuple(check_annex(annex))
    if base is None:
        return AnnexCheck(annex, findings, check(annex))
    from redline.versions.apply import apply  # only with a baseline: the annex alone needs no apply code

    applied = apply(base, annex)
    return AnnexCheck(annex, findings, check(applied.document), base, applied, confirmed(list(findings), base))
