"""The model and check results as JSON (``shared/docs/json-contract.md``).

``document_to_dict`` and :func:`redline.readers.json.document_from_dict`
round-trip exactly: runs and cells are written out only where they say more
than the plain text (marks, or raw spacing), so ordinary output stays small.
"""

from __future__ import annotations

import json
from typing import Any

from redline.checks import CheckResult, Mismatch
from redline.model import Amendment, Block, Cell, Document, Heading, Run, Section, Table

DOCUMENT_SCHEMA = "redline.document/1"
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


def block_to_dict(b: Block | Heading) -> JSON:
    if isinstance(b, Table):
        return table_to_dict(b)
    if isinstance(b, Heading):
        return _with_runs({"type": "heading", "number": b.number, "title": b.title, "level": b.level}, b.runs, b.title)
    data: JSON = {"type": "paragraph", "text": b.text, "list_level": b.list_level}
    if b.style:
        data["style"] = b.style
    return _with_runs(data, b.runs, b.text)


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
    }


def document_to_dict(doc: Document) -> JSON:
    data: JSON = {
        "schema": DOCUMENT_SCHEMA,
        "source": doc.source,
        "sha256": doc.sha256,
        "title": doc.title,
        "sec_version": doc.sec_version,
        "drafted_against": doc.drafted_against,
        "front": [block_to_dict(b) for b in doc.front],
        "sections": [section_to_dict(s) for s in doc.sections],
        "warnings": list(doc.warnings),
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
            }
            for t in result.tables
        ],
    }
