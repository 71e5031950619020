"""Gaps in apply found after instruction-as-data landed (issue 18): each test is
named after what broke, on 6.19 edited as a Word user would."""

from __future__ import annotations

from pathlib import Path

from redline.draft import amend_docx
from redline.readers.docx import read_docx
from redline.versions.edits import FooterRowEdit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V619 = FIXTURES / "appendix-r-v6.19.docx"


def test_amended_docx_places_a_new_footer_row_before_a_row_the_annex_spells_in_other_case() -> None:
    """A hand-typed annex writing "TOTAL TESTS" under a new "Count of Mandatory SMETS1"
    row: docx_amend paired the following label with ``==`` (not diff/match.py's
    ``same_footer_row``) and put the new row after Total Tests."""
    figures = (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)
    new = FooterRowEdit("8.1.6", "insert", "Count of Mandatory SMETS1", figures, "TOTAL TESTS")
    data = amend_docx(V619.read_bytes(), str(V619), [new])
    table = read_docx(V619.with_name("amended.docx"), data, "").table("8.1.6")
    assert table is not None
    labels = [f.label for f in table.footer]
    assert labels[-2:] == ["Count of Mandatory SMETS1", "Total Tests"]
