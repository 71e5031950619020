"""Edits a drafter makes in Word to Section H and Section A of 6.19 (here with python-docx,
not redline's writer), then annex 6.19 -> edited, apply it to 6.19, diff against the edited
files: nothing may be left.

What broke: a clause inserted in Word's automatic list (H14.7, the old H14.7..H14.15
renumbered) was applied as a paragraph added to the old H14.7, and "Amend Section H14.13"
(the renumbered H14.12) was looked for in the old H14.13: 7 mismatches, nothing written.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import docx
import pytest
from docx.table import _Row
from docx.text.paragraph import Paragraph

from redline.cli import main
from redline.diff import diff
from redline.readers import read
from tests.conftest import FIXTURES

SEC = FIXTURES / "sec"


def _retype(p: Paragraph, text: str) -> None:
    p.runs[0].text = text
    for r in p.runs[1:]:
        r._r.getparent().remove(r._r)


def _edit_section_h(src: Path, dest: Path) -> None:
    d = docx.Document(str(src))
    paras = d.paragraphs
    six = next(p for p in paras if p.text.startswith("The User Entry Process Tests shall test the capability"))
    new = copy.deepcopy(six._p)  # Enter at the end of H14.6: a new clause in the list
    six._p.addnext(new)
    added = "The DCC shall make the User Entry Process Tests available on each Working Day."
    _retype(Paragraph(new, six._parent), added)
    sub = next(p for p in paras if p.text == "the Devices to be used in the tests;")
    _retype(sub, "the Devices and Test Devices to be used in the tests;")
    d.save(str(dest))


def _edit_section_a(src: Path, dest: Path) -> None:
    d = docx.Document(str(src))
    table = d.tables[0]
    terms = [r.cells[0].text for r in table.rows]
    before = table.rows[terms.index("Test Participant")]
    new = copy.deepcopy(before._tr)
    before._tr.addprevious(new)  # alphabetical: 'Test Environment' before 'Test Participant'
    row = _Row(new, table)
    _retype(row.cells[0].paragraphs[0], "Test Environment")
    _retype(row.cells[1].paragraphs[0], "means the environment the DCC provides for the Testing Services.")
    renamed = table.rows[terms.index("Enduring Testing Approach Document")]
    _retype(renamed.cells[0].paragraphs[0], "Enduring Test Approach Document")
    d.save(str(dest))


@pytest.fixture
def releases(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "6.19", tmp_path / "6.20"
    old.mkdir()
    new.mkdir()
    for name in ("section-a.docx", "section-h.docx"):
        shutil.copy(SEC / "6.19" / name, old / name)
    _edit_section_h(old / "section-h.docx", new / "section-h.docx")
    _edit_section_a(old / "section-a.docx", new / "section-a.docx")
    return old, new


def test_clause_inserted_in_the_automatic_list_applies_and_renumbers_those_after(
    releases: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = releases
    annex, drafts = tmp_path / "mp.docx", tmp_path / "drafts"
    assert main(["annex", str(old), str(new), "--mp", "MP998", "-o", str(annex)]) == 0
    assert main(["apply", str(annex), "--to", str(old), "-o", str(drafts)]) == 0
    for name in ("section-a", "section-h"):
        left = diff(read(drafts / f"{name}.docx"), read(new / f"{name}.docx"))
        assert left.sections == () and left.tables == () and left.front is None, name
    h = read(drafts / "section-h.docx")
    assert h.section("H14.7") is not None and h.section("H14.16") is not None
