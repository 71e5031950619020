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

from redline import kinds
from redline.diff.match import SETTINGS, MatchSettings, align
from redline.diff.records import DiffResult, Endpoint, SectionChange
from redline.diff.references import check_references
from redline.diff.sections import diff_paragraphs, diff_sections
from redline.diff.summary import summarise
from redline.diff.tables import diff_tables, table_number_map
from redline.diff.typography import adopt_typography, flag_tables, flag_typography, flag_values
from redline.eligibility import EligibilityList, RowMove, diff_eligibility
from redline.errors import RedlineError
from redline.model import Document, Paragraph, Table
from redline.text import ROLES

__all__ = ["DiffResult", "diff", "select", "with_eligibility"]

Only = Literal["tables", "sections"]


def _endpoint(doc: Document) -> Endpoint:
    return Endpoint(doc.source, doc.sha256, doc.sec_version, doc.document)


FRONT_MATTER = "front matter"
"""How the text before the first numbered heading is named in reports."""


def _front_paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.front if isinstance(b, Paragraph) and b.compared_text]


def _front_tables(doc: Document) -> tuple[Table, ...]:
    """The tables before the first numbered heading (in a document without
    numbered headings, all of them): ``Document.tables()`` has only the
    sections' tables, and the alignment indexes those."""
    return tuple(b for b in doc.front if isinstance(b, Table))


def diff_front(old: Document, new: Document) -> SectionChange | None:
    """The paragraphs before the first numbered heading, diffed like a
    section's: most DOCX in the world have no numbered headings, and their
    whole text is front matter, which must not diff as "no changes"."""
    paragraphs = diff_paragraphs(_front_paragraphs(old), _front_paragraphs(new))
    if not paragraphs:
        return None
    return SectionChange(
        "modified", "", None, None, FRONT_MATTER, FRONT_MATTER, paragraphs=paragraphs, text_changed=True
    )


def _format(doc: Document) -> str:
    """"docx" or "pdf" as ``readers.sniff`` found it; for a stored model (the format is
    not kept), the suffix of the file it was read from."""
    if doc.read_from:
        return doc.read_from
    return doc.source.rsplit(".", 1)[-1].casefold() if "." in doc.source else ""


def diff(
    old: Document, new: Document, *, ignore_typography: bool = False, settings: MatchSettings = SETTINGS
) -> DiffResult:
    """What changed from ``old`` to ``new``: everything both documents hold,
    front matter and its tables included. Changes of dashes, quotes,
    spacing or case alone are marked ``typography_only``, or left out with
    ``ignore_typography``; between a DOCX and a PDF, spacing alone is how
    the two readers differ, not a change, and is always left out.
    ``settings``: the matcher's thresholds (:class:`~redline.diff.match.MatchSettings`)."""
    if ignore_typography:
        new = adopt_typography(old, new)
    elif {_format(old), _format(new)} == {"docx", "pdf"}:
        new = adopt_typography(old, new, spacing_only=True)
    old_tables, new_tables = old.tables(), new.tables()
    alignment = align(old.sections, new.sections, old_tables, new_tables, settings)
    front_old, front_new = _front_tables(old), _front_tables(new)
    tables = flag_tables((
        *diff_tables(front_old, front_new, settings=settings),
        *diff_tables(old_tables, new_tables, alignment.tables),
    ))
    pairs = [(old.sections[i].number, new.sections[j].number) for i, j in alignment.section_pairs()]
    numbers = table_number_map(old_tables, new_tables, alignment.tables)
    result = DiffResult(
        old=_endpoint(old),
        new=_endpoint(new),
        sections=diff_sections(old.sections, new.sections, alignment.sections),
        tables=tables,
        roles=tuple(flag_values(r) for r in summarise(
            tables, (*front_old, *old_tables), (*front_new, *new_tables)
        )),
        references=check_references(old, new, dict(pairs), numbers, pairs),
        alignment=alignment,
        front=diff_front(old, new),
    )
    return flag_typography(result)


def with_eligibility(result: DiffResult, eligibility: EligibilityList) -> DiffResult:
    """``result`` with the rows added to or removed from each role's DUIS
    matrix held against the eligibility list."""
    moves = [
        RowMove(t.table, t.role, r.key, r.name, added)
        for t in result.tables
        if kinds.spec(t.kind).eligibility and t.role
        for added, rows in ((True, t.rows_added), (False, t.rows_removed))
        for r in rows
    ]
    return replace(result, eligibility=diff_eligibility(moves, eligibility), eligibility_list=eligibility)


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
        out = replace(out, sections=(), references=(), front=None)
    elif only == "sections":
        out = replace(out, tables=(), roles=(), eligibility=())
    if role is not None:
        want = known_role(role)
        out = replace(
            out,
            tables=tuple(t for t in out.tables if (t.role or "").upper() == want),
            roles=tuple(r for r in out.roles if r.role.upper() == want),
            eligibility=tuple(f for f in out.eligibility if f.role.upper() == want),
        )
    return out
