"""Two versions of Appendix R built in code, modelled on what MP089 changed
between SEC 6.18 and 6.19 (see shared/reference/MP089-annex-A-legal-text.txt):

* 1.2: one bullet gains "; and", one bullet is added;
* 5.4: retitled ("... Release 2.0" → "... Release 2.0 or November 2019 SEC
  Release") and a paragraph added;
* 8.1.10 (DUIS, RSA): two "8.14.3" rows added, and the footer's wrong
  figures fixed (Mandatory total 16 → 12, Total Tests 23 → 20, etc.);
* 8.1.19 (DCC alerts, IS): N24 renamed, N27 "Mandatory" → "Mandatory
  SMETS2+", N57 removed;
* 2 and 8.1.20: unchanged.

Built through ``structure.assemble`` from a reader-like stream, so the tables
are split and classified exactly as a reader's would be.
"""

from __future__ import annotations

from redline.model import Document, Heading, Paragraph, Run
from redline.structure import StreamItem, TableDraft, assemble
from redline.tables import RawCell, RawRow, plain_cell

VALUES = ["CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "NCV"]
DUIS_HEADER = ["SR", "SR Variant", "Service Request Name", "Critical", *VALUES, "User Role"]
DCC_HEADER = ["Reference", "Name", "Test Scenario", "Applicable User Role"]

# (SR, variant, name, CV, NCV): 18 rows in 6.18, CV 9 Mandatory / 5 SMETS 2 / 4 N/A.
RSA_618 = [
    ("1.1", "1.1.1", "Update Import Tariff (Primary Element)", "Mandatory", "N/A"),
    ("1.2", "1.2.1", "Update Price (Primary Element)", "Mandatory", "N/A"),
    ("1.5", "1.5", "Update Meter Balance", "Mandatory", "N/A"),
    ("1.6", "1.6", "Update Payment Mode", "Mandatory", "N/A"),
    ("2.1", "2.1", "Update Prepay Configuration", "Mandatory SMETS 2", "N/A"),
    ("3.2", "3.2", "Restrict Access For Change Of Tenancy", "Mandatory", "N/A"),
    ("4.1", "4.1.1", "Read Instantaneous Import Registers", "Mandatory", "N/A"),
    ("4.3", "4.3", "Read Instantaneous Prepay Values", "Mandatory SMETS 2", "N/A"),
    ("4.4", "4.4.2", "Retrieve Import Daily Read Log", "Mandatory", "N/A"),
    ("6.2", "6.2.7", "Read Device Configuration (MPxN)", "Mandatory SMETS 2", "N/A"),
    ("6.5", "6.5", "Update Device Configuration (Voltage)", "Mandatory", "N/A"),
    ("7.4", "7.4", "Read Supply Status", "Mandatory", "N/A"),
    ("7.7", "7.7", "Read Auxiliary Load Control Switch Data", "Mandatory SMETS 2", "N/A"),
    ("8.2", "8.2", "Read Inventory", "N/A", "Mandatory"),
    ("8.4", "8.4", "Update Inventory", "N/A", "Mandatory"),
    ("11.2", "11.2", "Read Firmware Version", "Mandatory SMETS 2", "N/A"),
    ("12.1", "12.1", "Request WAN Matrix", "N/A", "Mandatory SMETS 2"),
    ("12.2", "12.2", "Device Pre-notification", "N/A", "Mandatory"),
]
RSA_ADDED = [
    ("8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N/A", "Mandatory SMETS 2"),
    ("8.14", "8.14.3", "Communications Hub Status Update- No Fault Returned", "N/A", "Mandatory SMETS 2"),
]
RSA_619 = RSA_618[:15] + RSA_ADDED + RSA_618[15:]

DCC_618 = [
    ("N17", "DSP Schedule Removal – Schedule removal due to Change of Supplier", "Mandatory",
     "Previously Registered IS"),
    ("N24", "Update HAN Device Log Result", "Mandatory SMETS2+", "IS"),
    ("N27", "Change of Supplier – Device Change of Supplier", "Mandatory", "Previously Registered IS"),
    ("N49, N50, N51, N52", "Firmware Version Mismatch", "Optional", "IS"),
    ("N53", "Command Not Delivered To ESME", "Mandatory SMETS2+", "IS"),
    ("N55", "SMETS1 Service Provider Alert", "Mandatory SMETS1", "IS"),
    ("N57", "SMETS1 CH Firmware notification", "Mandatory SMETS1", "IS"),
]
DCC_619 = [
    DCC_618[0],
    ("N24", "Update HAN Device Log Result – Successful Communications Hub Function Whitelist Update",
     "Mandatory SMETS2+", "IS"),
    ("N27", "Change of Supplier – Device Change of Supplier", "Mandatory SMETS2+", "Previously Registered IS"),
    *DCC_618[3:6],
]


def _p(text: str, list_level: int | None = None) -> Paragraph:
    return Paragraph(text, (Run(text),), list_level)


def _row(texts: list[str], header: bool = False) -> RawRow:
    return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)


