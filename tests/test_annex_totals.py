"""``redline annex`` and footer figures that the rows do not give: a warning per
amended table, ``--correct-totals`` writing the computed figures as the new ones
(stated struck, computed inserted, as MP089's drafter did), and the broken
cross-references listed after the amendments and in JSON.

The "edited 6.19" is the fixture 6.19 DOCX with one cell of Table 8.1.6 turned
from N/A to Mandatory and its footer left as it was, as a drafter in a hurry
would leave it (made by editing the Word file's XML, not by our annex writer).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.checks import check
from redline.cli import main
from redline.model import Document
from redline.readers import read
from redline.versions.apply import apply
from tests.conftest import V618, V619
from tests.edited_versions import edited_619


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edited_619(tmp_path_factory.mktemp("edited") / "edited-6.19.docx")


def _footer(doc: Document, table: str) -> dict[str, tuple[int, ...]]:
    t = doc.table(table)
    assert t is not None
    return {f.label: f.figures for f in t.footer}


def test_annex_warns_where_the_new_figures_are_not_what_the_rows_give(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", str(V618), str(edited), "-o", str(tmp_path / "a.docx")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(": 17 amendments; 6 sections and 12 tables changed")  # 1.1, 1.2 grouped
    assert out[1] == (
        "warning: Table 8.1.6: the new version's footer figures are not what its rows give (stated → rows give): "
        "Count of N/A (ECV1) 15 → 14, Count of Mandatory (ECV1) 1 → 2, Count of Mandatory (total) 17 → 18, "
        "Total Tests 18 → 19; --correct-totals writes the computed figures"
    )
    # the annex as written carries the stated (wrong) figures: 8.1.6's footer is unchanged
    annex = read(tmp_path / "a.docx")
    [item] = [a for a in annex.amendments if a.target.number == "8.1.6"]
    assert item.inserted == ("Mandatory",) and item.deleted == ("N/A",)


def test_correct_totals_strikes_the_stated_figures_and_inserts_the_computed(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "a.docx"
    assert main(["annex", str(V618), str(edited), "-o", str(dest), "--correct-totals"]) == 0
    assert "corrected: Table 8.1.6: footer figures set to what its rows give" in capsys.readouterr().out
    annex = read(dest)
    [item] = [a for a in annex.amendments if a.target.number == "8.1.6"]
    assert item.deleted == ("N/A", "15", "1", "17", "18")
    assert item.inserted == ("Mandatory", "14", "2", "18", "19")
    draft = apply(read(V618), annex)
    assert draft.ok and check(draft.document).ok
    assert _footer(draft.document, "8.1.6")["Total Tests"] == (19,)


def test_annex_json_lists_wrong_totals_and_broken_references(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", str(V618), str(edited), "-o", str(tmp_path / "a.html"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "redline.annex/1" and report["amendments"] == 17
    [totals] = report["totals"]
    assert totals["table"] == "8.1.6" and totals["corrected"] is False
    assert {"row": "Total Tests", "column": "Total", "column_index": None, "stated": 18, "computed": 19} in totals[
        "figures"
    ]
    # 6.3 deleted and 7.2 inserted leave two references for the drafter to fix (fixtures/CHANGES.md)
    assert [(r["section"], r["text"], r["problem"]) for r in report["references"]] == [
        ("3.1", "Section 7.3", "stale"),
        ("4.2", "clause 6.3", "missing"),
    ]


def test_fixture_annex_has_no_totals_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """6.19's figures all agree with its rows: MP089's corrections are shown, nothing is warned."""
    assert main(["annex", str(V618), str(V619), "-o", str(tmp_path / "a.docx")]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out and "cross-references to check (2)" in out
