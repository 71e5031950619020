"""A definition moved in Section A1.1's table (cut and pasted in Word, here with
python-docx): the summary counted "1 moved" but the Definitions part of the text
report listed nothing under its heading."""

from __future__ import annotations

from pathlib import Path

import docx

from redline.diff import diff
from redline.readers import read
from redline.writers.text import diff_report
from tests.conftest import FIXTURES

SECTION_A = FIXTURES / "sec" / "6.19" / "section-a.docx"


def test_moved_definition_is_listed_in_the_text_report(tmp_path: Path) -> None:
    d = docx.Document(str(SECTION_A))
    rows = d.tables[0].rows
    terms = [r.cells[0].text for r in rows]
    moved = rows[terms.index("Test Participant")]._tr
    rows[terms.index("Testing Services")]._tr.addnext(moved)  # now after 'Testing Services'
    edited = tmp_path / "section-a.docx"
    d.save(str(edited))
    result = diff(read(SECTION_A), read(edited))
    report = diff_report(result)
    assert "1 moved" in report
    assert "    > moved definition 'Test Participant': row 47 -> row 50" in report.splitlines()
