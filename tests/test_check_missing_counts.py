"""check (issue 18 item 5): a counted value with no footer row is a finding,
and the annex-only check agrees with ``check ANNEX --against BASE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import redline
from redline.annex.check import check_annex
from redline.cli import main
from tests.conftest import FIXTURES, V618
from tests.docx_builder import heading, row, table, write_docx

MP089 = FIXTURES / "annexes" / "01-mp089.docx"


def _alert_docx(path: Path, footer: list[list[str]]) -> Path:
    header = ["Event / Alert Code", "Alert Meaning", "Alert Variant", "Critical", "Test Scenario", "User Role"]
    body = [
        ["0x8F01", "Supply Interrupted", "A", "Y", "Mandatory", "IS"],
        ["0x8F02", "Supply Restored", "A", "Y", "Mandatory", "IS"],
        ["0x8F0C", "Clock not adjusted", "A", "N", "Mandatory", "IS"],
        ["0x8F1C", "Firmware verification failed", "A", "N", "Mandatory SMETS2+", "IS"],
        ["0x8F1D", "Low battery", "A", "N", "Mandatory SMETS2+", "IS"],
        ["0x8F20", "Tamper", "A", "N", "Optional", "IS"],
    ]
    rows = [row(header, header=True), *(row(r) for r in body), *(row(f) for f in footer)]
    return write_docx(path, [heading("8.1.13 Device Alert Tests – IS", 3), table(rows, len(header))])


def test_alert_table_with_mandatory_rows_and_no_count_of_mandatory_row_is_not_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: three "Mandatory" rows, "Count of Mandatory SMETS2+ 2" and
    "Total Tests 2" said ok: the footer adds up, but three tests are in no figure."""
    path = _alert_docx(tmp_path / "alerts.docx", [["Count of Mandatory SMETS2+", "", "", "", "2", ""],
                                                 ["Total Tests", "", "", "", "2", ""]])
    result = redline.check(redline.read(path))
    (t,) = result.tables
    assert t.mismatches == ()
    assert [(m.label, m.cells) for m in t.missing] == [("Count of Mandatory", 3)]
    assert not result.ok
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAIL  Table ") and "Device Alert Tests – IS" in out and "no 'Count of Mandatory' row" in out
    assert main(["check", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    missing = [{"row": "Count of Mandatory", "value": "Mandatory", "cells": 3}]
    assert report["tables"][0]["missing_count_rows"] == missing
    assert report["coverage"][0]["status"] == "missing_count_row"


def test_alert_table_counting_every_counted_value_is_ok_and_optional_needs_no_row(tmp_path: Path) -> None:
    path = _alert_docx(tmp_path / "alerts.docx", [["Count of Mandatory", "", "", "", "3", ""],
                                                 ["Count of Mandatory SMETS2+", "", "", "", "2", ""],
                                                 ["Total Tests", "", "", "", "5", ""]])
    result = redline.check(redline.read(path))
    assert result.ok and result.tables[0].missing == ()


def test_annex_only_check_agrees_with_against_when_the_annex_shows_only_changed_footer_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: MP089's Table 8.1.5 shows "Count of Mandatory" 133 -> 134 and
    "Total Tests" 169 -> 170 (the other Count of rows unchanged, left out):
    the annex-only check said "add up to 134", an error, while --against
    (the consolidated version checked in full) found the table right."""
    findings = check_annex(redline.read(MP089))
    assert [f for f in findings if f.kind == "error"] == []
    assert main(["check", "--json", str(MP089), "--against", str(V618)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert all(t["mismatches"] == [] for t in report["tables"])


def test_annex_only_check_still_finds_a_total_whose_change_the_rows_do_not_explain() -> None:
    from redline.annex.check import _grand_total

    # shown rows did not add up before (rows left out) and change by +1; the total by +2
    (f,) = _grand_total("8.1.5", "Total Tests", 169, 171, 133, 134)
    assert (f.kind, f.expected) == ("error", 170)
    # shown rows added up before (all rows shown): the new total must be their sum
    (g,) = _grand_total("8.1.10", "Total Tests", 20, 21, 20, 20)
    assert (g.kind, g.expected) == ("error", 20)
    assert _grand_total("8.1.5", "Total Tests", 169, 170, 133, 134) == []