def _footer(label: str, figures: list[int], total: int | None) -> RawRow:
    cells = [RawCell(plain_cell(label), span=4)]
    cells += [RawCell(plain_cell(str(f))) for f in figures]
    cells.append(RawCell(plain_cell("" if total is None else str(total))))
    return RawRow(tuple(cells))


def duis_table(rows: list[tuple[str, str, str, str, str]], mand_total: int, smets_ncv: int, smets_total: int,
               total_tests: int) -> TableDraft:
    body = [_row([sr, v, name, "N", cv, *["N/A"] * 8, ncv, "RSA"]) for sr, v, name, cv, ncv in rows]
    n = len(rows)
    na_cv = sum(1 for r in rows if r[3] == "N/A")
    na_ncv = sum(1 for r in rows if r[4] == "N/A")
    return TableDraft([
        _row(DUIS_HEADER, header=True),
        *body,
        _footer("Count of N/A", [na_cv] + [n] * 8 + [na_ncv], None),
        _footer("Count of Mandatory", [9] + [0] * 8 + [3], mand_total),
        _footer("Count of Mandatory SMETS 2", [5] + [0] * 8 + [smets_ncv], smets_total),
        RawRow((RawCell(plain_cell("Total Tests"), span=14), RawCell(plain_cell(str(total_tests))))),
    ])


def dcc_table(rows: list[tuple[str, str, str, str]]) -> TableDraft:
    return TableDraft([_row(DCC_HEADER, header=True), *(_row(list(r)) for r in rows)])


def _stream(version: str) -> list[StreamItem]:
    new = version == "6.19"
    bullets_12 = [
        "For a new Party seeking to undertake User Entry Process Testing;",
        "For an existing User seeking to send Service Requests in respect of SMETS1 Devices (Eligibility Testing);"
        + (" and" if new else ""),
        "For an existing User seeking to access R2.0 functionality (Additive UEPT)" + ("; and" if new else "."),
    ]
    if new:
        bullets_12.append(
            "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT)."
        )
    section_54 = [
        "Testing Participants that have completed UEPT prior to the release of R2.0 functionality into the "
        "production environment have the option of executing R2.0 Service Requests by the following routes:",
        "Testing Participants will submit evidence of successful execution of R2.0 Service Requests to the DCC.",
    ]
    if new:
        section_54.append(
            "Testing Participants that have completed UEPT prior to the release of November 19 functionality "
            "into the production environment must complete UEPT style testing through the formal process."
        )
    return [
        _p("Appendix R"),
        _p("‘Common Testing Scenarios Document’"),
        _p(f"SEC Version {version}"),
        Heading("1", "Introduction", 1),
        Heading("1.2", "Types of Testing Required", 2),
        _p("Clause 8 sets out the specific tests that are required to be performed:"),
        *(_p(b, 0) for b in bullets_12),
        Heading("2", "Scope", 1),
        _p("This document applies to every Party seeking to become a User."),
        Heading("5.4", "Completing Additive UEPT for Release 2.0" + (" or November 2019 SEC Release" * new), 2),
        *(_p(t) for t in section_54),
        Heading("8.1.10", "DUIS Matrix – RSA", 3),
        duis_table(RSA_619, 12, 3, 8, 20) if new else duis_table(RSA_618, 16, 1, 6, 23),
        Heading("8.1.19", "DCC Alert Tests – IS", 3),
        dcc_table(DCC_619 if new else DCC_618),
        Heading("8.1.20", "DCC Alert Tests – GS", 3),
        dcc_table([("N55", "SMETS1 Service Provider Alert", "Mandatory SMETS1", "GS")]),
    ]


def version(v: str) -> Document:
    """The built document for "6.18" or "6.19"."""
    return assemble(f"appendix-r-v{v}.docx", "0" * 64, _stream(v))


def pair() -> tuple[Document, Document]:
    return version("6.18"), version("6.19")
