"""The model and check results as JSON (``shared/docs/json-contract.md``).

``document_to_dict`` and :func:`redline.readers.json.document_from_dict`
round-trip exactly: runs and cells are written out only where they say more
than the plain text (marks, or raw spacing), so ordinary output stays small.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from redline.checks import CheckResult, Mismatch, TableCheck
from redline.eligibility import EligibilityFinding, EligibilityList
from redline.model import (
    DOCUMENT_SCHEMA,
    Amendment,
    Block,
    Cell,
    Document,
    Heading,
    Notice,
    Paragraph,
    Run,
    Section,
    Table,
    dispatch,
)

if TYPE_CHECKING:  # the diff's records are types here: `check --json` and the store do not load the diff
    from redline.annex.check import FigureFinding
    from redline.annex.plan import AnnexPlan
    from redline.diff.records import (
        DiffResult,
        Endpoint,
        FooterChange,
        ReferenceProblem,
        RoleSummary,
        RowChange,
        SectionChange,
        TableChange,
        ValueChange,
        WordEdit,
    )

__all__ = ["DOCUMENT_SCHEMA"]  # and the *_to_dict functions below
CHECK_SCHEMA = "redline.check/1"

JSON = dict[str, Any]


def dumps(data: JSON) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _runs(runs: tuple[Run, ...], text: str) -> list[list[str | None]] | None:
    if runs == ((Run(text),) if text else ()):
        return None
    return [[r.text, r.mark] for r in runs]


def _with_runs(data: JSON, runs: tuple[Run, ...], text: str) -> JSON:
    encoded = _runs(runs, text)
    if encoded is not None:
        data["runs"] = encoded
    return data


def _cell_runs(cells: tuple[Cell, ...]) -> dict[str, list[list[str | None]]]:
    out = {}
    for i, c in enumerate(cells):
        encoded = _runs(c.runs, c.text)
        if encoded is not None:
            out[str(i)] = encoded
    return out


def _cells(cells: tuple[Cell, ...]) -> JSON:
    data: JSON = {"cells": [c.text for c in cells]}
    runs = _cell_runs(cells)
    if runs:
        data["cell_runs"] = runs
    return data


def table_to_dict(t: Table) -> JSON:
    return {
        "type": "table",
        "number": t.number,
        "title": t.title,
        "kind": t.kind,
        "role": t.role,
        "columns": list(t.columns),
        "key_column": t.key_column,
        "name_column": t.name_column,
        "value_columns": list(t.value_columns),
        "header_rows": [_cells(h) for h in t.header_rows],
        "rows": [{"key": r.key, "name": r.name, **_cells(r.cells)} for r in t.rows],
        "footer": [
            {
                "row": f.label,
                "figures": list(f.figures),
                **({"old_figures": list(f.old_figures)} if f.old_figures is not None else {}),
                **_cells(f.cells),
            }
            for f in t.footer
        ],
    }


def notice_to_dict(n: Notice) -> JSON:
    """A warning as a record (``warnings`` keeps the one-line strings it always had)."""
    return {"level": n.level, "source": n.source, "place": n.place, "message": n.message}


def block_to_dict(b: Block | Heading) -> JSON:
    return dispatch(b, _BLOCKS, "JSON writer")


def _heading_to_dict(h: Heading) -> JSON:
    return _with_runs({"type": "heading", "number": h.number, "title": h.title, "level": h.level}, h.runs, h.title)


def _paragraph_to_dict(b: Paragraph) -> JSON:
    data: JSON = {"type": "paragraph", "text": b.text, "list_level": b.list_level}
    if b.style:
        data["style"] = b.style
    if b.label:
        data["label"] = b.label
    if b.notes:
        data["notes"] = [_with_runs({"kind": n.kind, "text": n.text}, n.runs, n.text) for n in b.notes]
    if b.pictures:
        data["pictures"] = [{"kind": p.kind, "digest": p.digest, "name": p.name} for p in b.pictures]
    return _with_runs(data, b.runs, b.text)


_BLOCKS: dict[type, Callable[[Any], JSON]] = {
    Table: table_to_dict,
    Heading: _heading_to_dict,
    Paragraph: _paragraph_to_dict,
}


def section_to_dict(s: Section) -> JSON:
    data: JSON = {"number": s.number, "title": s.title, "level": s.level}
    encoded = _runs(s.title_runs, s.title)
    if encoded is not None:
        data["title_runs"] = encoded
    data["blocks"] = [block_to_dict(b) for b in s.blocks]
    return data


def amendment_to_dict(a: Amendment) -> JSON:
    return {
        "instruction": a.instruction,
        "target": {"kind": a.target.kind, "number": a.target.number},
        "old_text": a.old_text,
        "new_text": a.new_text,
        "inserted": list(a.inserted),
        "deleted": list(a.deleted),
        "blocks": [block_to_dict(b) for b in a.blocks],
        "document": a.document,
    }


def document_to_dict(doc: Document) -> JSON:
    data: JSON = {
        "schema": DOCUMENT_SCHEMA,
        "source": doc.source,
        "sha256": doc.sha256,
        "title": doc.title,
        "document": doc.document,
        "document_title": doc.document_title,
        "sec_version": doc.sec_version,
        "drafted_against": doc.drafted_against,
        "front": [block_to_dict(b) for b in doc.front],
        "sections": [section_to_dict(s) for s in doc.sections],
        "warnings": [str(w) for w in doc.warnings],
        "warning_records": [notice_to_dict(w) for w in doc.warnings],
    }
    if doc.amendments:
        data["amendments"] = [amendment_to_dict(a) for a in doc.amendments]
    return data


def mismatch_to_dict(m: Mismatch) -> JSON:
    return {
        "row": m.row,
        "column": m.column,
        "column_index": m.column_index,
        "stated": m.stated,
        "computed": m.computed,
    }


def eligibility_to_dict(f: EligibilityFinding) -> JSON:
    return {"kind": f.kind, "table": f.table, "role": f.role, "key": f.key, "name": f.name, "message": f.message}


def eligibility_list_to_dict(e: EligibilityList | None) -> JSON | None:
    if e is None:
        return None
    return {"source": e.source, "version": e.version, "sha256": e.sha256, "service_requests": len(e.requests)}


def check_to_dict(result: CheckResult) -> JSON:
    return {
        "schema": CHECK_SCHEMA,
        "source": result.source,
        "ok": result.ok,
        "tables": [
            {
                "table": t.table,
                "title": t.title,
                "mismatches": [mismatch_to_dict(m) for m in t.mismatches],
                "problems": list(t.problems),
                "unknown_values": [
                    {"key": u.key, "name": u.name, "column": u.column, "column_index": u.column_index, "value": u.value}
                    for u in t.unknown_values
                ],
                "missing_count_rows": [{"row": m.label, "value": m.value, "cells": m.cells} for m in t.missing],
            }
            for t in result.tables
        ],
        "coverage": [
            {"table": t.table, "title": t.title, "kind": t.kind, "role": t.role, "rows": t.rows, "status": t.status}
            for t in result.read
        ],
        "summary": {
            "tables_read": len(result.read),
            "tables_checked": sum(1 for t in result.read if t.checked),
            "tables_without_footer": sum(1 for t in result.read if not t.checked),
            "mismatches": result.mismatch_count,
            "eligibility_findings": len(result.eligibility),
        },
        "eligibility": [eligibility_to_dict(f) for f in result.eligibility],
        "eligibility_list": eligibility_list_to_dict(result.eligibility_list),
    }


DIFF_SCHEMA = "redline.diff/1"


def _edit(op: str, text: str, paragraph: int | None) -> JSON:
    return {"op": op, "text": " ".join(text.split()), "paragraph": paragraph}


def _section_edits(s: SectionChange) -> list[JSON]:
    """All inserts and deletes of a section's paragraphs, flat, in order."""
    from redline.diff.words import changed  # here: the diff is loaded only by what reports one
    out: list[JSON] = []
    for p in s.paragraphs:
        if p.change == "added" and p.new:
            out.append(_edit("insert", p.new, p.new_index))
        elif p.change == "removed" and p.old:
            out.append(_edit("delete", p.old, p.old_index))
        else:
            out.extend(_edit(e.op, e.text, p.new_index) for e in changed(p.edits))
    return out


