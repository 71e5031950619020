"""Reports of ``redline apply`` and ``redline conflicts`` (two annexes applied to one
baseline), as text and JSON: the edits made, the amendments that do not match."""

from __future__ import annotations

from typing import Any

from redline.model import Notice
from redline.versions.apply import Plan
from redline.versions.apply_tables import Mismatch
from redline.versions.conflicts import ConflictReport, change_text
from redline.versions.edits import Edit, describe
from redline.writers.json import notice_to_dict

APPLY_SCHEMA = "redline.apply/1"
CONFLICTS_SCHEMA = "redline.conflicts/1"

JSON = dict[str, Any]


def mismatch_to_dict(m: Mismatch) -> JSON:
    return {
        "instruction": m.instruction,
        "location": m.location,
        "problem": m.problem,
        "expected": m.expected,
        "found": m.found,
    }


def edit_to_dict(e: Edit) -> JSON:
    return {"where": describe(e), "place": list(e.place), "change": change_text(e)}


def plan_to_dict(annex: str, base: str, p: Plan, written: str | None) -> JSON:
    return {
        "schema": APPLY_SCHEMA,
        "annex": annex,
        "base": base,
        "ok": not p.mismatches,
        "written": written,
        "edits": [edit_to_dict(e) for e in p.edits],
        "mismatches": [mismatch_to_dict(m) for m in p.mismatches],
        "warnings": [warning_line(w) for w in p.warnings],
        "warning_records": [notice_to_dict(w) for w in p.warnings],
    }


def warning_line(w: Notice) -> str:
    """ "annex.docx: drafted against SEC Version 6.17; the baseline is 6.18": apply's
    warnings are about one of its inputs, so the line names it."""
    return f"{w.source}: {w}" if w.source else str(w)


def mismatch_lines(mismatches: tuple[Mismatch, ...], indent: str = "  ") -> list[str]:
    lines = []
    for m in mismatches:
        lines.append(f"{indent}{m.location}: {m.problem}  [{m.instruction}]")
        if m.expected:
            lines.append(f"{indent}    annex:    {m.expected[:200]}")
        if m.found:
            lines.append(f"{indent}    baseline: {m.found[:200]}")
    return lines


def counted(n: int, what: str) -> str:
    """ "1 row inserted", "2 rows inserted", "1 footer figure set": ``what`` says "(s)" where the plural goes."""
    return f"{n} {what.replace('(es)', '' if n == 1 else 'es').replace('(s)', '' if n == 1 else 's')}"


def edit_summary(edits: tuple[Edit, ...]) -> list[str]:
    """One line per section or table: "Table 8.1.10: 2 rows inserted, 9 footer figures set"."""
    grouped: dict[str, dict[str, int]] = {}
    for e in edits:
        counts = grouped.setdefault(e.target, {})
        counts[e.tally] = counts.get(e.tally, 0) + 1
    out = []
    for target, counts in grouped.items():
        parts = [counted(n, what) if "(" in what else what for what, n in counts.items()]
        out.append(f"  {target}: " + ", ".join(parts))
    return out


def plan_text(annex: str, base: str, p: Plan, *, every_edit: bool = False, written: bool = True) -> str:
    """The apply report: edits summed up per section/table (or each one), then the mismatches.
    Not ``written`` (amendments that do not match): it says what was checked, not "applied"."""
    edits, mismatches = counted(len(p.edits), "edit(s)"), counted(len(p.mismatches), "mismatch(es)")
    if written:
        lines = [f"{annex} applied to {base}: {edits}, {mismatches}"]
    else:
        lines = [f"{annex} checked against {base}: {edits} would be made, {mismatches}; not applied"]
    lines += [f"warning: {warning_line(w)}" for w in p.warnings]
    if every_edit:
        lines += [f"  {describe(e)}: {change_text(e)}" for e in p.edits]
    else:
        lines += edit_summary(p.edits)
    if p.mismatches:
        lines.append("amendments that do not match the baseline:")
        lines += mismatch_lines(p.mismatches)
    return "\n".join(lines) + "\n"


def conflicts_to_dict(r: ConflictReport) -> JSON:
    return {
        "schema": CONFLICTS_SCHEMA,
        "base": r.base,
        "first": r.first,
        "second": r.second,
        "ok": r.ok,
        "conflicts": [
            {
                "where": c.where,
                "place": list(c.place),
                "same_change": c.same_change,
                "first": [change_text(e) for e in c.first],
                "second": [change_text(e) for e in c.second],
            }
            for c in r.conflicts
        ],
        "recounted": [
            {
                "where": describe(x.edit_first),
                "base": x.edit_first.old,
                "first": x.edit_first.new,
                "second": x.edit_second.new,
                "merged": x.merged,
            }
            for x in r.recounted
        ],
        "agreed": [
            {"where": c.where, "place": list(c.place), "change": [change_text(e) for e in c.first]}
            for c in r.agreed
        ],
        "warnings": [warning_line(w) for w in r.warnings],
        "warning_records": [notice_to_dict(w) for w in r.warnings],
        "mismatches": {
            "first": [mismatch_to_dict(m) for m in r.mismatches_first],
            "second": [mismatch_to_dict(m) for m in r.mismatches_second],
        },
    }


def conflicts_text(r: ConflictReport) -> str:
    head = f"{r.first} and {r.second} against {r.base}: {counted(len(r.conflicts), 'conflict(s)')}"
    if r.agreed:
        head += f", {counted(len(r.agreed), 'change(s)')} both make"
    lines = [head]
    lines += [f"warning: {warning_line(w)}" for w in r.warnings]
    for c in r.conflicts:
        lines.append(f"CONFLICT  {c.where}")
        lines += [f"  {r.first}: {change_text(e)}" for e in c.first]
        lines += [f"  {r.second}: {change_text(e)}" for e in c.second]
    for c in r.agreed:
        lines.append(f"same      {c.where}: both {'; '.join(change_text(e) for e in c.first)}")
    for x in r.recounted:
        lines.append(
            f"recount   {describe(x.edit_first)}: {x.edit_first.old} -> {x.edit_first.new} / {x.edit_second.new};"
            f" both rows kept it becomes {x.merged}"
        )
    for name, ms in ((r.first, r.mismatches_first), (r.second, r.mismatches_second)):
        if ms:
            lines.append(f"{name}: {counted(len(ms), 'amendment(s)')} that do not match the base:")
            lines += mismatch_lines(ms)
    return "\n".join(lines) + "\n"
