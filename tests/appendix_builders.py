"""Build small Appendix R versions and annexes in code, in the real documents' shape.

The RSA table follows SEC 6.18's Table 8.1.10 (DUIS Matrix – RSA): SR, SR
Variant, name, Critical, ten value columns (CV … NCV), User Role, and the
footer rows Count of N/A / Count of Mandatory / Count of Mandatory SMETS 2 /
Total Tests. Annex tables, like MP089's, carry only the rows they change,
with no header row; insertions and deletions are marked runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.model import Cell, Document, Heading, Paragraph, Run
from redline.structure import StreamItem, TableDraft, assemble
from redline.tables import RawCell, RawRow, plain_cell
from redline.text import canonical_value

VALUES = ["CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "NCV"]
HEADER = ["SR", "SR Variant", "Service Request Name", "Critical", *VALUES, "User Role"]
M, M2, NA = "Mandatory", "Mandatory SMETS 2", "N/A"

RSA_618: list[tuple[str, str, str, str]] = [
    # (SR variant, name, CV value, NCV value)
    ("4.1.1", "Read Instantaneous Import Registers", M, NA),
    ("6.2.7", "Read Device Configuration (MPxN)", M2, NA),
    ("8.2", "Read Inventory", NA, M),
    ("8.4", "Update Inventory", NA, M2),
    ("8.14.3", "Communications Hub Status Update- Fault Return", NA, M2),
    ("11.2", "Read Firmware Version", M, NA),
    ("12.1", "Request WAN Matrix", NA, M2),
    ("12.2", "Device Pre-notification", NA, M),
]

SECTION_1_2 = [
    "Clause 8 sets out the specific tests that are required to be performed:",
    "For a new Party seeking to undertake User Entry Process Testing;",
    "For an existing User seeking to access R2.0 functionality (Additive UEPT).",
]
SECTION_5_4 = [
    "Testing Participants that have completed UEPT prior to the release of R2.0 functionality into "
    "the production environment have the option of executing R2.0 Service Requests by the following routes:",
    "Completing UEPT style testing through the formal process as stated in this document; or",
    "Testing Participants will submit evidence of successful execution of R2.0 Service Requests to the DCC.",
]


def sr_of(variant: str) -> str:
    parts = variant.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else variant


def duis_cells(variant: str, name: str, cv: str, ncv: str, role: str = "RSA") -> list[str]:
    return [sr_of(variant), variant, name, "N", cv, *[NA] * 8, ncv, role]


def _raw(texts: Sequence[str], header: bool = False) -> RawRow:
    return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)


def footer_figures(rows: Sequence[Sequence[str]]) -> dict[str, list[int]]:
    """The correct footer figures of DUIS rows (cells as in :func:`duis_cells`)."""
    out: dict[str, list[int]] = {}
    for label, value in (("Count of N/A", NA), ("Count of Mandatory", M), ("Count of Mandatory SMETS 2", M2)):
        counts = [sum(1 for r in rows if canonical_value(r[4 + i]) == canonical_value(value)) for i in range(10)]
        out[label] = counts if value == NA else [*counts, sum(counts)]
    out["Total Tests"] = [out["Count of Mandatory"][-1] + out["Count of Mandatory SMETS 2"][-1]]
    return out


def footer_raw(label: str, figures: Sequence[int]) -> RawRow:
    if label == "Total Tests":
        return RawRow((RawCell(plain_cell(label), span=14), RawCell(plain_cell(str(figures[0])))))
    cells = [RawCell(plain_cell(label), span=4)] + [RawCell(plain_cell(str(f))) for f in figures[:10]]
    cells.append(RawCell(plain_cell(str(figures[10]) if len(figures) > 10 else "")))
    return RawRow(tuple(cells))


def rsa_table(rows: Sequence[Sequence[str]], footer: dict[str, list[int]] | None = None) -> TableDraft:
    figures = footer if footer is not None else footer_figures(rows)
    raw = [_raw(HEADER, header=True), *(_raw(r) for r in rows)]
    raw += [footer_raw(label, f) for label, f in figures.items()]
    return TableDraft(raw)


def para(text: str, list_level: int | None = None) -> Paragraph:
    return Paragraph(text, (Run(text),), list_level)


def appendix(
    version: str,
    *,
    rsa: Sequence[tuple[str, str, str, str]] = RSA_618,
    s12: Sequence[str] = SECTION_1_2,
    s54: Sequence[str] = SECTION_5_4,
    s54_title: str = "Completing Additive UEPT for Release 2.0",
    s54_number: str = "5.4",
    footer: dict[str, list[int]] | None = None,
    source: str | None = None,
) -> Document:
    """A small Appendix R version: sections 1, 1.1, 1.2, 5, 5.4, 8, 8.1, 8.1.10 (RSA)."""
    rows = [duis_cells(*r) for r in rsa]
    stream: list[StreamItem] = [
        para("Appendix R"),
        para("‘Common Testing Scenarios Document’"),
        para(f"SEC Version {version}"),
        Heading("1", "Introduction", 1),
        Heading("1.1", "Purpose", 2),
        para("The purpose of this document is to:"),
        para("Define the procedural steps to be undertaken by a Party wishing to complete UEPT;", 0),
        Heading("1.2", "Types of Testing Required", 2),
        *(para(t, None if i == 0 else 0) for i, t in enumerate(s12)),
        Heading("5", "UEPT Procedure", 1),
        Heading(s54_number, s54_title, 2),
        *(para(t, 0 if i == 1 else None) for i, t in enumerate(s54)),
        Heading("8", "Test Matrices", 1),
        Heading("8.1", "DUIS Test Matrices", 2),
        Heading("8.1.10", "DUIS Matrix – RSA", 3),
        rsa_table(rows, footer),
    ]
    return assemble(source or f"appendix-r-v{version}.docx", f"{version:0>64}"[-64:], stream)


# --- annexes -------------------------------------------------------------------------------------


def ins(text: str) -> Run:
    return Run(text, "insert")


def dele(text: str) -> Run:
    return Run(text, "delete")


def marked_para(*runs: Run | str, list_level: int | None = None) -> Paragraph:
    rs = tuple(r if isinstance(r, Run) else Run(r) for r in runs)
    from redline.model import accepted_text, normalise

    return Paragraph(normalise(accepted_text(rs)), rs, list_level)


def marked_cell(*runs: Run | str) -> Cell:
    from redline.model import accepted_text, normalise

    rs = tuple(r if isinstance(r, Run) else Run(r) for r in runs)
    return Cell(normalise(accepted_text(rs)), rs)


def row_of(cells: Sequence[Cell | str]) -> RawRow:
    return RawRow(tuple(RawCell(c if isinstance(c, Cell) else plain_cell(c)) for c in cells))


def inserted_row(cells: Sequence[str]) -> RawRow:
    return row_of([marked_cell(ins(t)) if t else Cell("") for t in cells])


def deleted_row(cells: Sequence[str]) -> RawRow:
    return row_of([marked_cell(dele(t)) if t else Cell("") for t in cells])


def changed_footer(label: str, old: Sequence[int], new: Sequence[int]) -> RawRow:
    """A footer row with each changed figure struck and retyped, as MP089 does."""
    figs = [
        marked_cell(str(n)) if o == n else marked_cell(dele(str(o)), ins(str(n))) for o, n in zip(old, new, strict=True)
    ]
    if label == "Total Tests":
        return RawRow((RawCell(plain_cell(label), span=14), RawCell(figs[0])))
    cells = [RawCell(plain_cell(label), span=4), *(RawCell(f) for f in figs[:10])]
    cells.append(RawCell(figs[10] if len(figs) > 10 else Cell("")))
    return RawRow(tuple(cells))


def annex(items: Sequence[StreamItem], against: str = "6.18", source: str = "annex.docx") -> Document:
    stream: list[StreamItem] = [
        para("MP089 ‘Changes to Appendix R’"),
        para("Annex A"),
        para(f"These changes have been drafted against SEC Version {against}."),
        *items,
    ]
    return assemble(source, "a" * 64, stream)


def table_amendment(
    number: str,
    old: Sequence[tuple[str, str, str, str]],
    new: Sequence[tuple[str, str, str, str]],
    old_footer: dict[str, list[int]] | None = None,
    new_footer: dict[str, list[int]] | None = None,
) -> list[StreamItem]:
    """ "Amend Table X as follows:" with the rows that differ between two RSA row lists
    (changed cells struck and retyped, new rows underlined, gone rows struck) and the
    footer figures that differ (defaults: the correct figures of each list)."""
    from redline.text import natural_key

    old_rows = {(r[0], r[1]): duis_cells(*r) for r in old}
    shown: list[tuple[str, RawRow]] = []  # shown in document (key) order, as an annex does
    for r in new:
        cells = duis_cells(*r)
        before = old_rows.pop((r[0], r[1]), None)
        if before is None:
            shown.append((r[0], inserted_row(cells)))
        elif before != cells:
            pairs = zip(before, cells, strict=True)
            shown.append((r[0], row_of([marked_cell(a) if a == b else marked_cell(dele(a), ins(b)) for a, b in pairs])))
    shown += [(key, deleted_row(cells)) for (key, _), cells in old_rows.items()]
    rows = [row for _, row in sorted(shown, key=lambda kr: natural_key(kr[0]))]
    of = old_footer or footer_figures([duis_cells(*r) for r in old])
    nf = new_footer or footer_figures([duis_cells(*r) for r in new])
    rows += [changed_footer(label, of[label], nf[label]) for label in of if of[label] != nf[label]]
    return [para(f"Amend Table {number} as follows:"), TableDraft(rows)]
