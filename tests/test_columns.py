"""Columns paired by header and place: a renamed header is a renamed column
whose cells are still compared (MP089 strikes "CTS" from Table 8.1.21's
"CTS Test Scenario"; before, the rename read as a column removed and one
added, and N1's change under it vanished from the diff and the ES summary)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from diffdata import dcc_table

from redline import cli
from redline.diff import diff
from redline.diff.match import pair_columns
from redline.diff.records import CellChange, ColumnRename, FooterChange, ValueChange
from redline.diff.tables import diff_table
from redline.readers import read
from tests.conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT))
from fixtures.edit_cells import MP089_SHAPE, edit_cells

N1 = "Device Status Change – Electricity Smart Meter Decommission or Withdrawal"


def test_same_headers_pair_in_place() -> None:
    p = pair_columns(("A", "B", "C"), ("A", "B", "C"))
    assert p.pairs == ((0, 0), (1, 1), (2, 2))
    assert (p.renamed, p.added, p.removed) == ((), (), ())


def test_a_changed_header_between_two_kept_ones_is_renamed_by_place() -> None:
    p = pair_columns(("Reference", "Name", "CTS Test Scenario", "Applicable User Role"),
                     ("Reference", "Name", "Test Scenario", "Applicable User Role"))
    assert p.renamed == (ColumnRename("CTS Test Scenario", "Test Scenario", 2, 2),)
    assert (p.added, p.removed) == ((), ())


def test_a_header_retyped_beyond_recognition_in_its_place_is_still_renamed() -> None:
    p = pair_columns(("aaa", "bbb", ""), ("Aaa1", "bbb", ""))  # the peer's WC033 pair
    assert p.renamed == (ColumnRename("aaa", "Aaa1", 0, 0),)


def test_columns_really_added_and_removed_beside_a_rename() -> None:
    # one column in, two out between the same neighbours: the similar header pairs, the other went
    p = pair_columns(("Key", "Old Notes", "CTS Test Scenario", "Role"), ("Key", "Test Scenario", "Role", "Remarks"))
    assert p.renamed == (ColumnRename("CTS Test Scenario", "Test Scenario", 1, 2),)
    assert p.removed == (1,)
    assert p.added == (3,)


def test_a_moved_column_keeps_its_cells() -> None:
    p = pair_columns(("A", "B", "C"), ("C", "A", "B"))
    assert p.mapping == {0: 2, 1: 0, 2: 1}
    assert p.renamed == ()


def test_cells_under_a_renamed_dcc_column_are_compared_and_counts_follow() -> None:
    rows = [("N1", N1, "Mandatory", "Registered ES"),
            ("N16", "Device Identity Confirmation", "Mandatory", "Registered ES")]
    old = dcc_table("8.1.21", rows)
    old = replace(old, columns=(*old.columns[:2], "CTS Test Scenario", old.columns[3]))
    new_rows = [("N1", N1, "Mandatory SMETS2+", "Registered ES"), rows[1]]
    change = diff_table(old, dcc_table("8.1.21", new_rows))
    assert change.columns_renamed == (ColumnRename("CTS Test Scenario", "Test Scenario", 2, 2),)
    assert (change.columns_added, change.columns_removed) == ((), ())
    assert change.cells_changed == (CellChange("N1", N1, "Test Scenario", 2, "Mandatory", "Mandatory SMETS2+",
                                               None, 0, 0),)


def test_mp089_shaped_pair_of_fixtures_keeps_n1_in_diff_and_es_summary(tmp_path: Path) -> None:
    """SEC 6.18 edited as MP089 found it (header "CTS Test Scenario", N1 Mandatory), against SEC 6.18."""
    old_path = edit_cells(FIXTURES / "appendix-r-v6.18.docx", tmp_path / "6.18-cts.docx", MP089_SHAPE)
    result = diff(read(old_path), read(FIXTURES / "appendix-r-v6.18.docx"))
    [table] = result.tables
    assert table.table == "8.1.21"
    assert table.columns_renamed == (ColumnRename("CTS Test Scenario", "Test Scenario", 2, 2),)
    assert (table.columns_added, table.columns_removed) == ((), ())
    assert table.cells_changed == (
        CellChange("N1", N1, "Test Scenario", 2, "Mandatory", "Mandatory SMETS2+", None, 0, 0),
    )
    assert table.counts == (
        FooterChange("Count of Mandatory SMETS2+", "Test Scenario", 2, 1, 2),
        FooterChange("Total Tests", "Total", None, 2, 3),
    )
    es = next(r for r in result.roles if r.role == "ES")
    assert es.other_values == (ValueChange("8.1.21", "N1", N1, "Test Scenario", "Mandatory", "Mandatory SMETS2+"),)
    assert (es.total_tests_old, es.total_tests_new) == (25, 26)
    assert result.counts()["columns_renamed"] == 1


def test_cli_json_gives_columns_renamed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_path = edit_cells(FIXTURES / "appendix-r-v6.18.docx", tmp_path / "6.18-cts.docx", MP089_SHAPE)
    assert cli.main(["diff", str(old_path), str(FIXTURES / "appendix-r-v6.18.pdf"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [table] = data["tables"]
    assert table["columns_renamed"] == [
        {"old": "CTS Test Scenario", "new": "Test Scenario", "index": 2, "old_index": 2, "typography_only": False}
    ]
    assert [(c["key"], c["column"], c["old"], c["new"]) for c in table["cells_changed"]] == [
        ("N1", "Test Scenario", "Mandatory", "Mandatory SMETS2+")
    ]
