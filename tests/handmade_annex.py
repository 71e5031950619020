"""A hand-made annex in the real (MP089) style, written with python-docx rather than
by redline's annex writer: typed heading numbers, deletions struck in red,
insertions underlined in blue, a header-less table of changed rows and footer
figures struck and retyped in the same cell ("16" struck, "12" underlined).

It amends the fixture SEC 6.18 the way 6.19 does in Section 1.2 (S2) and
Table 8.1.10 (T2, E1, E2 of fixtures/CHANGES.md).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor

RED, BLUE = RGBColor(0xC0, 0x00, 0x00), RGBColor(0x00, 0x00, 0xC0)
NA = "N/A"


def _runs(paragraph: object, parts: list[tuple[str, str | None]]) -> None:
    for text, mark in parts:
        run = paragraph.add_run(text)  # type: ignore[attr-defined]
        if mark == "delete":
            run.font.strike = True
            run.font.color.rgb = RED
        elif mark == "insert":
            run.font.underline = True
            run.font.color.rgb = BLUE


def _row(values: list[str], mark: str | None = None) -> list[list[tuple[str, str | None]]]:
    return [[(v, mark)] if v else [] for v in values]


def _duis(variant: str, name: str, ncv: str) -> list[str]:
    sr = ".".join(variant.split(".")[:2])
    return [sr, variant, name, "N", NA, *[NA] * 8, ncv, "RSA"]


def _figures(old: list[int], new: list[int]) -> list[list[tuple[str, str | None]]]:
    return [
        [(str(o), None)] if o == n else [(str(o), "delete"), (str(n), "insert")] for o, n in zip(old, new, strict=True)
    ]


def build(dest: Path) -> Path:
    doc = Document()
    page = doc.sections[0]  # landscape A4, as the SEC's matrix pages are
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(297), Mm(210)
    page.left_margin = page.right_margin = Mm(15)
    doc.styles["Normal"].font.size = Pt(8)
    for line in (
        "MP089 ‘Changes to Appendix R ‘Common Testing Scenarios Document’",
        "Annex A",
        "Legal text – version 1.0",
    ):
        doc.add_paragraph(line)
    doc.add_paragraph("These changes have been drafted against SEC Version 6.18.")
    doc.add_paragraph("Amend Section 1.2 as follows:")
    doc.add_heading("1.2 Types of Testing Required", level=2)
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
        [
            (
                "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT); and",
                "insert",
            )
        ],
        [("For an existing User seeking to access R2.0 functionality (Additive UEPT).", None)],
    ):
        _runs(doc.add_paragraph(style="List Bullet"), parts)
    doc.add_paragraph("Amend Table 8.1.10 as follows:")
    rows = [
        _row(_duis("8.4", "Update Inventory", "Mandatory")),
        _row(_duis("8.14.3", "Communications Hub Status Update- Fault Return", "Mandatory SMETS 2"), "insert"),
        _row(_duis("8.14.3", "Communications Hub Status Update- No Fault Returned", "Mandatory SMETS 2"), "insert"),
        _row(_duis("11.2", "Read Firmware Version", NA)),
    ]
    rows[3][4] = [("Mandatory", None)]
    rows[3][13] = [(NA, None)]
    footers = [
        ("Count of N/A", [*_figures([4, *([18] * 8), 14], [6, *([20] * 8), 14]), []]),
        ("Count of Mandatory", _figures([9, *[0] * 8, 3, 16], [9, *[0] * 8, 3, 12])),
        ("Count of Mandatory SMETS 2", _figures([5, *[0] * 8, 1, 6], [5, *[0] * 8, 3, 8])),
    ]
    table = doc.add_table(rows=0, cols=15)
    table.style = "Table Grid"
    for cells in rows:
        row = table.add_row()
        for cell, parts in zip(row.cells, cells, strict=True):
            _runs(cell.paragraphs[0], parts)
    for label, figures in footers:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[3])
        merged.paragraphs[0].add_run(label)
        for cell, parts in zip(row.cells[4:], figures, strict=True):
            _runs(cell.paragraphs[0], parts)
    row = table.add_row()
    row.cells[0].merge(row.cells[13]).paragraphs[0].add_run("Total Tests")
    _runs(row.cells[14].paragraphs[0], [("23", "delete"), ("20", "insert")])
    table.autofit = False
    widths = [Mm(w) for w in (12, 14, 45, 12, *[17] * 10, 14)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.save(str(dest))
    return dest
