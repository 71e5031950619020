"""Build the PDF reader's own sample documents: DOCX with python-docx, then PDF
through LibreOffice (``soffice --headless --convert-to pdf``).

Run from the repository root:  python tests/data/make_pdf_samples.py

Writes into tests/data/:
- ``sample-appendix.docx/.pdf``: an Appendix R in miniature: running header,
  classification banner and page numbers in the footer, typed heading numbers,
  bullets on two levels, a paragraph that runs over a page break, a DUIS IS
  matrix over several landscape pages (ruled, repeated rotated header row,
  "Mandatory" / "SMETS 2" wrapped in narrow cells, footer rows with one wrong
  total), a device alert table with rotated headers and an unruled DCC alert
  table laid out by text alignment only.
- ``sample-annex.docx/.pdf``: an annex: "Amend Section/Table X as follows:",
  insertions underlined blue, deletions struck red, in text and in a table
  (footer figures "16" struck, "12" inserted).
- ``sample-encrypted.pdf`` (needs an open password), ``sample-scanned.pdf`` (a
  page with an image and no text layer), ``sample-truncated.pdf``.
- ``samples-expected.json``: what the builder put in, for the tests to compare
  against (written from the construction, never from the reader).
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parents[1] / "fixtures" / "duis-service-requests.tsv"
"""The DUIS reference list (a copy of shared/reference/duis-service-requests.tsv)."""
BANNER = (
    "This document is classified as White in accordance with the Panel Information Policy. "
    "Information can be shared with the public, and any members may publish the information, subject to copyright."
)
VALUE_COLUMNS = ("CV", "ESME", "GSME", "CHF", "GPF", "HCALCS", "ALCS", "PPMID", "IHD", "SAPC")
RED = RGBColor(0xC0, 0x00, 0x00)
BLUE = RGBColor(0x00, 0x33, 0xCC)

LOREM = (
    "The Testing Participant shall prepare Test Scripts and Test Data for each Service Request listed in the "
    "matrix for its User Role, submit them to the DCC for review, and execute them in the UEPT environment "
    "following the sequence agreed with the DCC. Evidence of each execution, including the Service Response "
    "and any Alerts received, shall be retained and provided to the DCC with the completion report."
)


# --- python-docx helpers --------------------------------------------------------------------------------------


def _field(paragraph: Any, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _rotate(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    tc_pr.append(direction)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    tr_pr.append(h)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _set_cell(cell: _Cell, text: str, *, size: float = 8, bold: bool = False, mark: str | None = None) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _apply_mark(run, mark)


def _apply_mark(run: Any, mark: str | None) -> None:
    if mark == "delete":
        run.font.strike = True
        run.font.color.rgb = RED
    elif mark == "insert":
        run.font.underline = True
        run.font.color.rgb = BLUE


def _marked_paragraph(doc: Any, parts: list[tuple[str, str | None]], style: str | None = None) -> None:
    p = doc.add_paragraph(style=style)
    for text, mark in parts:
        _apply_mark(p.add_run(text), mark)


def _widths(table: DocxTable, widths: list[float]) -> None:
    table.autofit = False
    for col, w in zip(table.columns, widths, strict=True):
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Cm(w)


def _landscape(doc: Any) -> None:
    from docx.enum.section import WD_SECTION

    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(1.27)


def _header_footer(doc: Any, header: str) -> None:
    sec = doc.sections[0]
    for s in (sec,):
        s.top_margin = s.bottom_margin = Cm(2)
        s.left_margin = s.right_margin = Cm(2)
    hp = sec.header.paragraphs[0]
    hp.text = header
    hp.runs[0].font.size = Pt(9)
    fp = sec.footer.paragraphs[0]
    r = fp.add_run(BANNER)
    r.font.size = Pt(7)
    pp = sec.footer.add_paragraph()
    pp.add_run("Page ").font.size = Pt(9)
    _field(pp, "PAGE")


# --- the DUIS matrix ------------------------------------------------------------------------------------------


def duis_rows(role: str) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """The role's SR variants from the reference list with deterministic, varied values."""
    rows = []
    with REFERENCE.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            # One record of the reference list is broken over three lines; skip what does not parse.
            if rec.get(role) != "Y" or rec.get("critical") not in ("Y", "N") or not rec["variant"][:1].isdigit():
                continue
            i = len(rows)
            values = ["N/A"] * len(VALUE_COLUMNS)
            values[0] = ("Mandatory", "Mandatory SMETS 2", "Mandatory", "N/A")[i % 4]
            if i % 7 == 3:
                values[4] = "Mandatory"
            if i % 11 == 5:
                values[9] = "Mandatory SMETS 2"
            rows.append((rec["service_reference"], rec["variant"], rec["name"], rec["critical"], tuple(values)))
    return rows