def _word_edits(edits: tuple[WordEdit, ...]) -> list[JSON]:
    return [{"op": e.op, "text": e.text} for e in edits]


def _contract_change(s: SectionChange) -> str:
    """The contract's kinds are added/removed/modified/renumbered/retitled: a
    moved section is given as renumbered (or modified if it kept its number),
    with ``"moved": true``."""
    if s.change != "moved":
        return s.change
    return "renumbered" if s.old_number != s.new_number else "modified"


def section_change_to_dict(s: SectionChange) -> JSON:
    return {
        "number": s.number,
        "change": _contract_change(s),
        "moved": s.change == "moved",
        "old_number": s.old_number,
        "new_number": s.new_number,
        "old_title": s.old_title,
        "new_title": s.new_title,
        "retitled": s.retitled,
        "text_changed": s.text_changed,
        "edits": _section_edits(s),
        "title_edits": _word_edits(s.title_edits),
        "paragraphs": [
            {
                "change": p.change,
                "old": p.old,
                "new": p.new,
                "old_index": p.old_index,
                "new_index": p.new_index,
                "list_level": p.list_level,
                "edits": _word_edits(p.edits),
                "typography_only": p.typography_only,
                **({"label": p.label} if p.label else {}),
            }
            for p in s.paragraphs
        ],
    }


