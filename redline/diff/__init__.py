"""Semantic diff of two Appendix R versions: pure functions over the model.

``diff(old, new)`` aligns sections (renumbered, retitled, moved, added,
removed, edited word by word), diffs every table by row key, sums the
changes up per User Role and checks the new text's cross-references.
Nothing here reads files or prints; writers turn the result into JSON or
a text report.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from redline.diff.match import align
from redline.diff.records import DiffResult, Endpoint
from redline.diff.references import check_references
from redline.diff.sections import diff_sections
from redline.diff.summary import summarise
from redline.diff.tables import diff_tables, table_number_map
from redline.errors import RedlineError
from redline.model import Document
from redline.text import ROLES

__all__ = ["DiffResult", "diff", "select"]

Only = Literal["tables", "sections"]


def _endpoint(doc: Document) -> Endpoint:
    return Endpoint(doc.source, doc.sha256, doc.sec_version)


def diff(old: Document, new: Document) -> DiffResult:
    """What changed from ``old`` to ``new``."""
    old_tables, new_tables = old.tables(), new.tables()
    alignment = align(old.sections, new.sections, old_tables, new_tables)
    tables = diff_tables(old_tables, new_tables, alignment.tables)
    pairs = [(old.sections[i].number, new.sections[j].number) for i, j in alignment.section_pairs()]
    numbers = table_number_map(old_tables, new_tables, alignment.tables)
    return DiffResult(
        old=_endpoint(old),
        new=_endpoint(new),
        sections=diff_sections(old.sections, new.sections, alignment.sections),
        tables=tables,
        roles=summarise(tables, old_tables, new_tables),
        references=check_references(old, new, dict(pairs), numbers, pairs),
        alignment=alignment,
    )


def known_role(role: str) -> str:
    """``role`` as a User Role abbreviation ("rsa" -> "RSA"); a mistyped role
    ("SRA") is an error, since filtering on it would read as "no change"."""
    want = role.strip().upper()
    if want not in ROLES:
        raise RedlineError(f"--role {role!r}: not a User Role; use one of {' '.join(ROLES)}")
    return want


def select(result: DiffResult, only: Only | None = None, role: str | None = None) -> DiffResult:
    """The part of a result a reader asked for: only tables or only
    sections, and/or only one User Role's tables and summary (sections are
    not per role and are kept)."""
    out = result
    if only == "tables":
        out = replace(out, sections=(), references=())
    elif only == "sections":
        out = replace(out, tables=(), roles=())
    if role is not None:
        want = known_role(role)
        out = replace(
            out,
            tables=tuple(t for t in out.tables if (t.role or "").upper() == want),
            roles=tuple(r for r in out.roles if r.role.upper() == want),
        )
    return out