def footer_figures(rows: list[tuple[str, str, str, str, tuple[str, ...]]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for label, value in (("Count of N/A", "N/A"), ("Count of Mandatory", "Mandatory"),
                         ("Count of Mandatory SMETS 2", "Mandatory SMETS 2")):
        per = [sum(1 for r in rows if r[4][c] == value) for c in range(len(VALUE_COLUMNS))]
        out[label] = [*per, sum(per)] if value != "N/A" else per
    out["Total Tests"] = [out["Count of Mandatory"][-1] + out["Count of Mandatory SMETS 2"][-1]]
    return out


def add_duis_table(doc: Any, role: str, rows: list[tuple[str, str, str, str, tuple[str, ...]]],
                   figures: dict[str, list[int]]) -> None:
    header = ["SR", "SR Variant", "Service Request Name", "Critical", *VALUE_COLUMNS, "User Role"]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        cell = table.rows[0].cells[i]
        _set_cell(cell, h, bold=True)
        if i >= 3:
            _rotate(cell)
    table.rows[0].height = Cm(2.2)
    _repeat_header(table.rows[0])
    for sr, variant, name, critical, values in rows:
        cells = table.add_row().cells
        for i, text in enumerate((sr, variant, name, critical, *values, role)):
            _set_cell(cells[i], text, size=7 if 4 <= i < 4 + len(VALUE_COLUMNS) else 8)
        _cant_split(table.rows[-1])
    for label, figs in figures.items():
        cells = table.add_row().cells
        _set_cell(cells[2], label, bold=True)
        for j, f in enumerate(figs):
            col = 4 + j if label != "Total Tests" else len(header) - 1
            _set_cell(cells[col], str(f), bold=True)
    _widths(table, [1.0, 1.6, 3.3, 0.8] + [1.9] * len(VALUE_COLUMNS) + [1.0])


# --- documents ------------------------------------------------------------------------------------------------


def build_appendix(path: Path) -> dict[str, Any]:
    doc = new_docx()
    _header_footer(doc, "Appendix R – Common Testing Scenarios Document")
    doc.add_paragraph("Appendix R").runs[0].font.size = Pt(20)
    doc.add_paragraph("‘Common Testing Scenarios Document’").runs[0].font.size = Pt(20)
    doc.add_paragraph("SEC Version 6.18")
    doc.add_heading("1 Introduction", level=1)
    doc.add_heading("1.1 Purpose", level=2)
    doc.add_paragraph("The purpose of this document is to:")
    doc.add_paragraph("Define the procedural steps to be undertaken by a Party wishing to complete User Entry "
                      "Process Tests (UEPT) in accordance with SEC Section H14;", style="List Bullet")
    doc.add_paragraph("Describe the role and responsibilities with regard to the conduct of UEPT, including;",
                      style="List Bullet")
    for t in ("Entry and exit requirements", "Defining Test Scripts", "Executing the tests"):
        doc.add_paragraph(t, style="List Bullet 2")
    doc.add_paragraph("Report the results of those tests to the Data Communications Company (DCC) for approval.",
                      style="List Bullet")
    doc.add_heading("1.2 Types of Testing Required", level=2)
    p = doc.add_paragraph("Clause 8 sets out the ")
    p.add_run("specific tests").font.underline = True  # emphasis in a plain version: not an insertion
    p.add_run(" that are required to be performed.")
    doc.add_paragraph("For a new Party seeking to undertake User Entry Process Testing;", style="List Number")
    doc.add_paragraph("For an existing User seeking to access R2.0 functionality.", style="List Number")
    doc.add_heading("2 Scope", level=1)
    for _ in range(5):
        doc.add_paragraph(LOREM)
    doc.add_heading("3 Test Sequence", level=1)
    # Long enough to run over the page break.
    doc.add_paragraph(" ".join([LOREM] * 7))
    doc.add_paragraph("New User").runs[0].bold = True
    doc.add_paragraph("A new Party seeking to undertake UEPT shall follow the sequence in this clause.")

    _landscape(doc)
    doc.add_heading("8 Test Matrices", level=1)
    doc.add_heading("8.1 User Entry Process Tests", level=2)
    doc.add_heading("8.1.5 DUIS Matrix – IS", level=3)
    rows = duis_rows("IS")
    figures = footer_figures(rows)
    stated = {k: list(v) for k, v in figures.items()}
    stated["Count of Mandatory"][-1] += 4  # a typed total that is wrong, for `check` to find
    add_duis_table(doc, "IS", rows, stated)

    doc.add_heading("8.1.13 Device Alerts – ED", level=3)
    alerts = [
        ("0x8F32", "Supply Interrupted", "Device Alert – Type 1 (Alert Code and Timestamp) DLMS", "N",
         "Mandatory", "ED"),
        ("0x8F33", "Supply Restored", "Device Alert – Type 1 (Alert Code and Timestamp) Zigbee", "N",
         "Mandatory SMETS2+", "ED"),
        ("0x81A0", "Firmware Verification Failed", "Device Alert – Type 2 (Alert Code, Timestamp and Data)",
         "Y", "Mandatory SMETS1", "ED"),
        ("0x8F41", "Voltage Quality Alert", "Device Alert – Type 1 (Alert Code and Timestamp) DLMS", "N",
         "Optional", "ED"),
    ]
    head = ["Event/Alert Code", "Alert Code Meaning", "Device Alert Variant", "Critical", "Test Scenario",
            "User Role"]
    t = doc.add_table(rows=1, cols=len(head))
    t.style = "Table Grid"
    for i, h in enumerate(head):
        _set_cell(t.rows[0].cells[i], h, bold=True)
        if i >= 3:
            _rotate(t.rows[0].cells[i])
    t.rows[0].height = Cm(2.6)
    for a in alerts:
        cells = t.add_row().cells
        for i, text in enumerate(a):
            _set_cell(cells[i], text)
    _widths(t, [2.5, 5.0, 8.0, 1.0, 2.6, 1.2])

    doc.add_heading("8.1.19 DCC Alerts", level=3)
    dcc = [
        ("N17", "Change of Supplier Rejected", "Mandatory", "Previously Registered IS"),
        ("AD1", "Power Outage Detected", "Mandatory", "Registered ED"),
        ("N49, N50, N51, N52", "Communications Hub Firmware Notifications", "Optional", "Registered ED"),
    ]
    t = doc.add_table(rows=1, cols=4)  # no style: no ruling lines, alignment only
    for i, h in enumerate(("Reference", "Name", "Test Scenario", "Applicable User Role")):
        _set_cell(t.rows[0].cells[i], h, size=9, bold=True)
    for d in dcc:
        cells = t.add_row().cells
        for i, text in enumerate(d):
            _set_cell(cells[i], text, size=9)
    _widths(t, [2.2, 4.5, 3.0, 3.5])
    doc.add_paragraph("These alerts are raised by the DCC Systems and need no Device.")
    doc.save(str(path))
    return {
        "title": "Appendix R ‘Common Testing Scenarios Document’",
        "sec_version": "6.18",
        "sections": [["1", "Introduction"], ["1.1", "Purpose"], ["1.2", "Types of Testing Required"],
                     ["2", "Scope"], ["3", "Test Sequence"], ["8", "Test Matrices"],
                     ["8.1", "User Entry Process Tests"], ["8.1.5", "DUIS Matrix – IS"],
                     ["8.1.13", "Device Alerts – ED"], ["8.1.19", "DCC Alerts"]],
        "bullets": [[0, "Define the procedural"], [0, "Describe the role"], [1, "Entry and exit requirements"],
                    [1, "Defining Test Scripts"], [1, "Executing the tests"], [0, "Report the results"]],
        "numbered": ["For a new Party seeking to undertake User Entry Process Testing;",
                     "For an existing User seeking to access R2.0 functionality."],
        "section_3_text": [" ".join([LOREM] * 7), "New User",
                           "A new Party seeking to undertake UEPT shall follow the sequence in this clause."],
        "tables": {
            "8.1.5": {"kind": "duis", "role": "IS",
                      "columns": ["SR", "SR Variant", "Service Request Name", "Critical", *VALUE_COLUMNS, "User Role"],
                      "rows": [[sr, v, n, c, *vals, "IS"] for sr, v, n, c, vals in rows],
                      "footer": stated},
            "8.1.13": {"kind": "device_alert", "columns": head, "rows": [list(a) for a in alerts], "footer": {}},
            "8.1.19": {"kind": "dcc_alert", "columns": ["Reference", "Name", "Test Scenario",
                                                        "Applicable User Role"],
                       "rows": [list(d) for d in dcc], "footer": {}},
        },
        "mismatch": {"table": "8.1.5", "row": "Count of Mandatory", "stated": stated["Count of Mandatory"][-1],
                     "computed": figures["Count of Mandatory"][-1]},
    }


def build_annex(path: Path) -> dict[str, Any]:
    doc = new_docx()
    _header_footer(doc, "MP089 Annex A")
    doc.add_paragraph("MP089 ‘Changes to Appendix R ‘Common Testing Scenarios Document’").runs[0].font.size = Pt(18)
    doc.add_paragraph("Annex A")
    doc.add_paragraph("Legal text – version 1.0")
    doc.add_paragraph("These changes have been drafted against SEC Version 6.18.")
    doc.add_page_break()
    doc.add_paragraph("Amend Section 1 as follows:").runs[0].italic = True
    doc.add_heading("1 Introduction", level=1)
    doc.add_heading("1.2 Types of Testing Required", level=2)
    _marked_paragraph(doc, [("Clause 8 sets out the specific tests that are required to be performed:", None)])
    _marked_paragraph(doc, [("For an existing User seeking to access R2.0 functionality (Additive UEPT); ", None),
                            ("and", "delete")], style="List Bullet")
    _marked_paragraph(doc, [("For an existing User seeking to access November 2019 SEC Release functionality "
                             "(Additive UEPT).", "insert")], style="List Bullet")
    doc.add_paragraph("Amend Table 8.1.10 as follows:").runs[0].italic = True
    header = ["SR", "SR Variant", "Service Request Name", "Critical", "CV", "User Role"]
    body: list[tuple[list[str], str | None, dict[int, tuple[str, str]]]] = [
        (["8.4", "8.4", "Update Inventory", "N", "Mandatory", "RSA"], None, {}),
        (["8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N", "Mandatory SMETS 2", "RSA"],
         "insert", {}),
        (["11.2", "11.2", "Read Firmware Version", "N", "Mandatory", "RSA"], None, {4: ("N/A", "Mandatory")}),
    ]
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, h in enumerate(header):
        _set_cell(t.rows[0].cells[i], h, bold=True, size=9)
    for texts, row_mark, changed in body:
        cells = t.add_row().cells
        for i, text in enumerate(texts):
            if i in changed:
                old, new = changed[i]
                _set_cell(cells[i], old, size=9, mark="delete")
                run = cells[i].paragraphs[0].add_run(new)
                run.font.size = Pt(9)
                _apply_mark(run, "insert")
            else:
                _set_cell(cells[i], text, size=9, mark=row_mark)
    cells = t.add_row().cells
    _set_cell(cells[2], "Count of Mandatory", size=9, bold=True)
    _set_cell(cells[4], "16", size=9, mark="delete")
    run = cells[4].paragraphs[0].add_run("12")
    run.font.size = Pt(9)
    _apply_mark(run, "insert")
    _widths(t, [1.2, 2.0, 6.0, 2.1, 3.0, 1.6])
    doc.add_paragraph("Amend Section 5.4 as follows:").runs[0].italic = True
    doc.add_heading("5.4 Completing Additive UEPT for Release 2.0", level=2)
    _marked_paragraph(doc, [("Testing Participants ", None), ("that have completed UEPT ", "delete"),
                            ("may execute R2.0 Service Requests ", None),
                            ("through the formal process ", "insert"), ("stated in this document.", None)])
    doc.save(str(path))
    return {
        "drafted_against": "6.18",
        "amendments": [
            {"instruction": "Amend Section 1 as follows:", "target": ["section", "1"],
             "inserted": ["For an existing User seeking to access November 2019 SEC Release functionality "
                          "(Additive UEPT)."],
             "deleted": ["and"]},
            {"instruction": "Amend Table 8.1.10 as follows:", "target": ["table", "8.1.10"],
             # structure.py joins a table's cells with unmarked spaces: one fragment per cell
             "inserted": ["8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N",
                          "Mandatory SMETS 2", "RSA", "Mandatory", "12"],
             "deleted": ["N/A", "16"],
             "footer": {"Count of Mandatory": {"figures": [12], "old_figures": [16]}}},
            {"instruction": "Amend Section 5.4 as follows:", "target": ["section", "5.4"],
             "inserted": ["through the formal process"], "deleted": ["that have completed UEPT"]},
        ],
    }


# --- conversion and bad inputs --------------------------------------------------------------------------------


def to_pdf(docx: Path, out_dir: Path, filter_opts: str = "pdf") -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filter_opts,
             "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True, timeout=300,
        )
    return out_dir / (docx.stem + ".pdf")


def build_bad_inputs(out: Path, good_pdf: Path, docx: Path) -> None:
    opts = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    with tempfile.TemporaryDirectory() as tmp:
        enc_src = Path(tmp) / "sample-encrypted.docx"
        shutil.copy(docx, enc_src)
        shutil.move(to_pdf(enc_src, Path(tmp), opts), out / "sample-encrypted.pdf")
    data = good_pdf.read_bytes()
    (out / "sample-truncated.pdf").write_bytes(data[: len(data) // 3])
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(img)
    for y in range(100, 1000, 30):
        draw.line((80, y, 770, y), fill="black", width=8)  # looks like text lines, is pixels
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    obj = pdfium.PdfImage.new(pdf)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(img))
    obj.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(obj)
    page.gen_content()
    pdf.save(str(out / "sample-scanned.pdf"))


def main() -> int:
    expected = {"appendix": build_appendix(HERE / "sample-appendix.docx"),
                "annex": build_annex(HERE / "sample-annex.docx")}
    for name in ("sample-appendix", "sample-annex"):
        to_pdf(HERE / f"{name}.docx", HERE)
    build_bad_inputs(HERE, HERE / "sample-appendix.pdf", HERE / "sample-annex.docx")
    (HERE / "samples-expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("sample*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
