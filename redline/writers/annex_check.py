"""The report of ``redline check ANNEX [--against BASE]``, as text and JSON.

Without a baseline: each footer figure of an amended table whose change the
amended rows do not explain, and the annex's own tables as read. With one:
those figures, each correction confirmed or not by the baseline's rows, the
amendments that do not match the baseline, and the consolidated version's
full check (schema ``redline.check/1`` with ``figures`` and
``apply_mismatches`` added).
"""

from __future__ import annotations

from redline.versions.annex_check import AnnexCheck
from redline.writers.apply_report import mismatch_lines, mismatch_to_dict
from redline.writers.json import JSON, check_to_dict, figure_finding_to_dict
from redline.writers.text import annex_check_report, check_report


def annex_check_to_dict(c: AnnexCheck) -> JSON:
    report = check_to_dict(c.totals)
    if c.applied is None:
        report.update(ok=c.ok, figures=[figure_finding_to_dict(f) for f in c.findings])
        return report
    sure = c.confirmed
    report.update(
        ok=c.ok,
        figures=[figure_finding_to_dict(f, (sure[f],) if f in sure else None) for f in c.findings],
        apply_mismatches=[mismatch_to_dict(m) for m in c.applied.plan.mismatches],
    )
    return report


def annex_check_text(c: AnnexCheck) -> str:
    if c.applied is None or c.base is None:
        return annex_check_report(c.annex.source, c.findings)
    out = annex_check_report(c.annex.source, c.findings, c.confirmed, against=c.base.source)
    mismatches = c.applied.plan.mismatches
    if mismatches:
        n = len(mismatches)
        out += f"{n} amendment{'' if n == 1 else 's'} of {c.annex.source} do not match {c.base.source}:\n"
        out += "".join(f"{line}\n" for line in mismatch_lines(mismatches))
    return out + check_report(c.totals)
