"""Grid → Table: header, body, footer split and column roles."""

from __future__ import annotations

from redline.model import Cell
from redline.tables import RawCell, RawRow, build_table, plain_cell


def _c(text: str, span: int = 1, continued: bool = False) -> RawCell:
    return RawCell(plain_cell(text), span, continued)


def test_two_row_duis_header_with_merges_names_every_column() -> None:
    top = RawRow(
        (
            _c("SR"),
            _c("SR Variant"),
            _c("Service Request Name"),
            _c("Critical"),
            _c("Test Scenario", span=10),
            _c("User Role"),
        ),
        is_header=True,
    )
    values = ["CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "NCV"]
    second = RawRow(
        (
            _c("", continued=True),
            _c("", continued=True),
            _c("", continued=True),
            _c("", continued=True),
            *(_c(v) for v in values),
            _c("", continued=True),
        ),
        is_header=True,
    )
    body = RawRow(
        tuple(_c(t) for t in ["6.2", "6.2.7", "Read Device Configuration (MPxN)", "N", "Mandatory", *["N/A"] * 9, "ED"])
    )
    table = build_table("8.1.8", "DUIS Matrix – ED", [top, second, body])
    assert table.columns == ("SR", "SR Variant", "Service Request Name", "Critical", *values, "User Role")
    assert table.kind == "duis"
    assert (table.key_column, table.name_column, table.value_columns) == (1, 2, tuple(range(4, 14)))
    assert table.role == "ED"
    [row] = table.rows
    assert (row.key, row.name) == ("6.2.7", "Read Device Configuration (MPxN)")


def test_device_alert_table_keys_on_alert_code() -> None:
    rows = [
        RawRow(
            tuple(
                _c(t)
                for t in [
                    "Event / Alert Code",
                    "Event / Alert Code Meaning",
                    "Device Alert Variant",
                    "Critical",
                    "Test Scenario",
                    "User Role",
                ]
            ),
            is_header=True,
        ),
        RawRow(
            tuple(
                _c(t)
                for t in [
                    "0x8F32",
                    "Supply Armed",
                    "Device Alert – Type 1 (Alert Code and Timestamp) DLMS",
                    "Y",
                    "Mandatory",
                    "IS",
                ]
            )
        ),
    ]
    table = build_table("8.1.13", "Device Alerts – IS", rows)
    assert table.kind == "device_alert"
    assert table.rows[0].key == "0x8F32" and table.rows[0].name == "Supply Armed"
    assert table.columns[table.value_columns[0]] == "Test Scenario"
    assert table.role == "IS"


def test_dcc_alert_group_reference_is_one_key() -> None:
    rows = [
        RawRow(tuple(_c(t) for t in ["Reference", "Name", "Test Scenario", "Applicable User Role"]), is_header=True),
        RawRow(tuple(_c(t) for t in ["N49, N50, N51,\nN52", "Firmware Version Mismatch", "Optional", "IS"])),
        RawRow(tuple(_c(t) for t in ["N17", "DSP Schedule Removal", "Mandatory", "Previously Registered IS"])),
    ]
    table = build_table("8.1.19", "DCC Alert Tests – IS", rows)
    assert table.kind == "dcc_alert"
    assert [r.key for r in table.rows] == ["N49, N50, N51, N52", "N17"]


def test_header_repeated_inside_body_is_dropped() -> None:
    header = RawRow(
        tuple(_c(t) for t in ["Reference", "Name", "Test Scenario", "Applicable User Role"]), is_header=True
    )
    repeat = RawRow(header.cells)
    body = RawRow(tuple(_c(t) for t in ["N17", "DSP Schedule Removal", "Mandatory", "IS"]))
    table = build_table("8.1.19", "DCC Alert Tests – IS", [header, body, repeat, body])
    assert len(table.rows) == 2


def test_footer_with_struck_and_inserted_figures_keeps_both_views() -> None:
    from redline.model import Run

    figure = Cell("12", (Run("16", "delete"), Run("12", "insert")))
    rows = [
        RawRow(
            tuple(_c(t) for t in ["SR", "SR Variant", "Service Request Name", "Critical", "CV", "User Role"]),
            is_header=True,
        ),
        RawRow((_c("Count of Mandatory", span=4), _c("9"), RawCell(figure))),
    ]
    table = build_table("8.1.10", "", rows)
    [footer] = table.footer
    assert footer.figures == (9, 12)
    assert footer.old_figures == (9, 16)


def test_unmarked_device_alert_header_stops_at_the_first_data_row() -> None:
    """Without w:tblHeader the header is guessed; every body row of a device
    alert table names its variant "… (Alert Code and Timestamp) …", which holds
    a header word, yet a row keyed by an alert code is data, not header."""
    header = ["Event / Alert Code", "Event / Alert Code Meaning", "Device Alert Variant", "Critical",
              "Test Scenario", "User Role"]
    variant = "Device Alert – Type 1 (Alert Code and Timestamp) DLMS"
    body = [
        ["0x8F32", "Supply Armed", variant, "Y", "Mandatory", "IS"],
        ["0x8F33", "Supply Disabled then Armed", variant, "N", "Mandatory SMETS2+", "IS"],
        ["0x8F34", "Supply Enabled", variant, "N", "Optional", "IS"],
    ]
    rows = [RawRow(tuple(_c(t) for t in r)) for r in (header, *body)]
    table = build_table("8.1.13", "Device Alerts – IS", rows)
    assert len(table.header_rows) == 1
    assert [r.key for r in table.rows] == ["0x8F32", "0x8F33", "0x8F34"]
    assert table.columns[table.value_columns[0]] == "Test Scenario"
