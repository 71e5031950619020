"""Typography-only changes (dashes, quotes, spacing, case) are marked and
counted apart; --ignore-typography leaves them out of diff and annex; a DOCX
and its own PDF that space a name differently give no renames."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace as dc_replace
from pathlib import Path

import pytest
from diffdata import dcc_table, document, para, section

from redline import cli
from redline.diff import diff
from redline.diff.records import RowChange
from redline.diff.tables import diff_table
from redline.diff.typography import flag_tables, typography_only
from redline.readers import read
from redline.writers.json import diff_to_dict
from redline.writers.text import diff_report
from tests.conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT))
from fixtures.edit_cells import RSA_RETYPED, SPACED, edit_cells

FAULT = "Communications Hub Status Update- Fault Return"
NO_FAULT = "Communications Hub Status Update- No Fault Returned"
INVENTORY = "Read Inventory (Current and Future Suppliers may use this Service Request)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Status Update- Fault Return", "Status Update – Fault Return", True),  # dash and spacing
        ("Status Update - Fault", "Status Update — Fault", True),  # em dash
        ("Supplier's", "Supplier’s", True),  # straight to curly quote
        ('the "Code"', "the “Code”", True),
        ("Read Event Or Security Log", "Read Event or Security Log", True),  # case
        ("Sub GHz", "SubGHz", True),  # spacing
        ("Request WAN Matrix", "Request WAN Matrix Report", False),
        ("Current Suppliers", "‘Current Suppliers’", False),  # quotes added, not retyped
        ("Mandatory", "Mandatory", False),  # no change at all
    ],
)
def test_typography_only(old: str, new: str, expected: bool) -> None:
    assert typography_only(old, new) is expected


@pytest.fixture(scope="module")
def retyped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edit_cells(FIXTURES / "appendix-r-v6.19.docx", tmp_path_factory.mktemp("t") / "6.19-retyped.docx",
                      RSA_RETYPED)


def test_retyped_names_are_marked_beside_the_real_renames(retyped: Path) -> None:
    result = diff(read(FIXTURES / "appendix-r-v6.19.docx"), read(retyped))
    [table] = result.tables
    assert table.table == "8.1.10"
    renamed = [(r.key, r.old_name, r.name, r.typography_only) for r in table.rows_renamed]
    assert renamed == [
        ("6.13", "Read Event Or Security Log", "Read Event or Security Log", True),
        ("6.31", "Read CHF Sub GHz Channel", "Read CHF SubGHz Channel", True),
        ("8.2", INVENTORY, "Read Inventory (‘Current and Future Suppliers’ may use this Service Request)", False),
        ("8.14.3", FAULT, "Communications Hub Status Update – Fault Return", True),
        # typed "Update– No": read, as its PDF reads, with a space both sides of the dash
        ("8.14.3", NO_FAULT, "Communications Hub Status Update – No Fault Returned", True),
        ("12.1", "Request WAN Matrix", "Request WAN Matrix Report", False),
        ("12.2", "Device Pre-notification", "Device Pre\u2011notification", True),
    ]
    counts = result.counts()
    assert (counts["rows_renamed"], counts["rows_renamed_typography_only"]) == (7, 5)
    assert "0 rows added, 0 removed, 2 renamed, 5 typography-only, 0 moved" in diff_report(result)
    assert "    ~ renamed 12.2: 'Device Pre-notification' -> 'Device Pre\u2011notification'  (typography only)" in (
        diff_report(result)
    )
    rsa = next(r for r in result.roles if r.role == "RSA")
    assert [(v.key, v.typography_only) for v in rsa.rows_renamed] == [
        ("6.13", True), ("6.31", True), ("8.2", False), ("8.14.3", True), ("8.14.3", True), ("12.1", False),
        ("12.2", True),
    ]
    data = diff_to_dict(result)
    assert [r["typography_only"] for r in data["tables"][0]["rows_renamed"]] == [
        True, True, False, True, True, False, True
    ]
    assert data["summary"]["rows_renamed_typography_only"] == 5


def test_ignore_typography_leaves_them_out_of_diff_and_annex(
    retyped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = str(FIXTURES / "appendix-r-v6.19.docx")
    assert cli.main(["diff", baseline, str(retyped), "--json", "--ignore-typography"]) == 0
    [table] = json.loads(capsys.readouterr().out)["tables"]
    assert [(r["key"], r["new_name"]) for r in table["rows_renamed"]] == [
        ("8.2", "Read Inventory (‘Current and Future Suppliers’ may use this Service Request)"),
        ("12.1", "Request WAN Matrix Report"),
    ]
    plain, ignoring = tmp_path / "annex.html", tmp_path / "annex-ignoring.html"
    assert cli.main(["annex", baseline, str(retyped), "-o", str(plain), "--context", "0"]) == 0
    assert cli.main(["annex", baseline, str(retyped), "-o", str(ignoring), "--context", "0",
                     "--ignore-typography"]) == 0
    capsys.readouterr()

    def rows_shown(path: Path) -> set[str]:
        html = path.read_text(encoding="utf-8")
        return {name for name in ("Read Event", "SubGHz", "\u2011", "WAN Matrix", "Fault Return")
                if re.search(re.escape(name), html)}

    # the annex redlines typography-only renames, as MP089 does ("-" -> "–"), unless told not to
    assert rows_shown(plain) == {"Read Event", "SubGHz", "\u2011", "WAN Matrix", "Fault Return"}
    assert rows_shown(ignoring) == {"WAN Matrix"}


def test_a_docx_and_its_own_pdf_spacing_a_name_otherwise_give_no_renames(tmp_path: Path) -> None:
    spaced = edit_cells(FIXTURES / "appendix-r-v6.18.docx", tmp_path / "6.18-spaced.docx", SPACED)
    pdf = read(FIXTURES / "appendix-r-v6.18.pdf")
    assert diff(read(spaced), pdf).is_empty
    assert diff(pdf, read(spaced)).is_empty
    # between two DOCX, the same spacing is a typography-only rename
    result = diff(read(FIXTURES / "appendix-r-v6.18.docx"), read(spaced))
    assert result.tables[0].rows_renamed == (
        RowChange("renamed", "6.31", "Read CHF SubGHz Channel", "Read CHF Sub GHz Channel", 10, 10,
                  result.tables[0].rows_renamed[0].cells, True),
        RowChange("renamed", "12.2", "Device Pre- notification", "Device Pre-notification", 17, 17,
                  result.tables[0].rows_renamed[1].cells, True),
    )


def test_a_paragraph_retyped_is_typography_only_and_ignorable() -> None:
    old = document([section("1.2", "Types of Testing", "User Entry Process Tests - UEPT apply.", "Another line.")])
    new = document([section("1.2", "Types of Testing", "User Entry Process Tests – UEPT apply.", "Another line!")])
    result = diff(old, new)
    [s] = result.sections
    assert [(p.old, p.new, p.typography_only) for p in s.paragraphs] == [
        ("User Entry Process Tests - UEPT apply.", "User Entry Process Tests – UEPT apply.", True),
        ("Another line.", "Another line!", False),
    ]
    assert result.counts()["paragraphs_typography_only"] == 1
    [s] = diff(old, new, ignore_typography=True).sections
    assert [(p.old, p.new) for p in s.paragraphs] == [("Another line.", "Another line!")]
    assert diff(old, document([section("1.2", "Types of Testing", para("User Entry Process Tests – UEPT apply."),
                                       "Another line.")]), ignore_typography=True).is_empty


def test_a_retyped_cell_and_header_are_typography_only() -> None:
    old = dcc_table("8.1.21", [("N1", "Device Status Change", "Mandatory", "Registered - ES"),
                               ("N16", "Device Identity Confirmation", "Mandatory", "Registered ES")])
    new = dcc_table("8.1.21", [("N1", "Device Status Change", "Mandatory", "Registered – ES"),
                               ("N16", "Device Identity Confirmation", "Mandatory", "Registered – ES")])
    old = dc_replace(old, columns=(*old.columns[:3], "Applicable User - Role"))
    new = dc_replace(new, columns=(*new.columns[:3], "Applicable User–Role"))
    [flagged] = flag_tables([diff_table(old, new)])
    assert [(c.old, c.new, c.typography_only) for c in flagged.columns_renamed] == [
        ("Applicable User - Role", "Applicable User–Role", True)
    ]
    assert [(c.key, c.old, c.new, c.typography_only) for c in flagged.cells_changed] == [
        ("N1", "Registered - ES", "Registered – ES", True),
        ("N16", "Registered ES", "Registered – ES", False),  # a dash where there was none is more than typography
    ]
