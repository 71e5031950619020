"""The annex as a drafter sends it: the classification banner and "Page X of Y"
on every page as in the baseline, the document's own properties, insertions and
deletions in two colours in the PDF, a --full copy that says what it is, the
renumbering instruction after an inserted section, and an HTML summary panel
that names files (not this machine's folders) and can be left out."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from redline.annex.full import plan_full
from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex
from redline.cli import main
from redline.diff import diff
from redline.readers import read
from redline.writers.annex import write_annex
from redline.writers.html import render_html
from tests.conftest import FIXTURES, V618, V619

BANNER = "This document is classified as White"
RENUMBER = "Renumber existing Sections 7.2 and 7.3 as 7.3 and 7.4, and the references to them, accordingly."


@pytest.fixture(scope="module")
def plans() -> tuple[AnnexPlan, AnnexPlan]:
    old, new = read(V618), read(V619)
    changes = diff(old, new)
    return plan_annex(old, new, changes, AnnexOptions(mp="MP089")), plan_full(old, new, changes, AnnexOptions())


def _part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8")


def test_docx_has_banner_page_numbers_and_its_own_properties(
    plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path
) -> None:
    dest = write_annex(plans[0], tmp_path / "a.docx", author="Jane Drafter")
    header, footer, core = (_part(dest, n) for n in ("word/header1.xml", "word/footer1.xml", "docProps/core.xml"))
    assert BANNER in header and "MP089 ‘Changes to Appendix R" in header
    assert re.search(r"Page </w:t>.*PAGE \\\* MERGEFORMAT.* of </w:t>.*NUMPAGES", footer)
    assert "<dc:creator>Jane Drafter</dc:creator>" in core and "python-docx" not in core
    assert "<dc:title>MP089 ‘Changes to Appendix R – Common Testing Scenarios Document’ – Annex A</dc:title>" in core
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert created is not None
    when = datetime.datetime.fromisoformat(created.group(1).replace("Z", "+00:00"))
    assert abs((datetime.datetime.now(datetime.UTC) - when).total_seconds()) < 600


def test_inserted_section_is_followed_by_the_renumbering_instruction(
    plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path
) -> None:
    plan = plans[0]
    [insert] = [i for i in plan.items if i.instruction == "Insert Section 7.2 as follows:"]
    assert plan.renumbering_note(insert) == RENUMBER
    [delete] = [i for i in plan.items if i.instruction.startswith("Delete Section 6.3")]
    assert plan.renumbering_note(delete) is None  # 6.3 was the last of 6: nothing after it moves
    dest = write_annex(plan, tmp_path / "a.docx")
    assert RENUMBER in _part(dest, "word/document.xml")
    assert f"<em>{RENUMBER}</em>" in render_html(plan)
    # the instruction is about the annex, not content: it reads back to the same amendments
    back = read(dest)
    assert [a.new_text for a in back.amendments] == [a.new_text for a in plan.items]


def test_html_panel_names_files_and_can_be_left_out(plans: tuple[AnnexPlan, AnnexPlan]) -> None:
    page = render_html(plans[0])
    assert "<code>appendix-r-v6.18.docx</code> to <code>appendix-r-v6.19.docx</code>" in page
    assert str(FIXTURES) not in page
    bare = render_html(plans[0], summary=False)
    assert 'id="summary"' not in bare and "Amend Table 8.1.10 as follows:" in bare


def test_full_copy_says_what_it_is_in_every_format(plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path) -> None:
    full = plans[1]
    page = render_html(full).split("</style>")[1]
    assert "Annex A" not in page and "Legal text" not in page and "About this document" not in page
    assert "Appendix R – Common Testing Scenarios Document – full text with the changes against SEC " \
           "Version 6.18 marked (not an annex)</title>" in render_html(full)
    dest = write_annex(full, tmp_path / "full.docx")
    assert "full text with the changes against SEC Version 6.18 marked (not an annex)" in _part(
        dest, "word/header1.xml"
    )
    assert "Annex A" not in _part(dest, "docProps/core.xml")


def test_cli_no_summary_and_author(tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    assert main(["annex", str(V618), str(V619), "-o", str(out), "--no-summary"]) == 0
    assert 'id="summary"' not in out.read_text(encoding="utf-8")
    docx = tmp_path / "a.docx"
    assert main(["annex", str(V618), str(V619), "-o", str(docx), "--tracked", "--author", "SECAS"]) == 0
    assert 'w:author="SECAS"' in _part(docx, "word/document.xml")
    assert "<dc:creator>SECAS</dc:creator>" in _part(docx, "docProps/core.xml")


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_pdf_pages_carry_banner_and_page_numbers_and_marks_in_two_colours(
    plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path
) -> None:
    import pdfplumber

    pdf = write_annex(plans[0], tmp_path / "a.pdf", tracked=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 3
    for n, page in enumerate(pages, 1):
        assert BANNER in page and f"Page {n} of {len(pages)}" in page
    with pdfplumber.open(pdf) as doc:
        colours = {
            tuple(round(float(x), 2) for x in c["non_stroking_color"])
            for page in doc.pages[:3]
            for c in page.chars
            if isinstance(c.get("non_stroking_color"), tuple | list) and len(c["non_stroking_color"]) == 3
        }
    assert (0.0, 0.0, 1.0) in colours and (1.0, 0.0, 0.0) in colours  # insertions blue, deletions red
