"""A hand-made annex in the real (MP089) style, written with python-docx rather than
by redline's annex writer: typed heading numbers, deletions struck in red,
insertions underlined in blue, a header-less table of changed rows and footer
figures struck and retyped in the same cell ("16" struck, "12" underlined).

It amends the fixture SEC 6.18 the way 6.19 does in Section 1.2 (S2) and
Table 8.1.10 (T2, E1, E2 of fixtures/CHANGES.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from fixtures.handtyped import Parts, add_marked_runs

NA = "N/A"



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
        add_marked_runs(doc.add_paragraph(style="List Bullet"), parts)
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
    table = _duis_table(doc, rows, footers, [("23", "delete"), ("20", "insert")])
    table.autofit = False
    widths = [Mm(w) for w in (12, 14, 45, 12, *[17] * 10, 14)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.save(str(dest))
    return dest


def _duis_table(
    doc: Any, rows: list[list[Parts]], footers: list[tuple[str, list[Parts]]], total: Parts
) -> Any:
    """A 15-column DUIS table excerpt as drafters lay it out: body rows cell by
    cell, each footer label merged over SR..Critical with its figures under the
    value columns, and "Total Tests" merged up to its one figure."""
    table = doc.add_table(rows=0, cols=15)
    table.style = "Table Grid"
    for cells in rows:
        row = table.add_row()
        for cell, parts in zip(row.cells, cells, strict=True):
            add_marked_runs(cell.paragraphs[0], parts)
    for label, figures in footers:
        row = table.add_row()
        row.cells[0].merge(row.cells[3]).paragraphs[0].add_run(label)
        for cell, parts in zip(row.cells[4:], figures, strict=True):
            add_marked_runs(cell.paragraphs[0], parts)
    row = table.add_row()
    row.cells[0].merge(row.cells[13]).paragraphs[0].add_run("Total Tests")
    add_marked_runs(row.cells[14].paragraphs[0], total)
    return table


def _ou(variant: str, name: str) -> list[str]:
    """A row of Table 8.1.11 (Other User) as in the fixture: CV Mandatory, the rest N/A."""
    return [variant, variant, name, "N", "Mandatory", *[NA] * 9, "OU"]


def build_struck_first_row(dest: Path, header: bool) -> Path:
    """An annex removing row 8.9 "Read Device Log" from Table 8.1.11 (fixture
    change T4) where that wholly struck row is the excerpt's first body row:
    the table's first row (``header=False``) or right under an unmarked
    header row (``header=True``). The footer figures follow (29 → 28 tests)."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(8)
    doc.add_paragraph("Annex A")
    doc.add_paragraph("These changes have been drafted against SEC Version 6.18.")
    doc.add_paragraph("Amend Table 8.1.11 as follows:")
    columns = ["SR", "SR Variant", "Service Request Name", "Critical", "CV", *[f"ECV{i}" for i in range(1, 9)]]
    rows = [_row(_ou("8.9", "Read Device Log"), "delete"), _row(_ou("8.11", "Update HAN Device Log"))]
    if header:
        rows.insert(0, _row([*columns, "NCV", "User Role"]))
    footers = [
        ("Count of N/A", [*_figures([4, 24, 23, 24, *[25] * 5, 21], [4, 23, 22, 23, *[24] * 5, 20]), []]),
        ("Count of Mandatory", _figures([20, 1, 2, 1, *[0] * 5, 3, 27], [19, 1, 2, 1, *[0] * 5, 3, 26])),
    ]
    _duis_table(doc, rows, footers, [("29", "delete"), ("28", "insert")])
    doc.save(str(dest))
    return dest
