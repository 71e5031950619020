"""Table layouts met in real Appendix R and annex documents that the first
version of tables.build_table misread (found while writing the DOCX reader)."""

from __future__ import annotations

from redline.checks import check_table
from redline.tables import RawCell, RawRow, build_table, plain_cell

DUIS_HEADER = ["SR", "SR Variant", "Service Request Name", "Critical", "CV", "ECV1", "ECV2", "NCV", "User Role"]


def _row(texts: list[str], header: bool = False) -> RawRow:
    return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)


def test_total_tests_label_set_far_right_is_a_footer_row() -> None:
    rows = [
        _row(DUIS_HEADER, header=True),
        _row(["8.4", "8.4", "Update Inventory", "N", "Mandatory", "N/A", "N/A", "Mandatory", "RSA"]),
        _row(["11.2", "11.2", "Read Firmware Version", "N", "Mandatory", "Mandatory", "N/A", "N/A", "RSA"]),
        _row(["Count of Mandatory", "", "", "", "2", "1", "0", "1", "4"]),
        _row(["", "", "", "", "", "", "Total Tests", "", "5"]),  # as in MP089's RSA table
    ]
    table = build_table("8.1.10", "DUIS Matrix – RSA", rows)
    assert [r.key for r in table.rows] == ["8.4", "11.2"]
    assert [(f.label, f.figures) for f in table.footer] == [
        ("Count of Mandatory", (2, 1, 0, 1, 4)),
        ("Total Tests", (5,)),
    ]
    [mismatch] = check_table(table).mismatches
    assert (mismatch.row, mismatch.stated, mismatch.computed) == ("Total Tests", 5, 4)


def test_a_far_right_label_with_words_after_it_is_not_a_footer() -> None:
    rows = [
        _row(DUIS_HEADER, header=True),
        _row(["8.4", "8.4", "Update Inventory", "N", "Mandatory", "N/A", "N/A", "Mandatory", "RSA"]),
        _row(["", "", "", "", "", "", "Total Tests", "", "see clause 8"]),
    ]
    table = build_table("8.1.10", "DUIS Matrix – RSA", rows)
    assert table.footer == () and len(table.rows) == 2


def test_annex_table_excerpt_without_header_row_keeps_its_first_row() -> None:
    # "Amend Table 8.1.10 as follows:" followed by the changed rows only (MP089).
    rows = [
        _row(["8.4", "8.4", "Update Inventory", "N", "N/A", "N/A", "N/A", "Mandatory", "RSA"]),
        _row(
            [
                "8.14",
                "8.14.3",
                "Communications Hub Status Update- Fault Return",
                "N",
                "N/A",
                "N/A",
                "N/A",
                "Mandatory SMETS 2",
                "RSA",
            ]
        ),
        _row(["Count of Mandatory", "", "", "", "9", "0", "0", "3", "12"]),
        _row(["Total Tests", "", "", "", "", "", "", "", "20"]),
    ]
    table = build_table("8.1.10", "", rows)
    assert table.header_rows == ()
    assert table.kind == "duis"
    assert [(r.key, r.name) for r in table.rows] == [
        ("8.4", "Update Inventory"),
        ("8.14.3", "Communications Hub Status Update- Fault Return"),
    ]
    assert table.value_columns == (4, 5, 6, 7)
    assert [f.label for f in table.footer] == ["Count of Mandatory", "Total Tests"]


def test_headerless_alert_and_dcc_excerpts_find_their_keys() -> None:
    alerts = build_table(
        "8.1.13",
        "",
        [
            _row(
                [
                    "0x8F66",
                    "Future – date HAN Interface Command Successfully Actioned",
                    "Device Alert – Type 1",
                    "N",
                    "Mandatory SMETS2+",
                    "IS",
                ]
            ),
            _row(["Ox81A0", "Typo kept as found", "Device Alert – Type 2", "N", "Mandatory", "IS"]),
        ],
    )
    assert alerts.kind == "device_alert" and [r.key for r in alerts.rows] == ["0x8F66", "Ox81A0"]
    assert alerts.value_columns == (4,) and alerts.rows[0].name.startswith("Future")
    dcc = build_table(
        "8.1.19",
        "",
        [
            _row(["N55", "SMETS1 Service Provider Alert", "Mandatory SMETS1", "Previously Registered IS"]),
            _row(["N49, N50, N51, N52", "Grouped alerts", "Mandatory", "Previously Registered IS"]),
        ],
    )
    assert dcc.kind == "dcc_alert" and [r.key for r in dcc.rows] == ["N55", "N49, N50, N51, N52"]
    assert dcc.name_column == 1 and dcc.value_columns == (2,)


def test_a_struck_through_row_is_kept_with_its_old_key() -> None:
    """An annex deletes a row by striking it through: the accepted text is empty, the row is not."""
    from redline.model import Cell, Run

    def struck(text: str) -> RawCell:
        return RawCell(Cell("", (Run(text, "delete"),)))

    rows = [
        _row(DUIS_HEADER, header=True),
        _row(["8.4", "8.4", "Update Inventory", "N", "Mandatory", "N/A", "N/A", "Mandatory", "OU"]),
        RawRow(
            tuple(struck(t) for t in ["8.9", "8.9", "Read Device Log", "N", "Mandatory", "N/A", "N/A", "N/A", "OU"])
        ),
        _row(["", "", "", "", "", "", "", "", ""]),
    ]
    table = build_table("8.1.11", "DUIS Matrix – OU", rows)
    assert [(r.key, r.name) for r in table.rows] == [("8.4", "Update Inventory"), ("8.9", "Read Device Log")]
    assert table.rows[1].texts == ("",) * 9 and table.rows[1].cells[2].old_text == "Read Device Log"
    assert check_table(table).mismatches == ()
