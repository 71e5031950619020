"""A hand-typed annex on portrait A4 in Word's default 11 pt body, written with
python-docx the way a drafter types one (never by redline's writer), whose PDF
shows the three layouts the PDF reader once misread (issue 18):

- bullet items long enough to wrap over two lines;
- a heading whose struck number "5.5" stands right beside the inserted "5.6"
  (no space typed between them);
- the heading "8.1.4 DUIS Matrix" followed by the short bold line "New User"
  (Word's Heading 3 is bold body size, so only the short line tells them apart);

:func:`build_wide` lays the corpus annex fixtures/annexes/01-mp089.docx on
portrait A4 in 11 pt: its landscape tables, kept at their widths, run off the
page's right edge.

It amends the fixture SEC 6.18 as 6.19 does in Section 1.2 (S2) and Section
8.1.4 (S6), and inserts a new Section 5.5 before the old one (so 5.5 becomes
5.6): applied to 6.18, those sections come out as written here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Mm

from fixtures import prose
from fixtures.handtyped import Parts, add_marked_runs
from tests.conftest import ROOT

WITNESSING = "Test Witnessing"
WITNESS_TEXT = ("The DCC may witness any test that a Testing Participant executes, and shall give the Testing "
                "Participant at least two Working Days' notice of its intention to do so.")


def _changed(old: str, new: str) -> Parts:
    """``old`` → ``new`` as struck and underlined words, the common words plain."""
    import difflib

    a, b = old.split(" "), new.split(" ")
    out: Parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        lead = " " if out else ""
        if op == "equal":
            out.append((lead + " ".join(a[i1:i2]), None))
            continue
        if i2 > i1:
            out.append((lead, None))
            out.append((" ".join(a[i1:i2]), "delete"))
            lead = " "
        if j2 > j1:
            out.append((lead, None))
            out.append((" ".join(b[j1:j2]), "insert"))
    return [(t, m) for t, m in out if t]


def build(dest: Path) -> Path:
    doc = Document()  # portrait Letter/A4 and Calibri 11 pt: the template's defaults
    doc.add_paragraph("Annex A")
    doc.add_paragraph("These changes have been drafted against SEC Version 6.18.")

    add_marked_runs(doc.add_paragraph(), [("Amend Section 1.2 as follows:", None)], bold=True)
    doc.add_paragraph("1.2 Types of Testing Required", style="Heading 2")
    doc.add_paragraph("Clause 8 sets out the specific tests that are required to be performed:")
    for parts in (
        [("For a new Party seeking to undertake User Entry Process Testing;", None)],
        [
            ("For an existing User seeking to send Service Requests ", None),
            ("to", "delete"),
            ("in respect of", "insert"),
            (" SMETS1 Devices (Eligibility Testing);", None),
            (" and", "delete"),
        ],
        [("For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT); and",
          "insert")],
        [("For an existing User seeking to access R2.0 functionality (Additive UEPT).", None)],
    ):
        add_marked_runs(doc.add_paragraph(style="List Bullet"), parts)

    add_marked_runs(doc.add_paragraph(), [("Insert new Section 5.5 as follows:", None)], bold=True)
    add_marked_runs(doc.add_paragraph(style="Heading 2"), [(f"5.5 {WITNESSING}", "insert")])
    add_marked_runs(doc.add_paragraph(), [(WITNESS_TEXT, "insert")])

    add_marked_runs(doc.add_paragraph(), [("Amend Section 5.6 as follows:", None)], bold=True)
    add_marked_runs(doc.add_paragraph(style="Heading 2"), [("5.5", "delete"), ("5.6", "insert"),
                                                  (" Eligibility Testing for SMETS1", None)])
    doc.add_paragraph("[Text of this Section is unchanged]")

    add_marked_runs(doc.add_paragraph(), [("Amend Section 8.1.4 as follows:", None)], bold=True)
    doc.add_paragraph("8.1.4 DUIS Matrix", style="Heading 3")
    add_marked_runs(doc.add_paragraph(), [("New User", None)], bold=True)
    add_marked_runs(doc.add_paragraph(), _changed(prose.S6_P1_OLD, prose.S6_P1_NEW))
    add_marked_runs(doc.add_paragraph(), _changed(prose.S6_P2_OLD, prose.S6_P2_NEW))
    doc.save(str(dest))
    return dest


def build_wide(dest: Path) -> Path:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    doc = Document(str(CORPUS / "01-mp089.docx"))
    page = doc.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(25)
    doc.styles["Normal"].font.size = Pt(11)
    doc.save(str(dest))
    return dest


CORPUS = ROOT / "fixtures" / "annexes"
DATA = ROOT / "tests" / "data"
NAMES = {"handtyped-portrait": build, "handtyped-portrait-wide": build_wide}
"""The files the tests read: tests/data/NAME.docx, NAME.pdf (LibreOffice) and
NAME.wordstyle.pdf (/work/shared/tools/word-style-pdf, i.e. fixtures/tools/word-style-pdf)."""


def main() -> int:
    """Write the DOCX files and their two PDFs into tests/data (needs soffice and
    the word-style renderer): ``python -m tests.handtyped_portrait_annex``."""
    import subprocess

    docs = [make(DATA / f"{name}.docx") for name, make in NAMES.items()]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(DATA), *map(str, docs)],
                   check=True, capture_output=True, timeout=300)
    tool = ROOT / "fixtures" / "tools" / "word-style-pdf"
    subprocess.run(["bash", str(tool), *map(str, docs), "-o", str(DATA)], check=True, timeout=600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
