"""Versions of the fixtures edited as a drafter in a hurry would, made by editing
the Word file's XML (``redline.writers.docx_amend``), not by our annex writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from redline.annex.plan import plan_annex
from redline.draft import amend_docx
from redline.model import Document, Paragraph, Run, Section
from redline.readers import read
from redline.readers.docx import read_docx
from redline.versions.edits import Edit, RowEdit, SectionEdit
from tests.conftest import V619


def edited_619(dest: Path) -> Path:
    """6.19 with Table 8.1.6 row 4.2's ECV1 N/A -> Mandatory and the footer not recounted
    (it should become Count of N/A 14, Count of Mandatory 2 and 18, Total Tests 19)."""
    table = read(V619).table("8.1.6")
    assert table is not None
    row = table.rows[0]
    assert row.key == "4.2" and row.texts[5] == "N/A"
    new = (*row.texts[:5], "Mandatory", *row.texts[6:])
    edit = RowEdit("8.1.6", 0, "replace", row.key, row.name, row.texts, new)
    dest.write_bytes(amend_docx(V619.read_bytes(), str(V619), [edit]))
    return dest


# -- edited versions in memory, and the annex between two versions (issue 18) ----------


def docx_619() -> bytes:
    return V619.read_bytes()


def edited_docx(base: Path, edits: Sequence[Edit]) -> tuple[bytes, Document]:
    """``base`` with ``edits`` made in its Word XML (as a drafter editing in Word would:
    copied paragraphs keep the list numbering of the ones they copy), and read back."""
    data = amend_docx(base.read_bytes(), str(base), list(edits))
    return data, read_docx(base.with_name("edited.docx"), data, "")


def annex_between(old: Document, new: Document) -> Document:
    """The annex ``redline annex OLD NEW`` plans, as the model its DOCX reads back to
    (``structure.make_amendment`` builds both), without writing it."""
    plan = plan_annex(old, new)
    return Document("annex.docx", "", plan.document_title, (), amendments=plan.items,
                    drafted_against=plan.against)


def rename_row(doc: Document, table: str, key: str, name: str, old: str | None = None) -> RowEdit:
    """A :class:`RowEdit` giving the row keyed ``key`` (named ``old``, where two share
    the key) of ``table`` the name ``name``."""
    t = doc.table(table)
    assert t is not None and t.name_column is not None
    [(i, row)] = [(i, r) for i, r in enumerate(t.rows) if r.key == key and old in (None, r.name)]
    new = list(row.texts)
    new[t.name_column] = name
    return RowEdit(table, i, "replace", row.key, name, row.texts, tuple(new))


def new_section(number: str, title: str, *paragraphs: str) -> SectionEdit:
    blocks = tuple(Paragraph(p, (Run(p),)) for p in paragraphs)
    return SectionEdit(number, "insert", Section(number, title, number.count(".") + 1, blocks, (Run(title),)))
