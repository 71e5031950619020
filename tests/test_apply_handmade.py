"""A hand-made annex in MP089's style (python-docx, red strike / blue underline, a
header-less table of changed rows) applied to the fixture SEC 6.18: Section 1.2
and Table 8.1.10 come out as in 6.19; the PDF of the same annex (LibreOffice)
does too once the PDF reader is there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from redline.checks import check_table
from redline.model import Document
from redline.versions.apply import apply
from redline.versions.compare import differences
from tests.conftest import V618, V619
from tests.handmade_annex import build


def _read(path: Path) -> Document:
    pytest.importorskip("redline.readers.docx")
    from redline.readers import read

    return read(path)


def _check_against_619(annex: Document) -> None:
    result = apply(_read(V618), annex)
    assert result.plan.mismatches == ()
    touched = [
        d
        for d in differences(result.document, _read(V619), limit=200)
        if d.startswith(("section 1.2", "section 8.1.10"))
    ]
    assert touched == []
    table = result.document.table("8.1.10")
    assert table is not None and check_table(table).ok  # E1 and E2 corrected: 12 and 20


def test_handmade_docx_annex(tmp_path: Path) -> None:
    annex = _read(build(tmp_path / "mp089.docx"))
    [section, table] = annex.amendments
    assert section.deleted == ("to", "and") and table.deleted[0] == "4"
    _check_against_619(annex)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_handmade_pdf_annex(tmp_path: Path) -> None:
    pytest.importorskip("redline.readers.pdf")
    docx = build(tmp_path / "mp089.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    _check_against_619(_read(tmp_path / "mp089.pdf"))


def test_cli_apply_handmade_annex_to_a_stored_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from redline.cli import main

    pytest.importorskip("redline.readers.docx")
    db = tmp_path / "v.db"
    assert main(["versions", "add", str(V618), "--label", "6.18", "--date", "2025-11-06", "--db", str(db)]) == 0
    annex = build(tmp_path / "mp089.docx")
    out = tmp_path / "draft.docx"
    assert main(["apply", str(annex), "--to", "6.18", "-o", str(out), "--db", str(db)]) == 1
    printed = capsys.readouterr().out
    # the annex fixes 8.1.10 but not 8.1.8's planted E3, so the totals check still fails: exit 1
    assert "  Table 8.1.10: 2 rows inserted, 13 footer figures set" in printed
    assert f"wrote {out}" in printed and "FAIL  Table 8.1.8" in printed and "ok    Table 8.1.10" in printed
    draft = [
        d for d in differences(_read(out), _read(V619), limit=200) if d.startswith(("section 1.2", "section 8.1.10"))
    ]
    assert draft == []