def _row(r: RowChange) -> JSON:
    return {"key": r.key, "name": r.name, "old_index": r.old_index, "new_index": r.new_index, "cells": list(r.cells)}


def _footer_change(f: FooterChange) -> JSON:
    return {"row": f.row, "column": f.column, "column_index": f.column_index, "old": f.old, "new": f.new}


def table_change_to_dict(t: TableChange) -> JSON:
    return {
        "table": t.table,
        "change": t.change,
        "old_number": t.old_number,
        "new_number": t.new_number,
        "title": t.title,
        "kind": t.kind,
        "role": t.role,
        "rows_added": [_row(r) for r in t.rows_added],
        "rows_removed": [_row(r) for r in t.rows_removed],
        "rows_renamed": [
            {
                "key": r.key,
                "old_name": r.old_name,
                "new_name": r.name,
                "old_index": r.old_index,
                "new_index": r.new_index,
                "typography_only": r.typography_only,
            }
            for r in t.rows_renamed
        ],
        "rows_moved": [
            {"key": r.key, "name": r.name, "old_index": r.old_index, "new_index": r.new_index} for r in t.rows_moved
        ],
        "cells_changed": [
            {
                "key": c.key,
                "name": c.name,
                "column": c.column,
                "column_index": c.column_index,
                "old": c.old,
                "new": c.new,
                "old_row": c.old_row,
                "new_row": c.new_row,
                "typography_only": c.typography_only,
            }
            for c in t.cells_changed
        ],
        "counts": [_footer_change(f) for f in t.counts],
        "stated": [_footer_change(f) for f in t.stated],
        "columns_added": list(t.columns_added),
        "columns_removed": list(t.columns_removed),
        "columns_renamed": [
            {
                "old": c.old,
                "new": c.new,
                "index": c.index,
                "old_index": c.old_index,
                "typography_only": c.typography_only,
            }
            for c in t.columns_renamed
        ],
        "check": {"old": [mismatch_to_dict(m) for m in t.check_old], "new": [mismatch_to_dict(m) for m in t.check_new]},
    }


