"""check lists every table it read, checked or not, with its kind and row
count: a reviewer sees that every table of the document was found, not only
the ones with footer rows. Exit codes and the ``tables`` list are as before."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from diffdata import dcc_table, document, duis_table, role_rows, section
from docx_builder import cell, heading, para, row, table, write_docx
from lxml import etree

from redline import cli
from redline.checks import TableRead, check
from redline.writers.json import check_to_dict
from redline.writers.text import check_report
from tests.conftest import FIXTURES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX = sorted(FIXTURES.glob("*.docx"))


def _xml_tables(docx: Path) -> int:
    """Tables in the body, counted in the XML (nested tables aside)."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return sum(1 for t in root.iter(W + "tbl") if not any(a.tag == W + "tbl" for a in t.iterancestors()))


@pytest.mark.parametrize("docx", DOCX, ids=[p.name for p in DOCX])
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_check_on_every_fixture_lists_every_table_it_read(
    docx: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = docx.with_suffix(suffix)
    expected = _xml_tables(docx)  # a PDF holds the tables of the DOCX it was made from
    assert expected == 17
    code = cli.main(["check", str(path)])
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith(("ok    Table", "FAIL  Table", "--    Table"))]
    assert len(listed) == expected
    assert f"{path}: 17 tables read, 17 checked, 0 without footer; " in out
    assert code == (1 if "6.18" in docx.name else 0)  # 6.18 states wrong totals in 8.1.8 and 8.1.10
    assert cli.main(["check", str(path), "--json"]) == code
    data = json.loads(capsys.readouterr().out)
    assert len(data["coverage"]) == expected
    assert data["summary"] == {"tables_read": 17, "tables_checked": 17, "tables_without_footer": 0,
                               "mismatches": 3 if "6.18" in docx.name else 0,
                               "eligibility_findings": 0 if "6.18" in docx.name else 3}
    rsa = next(t for t in data["coverage"] if t["table"] == "8.1.10")
    assert (rsa["kind"], rsa["role"], rsa["rows"]) == ("duis", "RSA", 18 if "6.18" in docx.name else 20)
    assert rsa["status"] == ("mismatches" if "6.18" in docx.name else "ok")


def test_tables_without_footer_are_listed_and_counted_apart() -> None:
    rows = role_rows("RSA", limit=4)
    n1 = ("N1", "Device Status Change", "Mandatory SMETS2+", "Registered ES")
    doc = document([
        section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", rows)),
        section("8.1.21", "DCC Alert Tests – ES", dcc_table("8.1.21", [n1])),
    ])
    result = check(doc)
    assert result.read == (
        TableRead("8.1.10", "DUIS Matrix – RSA", "duis", "RSA", 4, "ok"),
        TableRead("8.1.21", "DCC Alerts", "dcc_alert", "ES", 1, "no_footer"),
    )
    assert [t.table for t in result.tables] == ["8.1.10"]  # the contract's list: tables with a footer
    report = check_report(result)
    assert "--    Table 8.1.21 DCC Alerts (dcc_alert ES, 1 row): no footer rows to check" in report
    assert report.endswith("v.docx: 2 tables read, 1 checked, 1 without footer; all footer figures agree\n")
    data = check_to_dict(result)
    assert [(t["table"], t["status"]) for t in data["coverage"]] == [("8.1.10", "ok"), ("8.1.21", "no_footer")]
    assert data["summary"]["tables_without_footer"] == 1


def test_a_document_whose_tables_have_no_footer_lists_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_docx(tmp_path / "prose.docx", [
        heading("Introduction", 1), para(text="Prose."),
        table([row([cell("Term"), cell("Meaning")], header=True), row([cell("CTS"), cell("Common Test Scenarios")])],
              2),
    ])
    assert cli.main(["check", str(p)]) == 0
    out = capsys.readouterr().out
    assert "--    Table 1 Introduction (other, 1 row): no footer rows to check" in out
    assert f"{p}: 1 table read, 0 checked, 1 without footer: no tables with footer counts: nothing to check" in out
