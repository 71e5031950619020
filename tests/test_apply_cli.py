"""`redline apply` and `redline conflicts` from the command line, on models saved as JSON."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from redline.cli import main
from redline.inputs import read_file
from redline.model import Document
from redline.versions.compare import differences
from redline.versions.store import opened
from redline.writers.json import document_to_dict
from tests.appendix_builders import NA, RSA_618, M, annex, appendix, table_amendment
from tests.test_apply import mp089_like_annex, version_619


def _save(doc: Document, path: Path) -> Path:
    path.write_text(json.dumps(document_to_dict(doc)), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "v.db"
    with opened(path, create=True) as store:
        store.add(appendix("6.18"), "6.18", when="2025-11-06")
    return path


def test_apply_writes_the_consolidated_version_and_checks_it(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ax = _save(mp089_like_annex(), tmp_path / "mp089.json")
    out = tmp_path / "draft.json"
    assert main(["apply", str(ax), "--to", "6.18", "-o", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "annex.docx applied to appendix-r-v6.18.docx: 20 edits, 0 mismatches" in printed
    assert "  Table 8.1.10: 1 row changed, 1 row inserted, 14 footer figures set" in printed
    assert "  Section 5.4: title changed, 1 paragraph deleted" in printed
    assert f"wrote {out}" in printed and "all footer figures agree" in printed
    assert differences(read_file(out), version_619()) == []
    assert main(["apply", str(ax), "--to", "6.18", "-o", str(out), "--db", str(db), "--list"]) == 0
    assert (
        "Table 8.1.10 row 6.2.7 (Read Device Configuration (MPxN)): "
        "changes row 6.2.7: CV: 'Mandatory SMETS 2' -> 'Mandatory'" in capsys.readouterr().out
    )
    docx = tmp_path / "draft.docx"
    assert main(["apply", str(ax), "--to", "6.18", "-o", str(docx), "--db", str(db)]) == 0
    body = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "Communications Hub Status Update- No Fault Returned" in body and "w:tblHeader" in body


def test_apply_with_mismatches_writes_nothing_unless_forced(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "other-base.json"
    _save(appendix("6.18", rsa=[r if r[0] != "6.2.7" else (r[0], r[1], M, NA) for r in RSA_618]), base)
    ax = _save(mp089_like_annex(), tmp_path / "mp089.json")
    out = tmp_path / "draft.json"
    assert main(["apply", str(ax), "--to", str(base), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "Table 8.1.10 row 6.2.7 (Read Device Configuration (MPxN)): struck/old cells not in the baseline" in printed
    assert "nothing written" in printed and not out.exists()
    assert main(["apply", str(ax), "--to", str(base), "-o", str(out), "--force", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "redline.apply/1" and report["written"] == str(out) and out.exists()
    assert report["mismatches"][0]["location"].startswith("Table 8.1.10 row 6.2.7")
    assert main(["apply", str(ax), "--to", str(base), "-o", str(ax), "--force"]) == 2  # never over an input
    assert "refusing to write over an input file" in capsys.readouterr().err
    assert main(["apply", str(base), "--to", str(base), "-o", str(tmp_path / "x.json")]) == 2
    assert "not an annex" in capsys.readouterr().err and not (tmp_path / "x.json").exists()


def test_conflicts_command(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows_a = [r if r[0] != "8.4" else (r[0], r[1], NA, M) for r in RSA_618]
    rows_b = [r if r[0] != "8.4" else (r[0], r[1], M, NA) for r in RSA_618]
    a = _save(annex(table_amendment("8.1.10", RSA_618, rows_a), source="mp-a.docx"), tmp_path / "a.json")
    b = _save(annex(table_amendment("8.1.10", RSA_618, rows_b), source="mp-b.docx"), tmp_path / "b.json")
    assert main(["conflicts", str(a), str(b), "--base", "6.18", "--db", str(db)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "mp-a.docx and mp-b.docx against appendix-r-v6.18.docx: 1 conflict",
        "CONFLICT  Table 8.1.10 row 8.4 (Update Inventory)",
        "  mp-a.docx: changes row 8.4: NCV: 'Mandatory SMETS 2' -> 'Mandatory'",
        "  mp-b.docx: changes row 8.4: CV: 'N/A' -> 'Mandatory'; NCV: 'Mandatory SMETS 2' -> 'N/A'",
    ]
    # The same annex twice: every change both make is one change, not a conflict (issue 18 item 6).
    assert main(["conflicts", str(a), str(a), "--base", "6.18", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "redline.conflicts/1" and data["conflicts"] == [] and data["ok"] is True
    assert data["agreed"][0]["where"] == "Table 8.1.10 row 8.4 (Update Inventory)"


def test_an_annex_given_as_the_baseline_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `apply X --to ANNEX` and `conflicts A B --base ANNEX` used to plan against the annex's
    # excerpts: a page of "struck/old text not among its 0 paragraphs", exit 1.
    first = _save(mp089_like_annex(), tmp_path / "mp089.json")
    second = _save(mp089_like_annex(), tmp_path / "other.json")
    out = tmp_path / "draft.docx"
    for argv in (["apply", str(first), "--to", str(second), "-o", str(out)],
                 ["conflicts", str(first), str(second), "--base", str(second)]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        [line] = captured.err.splitlines()
        assert line.startswith(f"redline: {second}: an annex (") and "not a version of Appendix R" in line
    assert not out.exists()
