"""``redline check`` on an annex: each amended table's footer figures against the
rows it amends (corrections to confirm, errors), and with ``--against`` the
annex applied to its baseline and the result checked in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.annex.check import check_annex
from redline.annex.plan import AnnexOptions, plan_annex
from redline.cli import main
from redline.diff import diff
from redline.readers import read
from redline.writers.annex import write_annex
from tests.conftest import V618, V619
from tests.edited_versions import edited_619
from tests.handmade_annex import build

MP089_CORRECTIONS = [
    ("8.1.8", "Count of N/A", "ECV3", 38, 37),  # E3 of fixtures/CHANGES.md
    ("8.1.10", "Count of Mandatory", "Total", 16, 12),  # E1: MP089's RSA 16 -> 12
    ("8.1.10", "Total Tests", "Total", 23, 20),  # E2
]


def _annex(new: Path, dest: Path) -> Path:
    old, version = read(V618), read(new)
    write_annex(plan_annex(old, version, diff(old, version), AnnexOptions(mp="MP089")), dest)
    return dest


@pytest.fixture(scope="module")
def annexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("annexes")
    return _annex(V619, d / "mp089.docx"), _annex(edited_619(d / "edited-6.19.docx"), d / "wrong.docx")


def _found(path: Path) -> list[tuple[str, str, str, int, int, str]]:
    return [(f.table, f.row, f.column, f.old, f.new, f.kind) for f in check_annex(read(path))]


def test_correct_annex_reports_only_the_real_corrections(annexes: tuple[Path, Path]) -> None:
    assert _found(annexes[0]) == [(*c, "correction") for c in MP089_CORRECTIONS]


def test_handmade_annex_reports_mp089s_correction(tmp_path: Path) -> None:
    assert _found(build(tmp_path / "handmade.docx")) == [(*c, "correction") for c in MP089_CORRECTIONS[1:]]


def test_annex_whose_footer_was_not_recounted_has_errors(
    annexes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = annexes[1]
    assert _found(wrong)[:2] == [
        ("8.1.6", "Count of N/A", "ECV1", 15, 15, "error"),
        ("8.1.6", "Count of Mandatory", "ECV1", 1, 1, "error"),
    ]
    assert main(["check", str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "error       Table 8.1.6 Count of Mandatory [ECV1]: 1 -> 1: the amended rows change this count by +1" in out
    assert out.rstrip().endswith("2 error(s), 3 correction(s) to confirm; apply it to be sure: "
                                 f"redline check {wrong} --against BASE")


def test_check_against_the_baseline_applies_and_checks_in_full(
    annexes: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, wrong = annexes
    assert main(["check", str(good)]) == 0
    capsys.readouterr()
    db = tmp_path / "v.db"
    assert main(["versions", "add", str(V618), "--label", "6.18", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["check", str(good), "--against", "6.18", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"(confirmed: {V618} states 16, its rows give 12)" in out
    assert out.rstrip().endswith("17 checked, 0 without footer; all footer figures agree")
    assert main(["check", str(wrong), "--against", str(V618)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  Table 8.1.6 DUIS Matrix – Export Supplier (ES) (duis ES, 16 rows): 4 mismatch(es)" in out
    assert main(["check", str(wrong), "--against", str(V618), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["apply_mismatches"] == []
    assert [f["kind"] for f in report["figures"]] == ["error", "error", "correction", "correction", "correction"]
    assert all(f["confirmed"] for f in report["figures"] if f["kind"] == "correction")


def test_against_is_for_annexes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(V619), "--against", str(V618)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
