"""An annex table excerpt whose first body row is wholly struck through (fixture
change T4: 8.1.11 loses 8.9 "Read Device Log"), made with python-docx the way a
drafter would: the struck row is a deleted row, never the table's header, whether
the excerpt has no header row or the row comes right after one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.checks import check_table
from redline.model import Document
from redline.versions.apply import apply
from redline.versions.compare import differences
from tests.conftest import V618, V619
from tests.handmade_annex import build_struck_first_row

STRUCK = ("8.9", "8.9", "Read Device Log", "N", "Mandatory", *["N/A"] * 9, "OU")


def _read(path: Path) -> Document:
    pytest.importorskip("redline.readers.docx")
    from redline.readers import read

    return read(path)


@pytest.mark.parametrize("header", [False, True], ids=["no-header", "after-header"])
def test_struck_first_row_is_deleted_content(tmp_path: Path, header: bool) -> None:
    annex = _read(build_struck_first_row(tmp_path / "t4.docx", header))
    [amendment] = annex.amendments
    [table] = [b for b in amendment.blocks if hasattr(b, "rows")]
    assert len(table.header_rows) == (1 if header else 0)
    assert table.kind == "duis" and [r.key for r in table.rows] == ["8.9", "8.11"]
    assert table.rows[0].cells[2].old_text == "Read Device Log" and table.rows[0].cells[2].text == ""
    assert amendment.deleted[: len(STRUCK)] == STRUCK


@pytest.mark.parametrize("header", [False, True], ids=["no-header", "after-header"])
def test_struck_first_row_applies_to_618(tmp_path: Path, header: bool) -> None:
    result = apply(_read(V618), _read(build_struck_first_row(tmp_path / "t4.docx", header)))
    assert result.plan.mismatches == ()
    table = result.document.table("8.1.11")
    assert table is not None and "8.9" not in [r.key for r in table.rows]
    assert check_table(table).ok
    touched = [d for d in differences(result.document, _read(V619), limit=200) if d.startswith("section 8.1.11")]
    assert touched == []


def test_cli_parse_lists_the_struck_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("redline.readers.docx")
    from redline.cli import main

    annex = build_struck_first_row(tmp_path / "t4.docx", header=False)
    assert main(["parse", str(annex), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [amendment] = data["amendments"]
    assert amendment["target"] == {"kind": "table", "number": "8.1.11"}
    assert amendment["old_text"].startswith("8.9 | 8.9 | Read Device Log | N | Mandatory")
    assert "Read Device Log" not in amendment["new_text"]
    assert "Read Device Log" in amendment["deleted"]
