"""An annex applied to a release of PDFs (Sections A and H as LibreOffice printed them).

What broke: the draft rebuilt from a PDF baseline was refused on reading back
("section A2.1 block 7: list level/style 0/None != 1/None"): the PDF reader puts
the roman "(i)" a level under the "(a)" from its indent, the rebuilt DOCX types the
label, which reads back at level 0. Nothing was written, exit 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from redline.cli import main
from redline.diff import diff
from redline.readers import read
from tests.conftest import FIXTURES

SEC = FIXTURES / "sec"


def test_annex_applied_to_a_pdf_release_writes_each_rebuilt_draft(tmp_path: Path) -> None:
    base = tmp_path / "6.18-pdf"
    base.mkdir()
    for name in ("section-a.pdf", "section-h.pdf"):
        shutil.copy(SEC / "6.18" / name, base / name)
    annex, drafts = tmp_path / "mp.docx", tmp_path / "drafts"
    assert main(["annex", str(SEC / "6.18"), str(SEC / "6.19"), "-o", str(annex)]) == 0
    assert main(["apply", str(annex), "--to", str(base), "-o", str(drafts)]) == 0
    for name in ("section-a", "section-h"):
        left = diff(read(drafts / f"{name}.docx"), read(SEC / "6.19" / f"{name}.docx"))
        assert left.sections == () and left.tables == (), name