def _value(v: ValueChange) -> JSON:
    return {"table": v.table, "key": v.key, "name": v.name, "column": v.column, "old": v.old, "new": v.new,
            "typography_only": v.typography_only}


def role_summary_to_dict(r: RoleSummary) -> JSON:
    return {
        "role": r.role,
        "tables": list(r.tables),
        "changed": r.has_changes,
        "became_mandatory": [_value(v) for v in r.became_mandatory],
        "stopped_mandatory": [_value(v) for v in r.stopped_mandatory],
        "other_values": [_value(v) for v in r.other_values],
        "rows_added": [_value(v) for v in r.rows_added],
        "rows_removed": [_value(v) for v in r.rows_removed],
        "rows_renamed": [_value(v) for v in r.rows_renamed],
        "rows_moved": [_value(v) for v in r.rows_moved],
        "total_tests": {"old": r.total_tests_old, "new": r.total_tests_new, "change": r.total_tests_change},
    }


def reference_to_dict(p: ReferenceProblem) -> JSON:
    return {
        "problem": p.problem,
        "text": p.text,
        "target": p.target,
        "section": p.section,
        "suggested": p.suggested,
        "context": p.context,
    }


def _endpoint(e: Endpoint) -> JSON:
    return {"source": e.source, "sha256": e.sha256, "sec_version": e.sec_version, "document": e.document}


def diff_to_dict(result: DiffResult) -> JSON:
    """A diff result in the ``redline.diff/1`` form of json-contract.md."""
    return {
        "schema": DIFF_SCHEMA,
        "old": _endpoint(result.old),
        "new": _endpoint(result.new),
        "sections": [section_change_to_dict(s) for s in result.sections],
        "tables": [table_change_to_dict(t) for t in result.tables],
        "roles": [role_summary_to_dict(r) for r in result.roles],
        "references": [reference_to_dict(p) for p in result.references],
        "front_matter": section_change_to_dict(result.front) if result.front else None,
        "eligibility": [eligibility_to_dict(f) for f in result.eligibility],
        "eligibility_list": eligibility_list_to_dict(result.eligibility_list),
        "summary": {**result.counts(), "eligibility_findings": len(result.eligibility)},
    }


ANNEX_SCHEMA = "redline.annex/1"


def annex_report_to_dict(
    written: str,
    plan: AnnexPlan,
    totals: Sequence[TableCheck],
    corrected: bool,
    references: Sequence[ReferenceProblem],
) -> JSON:
    """What ``redline annex --json`` prints: the file written, the amendment counts,
    the amended tables whose new figures are not what their rows give (and whether
    the annex shows them corrected), and the broken cross-references."""
    return {
        "schema": ANNEX_SCHEMA,
        "written": written,
        "full": plan.full,
        "amendments": 0 if plan.full else len(plan.items),
        "sections_changed": plan.sections_changed,
        "tables_changed": plan.tables_changed,
        "totals": [
            {
                "table": t.table,
                "title": t.title,
                "corrected": corrected,
                "figures": [mismatch_to_dict(m) for m in t.mismatches],
            }
            for t in totals
        ],
        "references": [reference_to_dict(p) for p in references],
    }


def figure_finding_to_dict(f: FigureFinding, baseline: tuple[int | None] | None = None) -> JSON:
    """One figure of ``redline check ANNEX``: kind "correction" (to confirm) or "error"."""
    data: JSON = {
        "table": f.table,
        "row": f.row,
        "column": f.column,
        "old": f.old,
        "new": f.new,
        "expected": f.expected,
        "kind": f.kind,
        "reason": f.reason,
    }
    if baseline is not None:  # with --against: a correction is confirmed when the baseline's rows give another figure
        data["confirmed"] = baseline[0] is not None
        data["baseline_rows_give"] = baseline[0]
    return data

