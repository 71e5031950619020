"""Plain-text reports for people at a terminal.

Kept apart from the CLI so the same report can be produced from a script
(``redline.writers.text.check_report(result)``) and tested without a shell.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.checks import CheckResult
from redline.model import Document, Paragraph, Table


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  ") -> list[str]:
    """A fixed-width text table, columns as wide as their widest cell."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for n, r in enumerate(cells):
        out.append(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            out.append(indent + "  ".join("-" * w for w in widths))
    return out


def _table_line(t: Table) -> str:
    role = f" [{t.role}]" if t.role else ""
    footer = f", footer: {len(t.footer)} rows" if t.footer else ""
    return f"table {t.number or '?'} {t.kind}{role}: {len(t.rows)} rows, {len(t.columns)} columns{footer}"


def outline(doc: Document) -> str:
    """The outline printed by ``redline parse``."""
    lines = [f"{doc.source}: {doc.title or '(untitled)'}"]
    if doc.sec_version:
        lines.append(f"SEC version {doc.sec_version}")
    if doc.drafted_against:
        lines.append(f"drafted against SEC version {doc.drafted_against}")
    lines.append(f"{len(doc.sections)} sections, {len(doc.tables())} tables")
    for s in doc.sections:
        paragraphs = sum(1 for b in s.blocks if isinstance(b, Paragraph))
        lines.append(f"{'  ' * (s.level - 1)}{s.number} {s.title}  ({paragraphs} paragraphs)")
        for t in s.tables():
            lines.append(f"{'  ' * s.level}{_table_line(t)}")
    if doc.amendments:
        lines.append(f"{len(doc.amendments)} amendments:")
        for a in doc.amendments:
            lines.append(f"  {a.instruction}  (+{len(a.inserted)} inserted, -{len(a.deleted)} deleted)")
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines) + "\n"


def check_report(result: CheckResult) -> str:
    """What ``redline check`` prints: a short table per table with mismatches."""
    if not result.tables:
        return f"{result.source}: no tables with footer counts: nothing to check\n"
    lines = []
    for t in result.tables:
        if t.ok:
            lines.append(f"ok    Table {t.table} {t.title}")
            continue
        lines.append(f"FAIL  Table {t.table} {t.title}: {len(t.mismatches)} mismatch(es)")
        if t.mismatches:
            rows = [(m.row, m.column, m.stated, m.computed) for m in t.mismatches]
            lines.extend(format_table(("row", "column", "stated", "computed"), rows, indent="      "))
        for p in t.problems:
            lines.append(f"      cannot read footer row {p}")
    bad = sum(1 for t in result.tables if not t.ok)
    verdict = "all footer figures agree" if result.ok else f"{result.mismatch_count} mismatch(es) in {bad} table(s)"
    lines.append(f"{result.source}: {len(result.tables)} tables checked, {verdict}")
    return "\n".join(lines) + "\n"
