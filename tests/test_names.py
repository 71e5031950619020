"""One home per rule (issue 19, item 7): what a file is, decided once.

The diff forgives spacing alone between a DOCX and a PDF (the two readers
space some text differently); it told them apart by the file's name, so a
PDF saved as ``.docx`` was diffed as a DOCX and a DOCX named ``.pdf`` as a
PDF. The readers tell formats apart by the first bytes (``readers.sniff``),
and the model now carries what they found.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from redline.diff import diff
from redline.readers import read
from tests.conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT))
from fixtures.edit_cells import SPACED, edit_cells


def test_a_pdf_named_docx_is_diffed_as_the_pdf_it_is(tmp_path: Path) -> None:
    spaced = read(edit_cells(FIXTURES / "appendix-r-v6.18.docx", tmp_path / "6.18-spaced.docx", SPACED))
    disguised = tmp_path / "6.18-from-pdf.docx"
    shutil.copyfile(FIXTURES / "appendix-r-v6.18.pdf", disguised)
    pdf = read(disguised)
    assert (spaced.read_from, pdf.read_from) == ("docx", "pdf")
    assert diff(spaced, pdf).is_empty and diff(pdf, spaced).is_empty  # spacing alone, DOCX against PDF


def test_a_docx_named_pdf_is_diffed_as_the_docx_it_is(tmp_path: Path) -> None:
    spaced = tmp_path / "6.18-spaced.pdf"  # a DOCX, whatever its name says
    edit_cells(FIXTURES / "appendix-r-v6.18.docx", spaced, SPACED)
    result = diff(read(FIXTURES / "appendix-r-v6.18.docx"), read(spaced))
    renamed = [(r.key, r.typography_only) for t in result.tables for r in t.rows_renamed]
    assert renamed == [("6.31", True), ("12.2", True)]  # between two DOCX, spacing is a typography-only rename
