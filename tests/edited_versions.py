"""Versions of the fixtures edited as a drafter in a hurry would, made by editing
the Word file's XML (``redline.writers.docx_amend``), not by our annex writer."""

from __future__ import annotations

from pathlib import Path

from redline.draft import amend_docx
from redline.readers import read
from redline.versions.edits import RowEdit
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
