"""Small faults found trying the CLI as a drafter and a reviewer would (issue 14, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.cli import build_parser, main
from redline.draft import amend_docx
from redline.readers import read
from redline.versions.edits import ParagraphEdit
from tests.conftest import ROOT, V618, V619


@pytest.fixture(scope="module")
def one_paragraph_edit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6.18 with one paragraph of Section 6.1 reworded: sections differ, tables do not."""
    section = read(V618).section("6.1")
    assert section is not None
    text = section.blocks[0].text  # type: ignore[union-attr]
    edit = ParagraphEdit("6.1", 0, "replace", text, text.replace("test window", "test windows"))
    dest = tmp_path_factory.mktemp("edit") / "reworded-6.18.docx"
    dest.write_bytes(amend_docx(V618.read_bytes(), str(V618), [edit]))
    return dest


def test_diff_only_says_the_other_half_was_not_compared(
    one_paragraph_edit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(V618), str(V619), "--only", "tables"]) == 0
    summary = capsys.readouterr().out.splitlines()[1]
    assert summary.startswith("summary: sections not compared; 11 tables changed")
    assert summary.endswith("; references not compared")
    assert main(["diff", str(V618), str(V619), "--only", "sections"]) == 0
    summary = capsys.readouterr().out.splitlines()[1]
    assert summary.startswith("summary: 8 sections changed; tables not compared; 2 reference problems")
    # text differs but only tables were compared: never a bare "no changes"
    assert main(["diff", str(V618), str(one_paragraph_edit), "--only", "tables"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "no table changes (sections not compared)"


def test_role_summary_shows_a_changed_printed_total(capsys: pytest.CaptureFixture[str]) -> None:
    """RSA's rows give 18 -> 20, but 6.18 printed 23: the role line says so (E2)."""
    assert main(["diff", str(V618), str(V619)]) == 0
    [rsa] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  RSA ")]
    assert rsa.endswith("Total Tests 18 -> 20 (+2); printed Total Tests: Table 8.1.10 23 -> 20")


def test_log_of_a_table_no_version_has_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.db")
    assert main(["versions", "add", str(V618), "--label", "6.18", "--db", db]) == 0
    capsys.readouterr()
    assert main(["log", "--table", "8.1.99", "--db", db]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "redline: no Table 8.1.99 in any stored version (6.18)\n"
    assert main(["log", "--section", "9.9", "--db", db]) == 2


def test_apply_says_nothing_was_applied_when_nothing_is_written(
    one_paragraph_edit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = tmp_path / "annex.docx"
    assert main(["annex", str(V618), str(one_paragraph_edit), "-o", str(annex)]) == 0
    assert capsys.readouterr().out.startswith(f"{annex}: 1 amendment; 1 section and 0 tables changed")
    # written (exit 1 only for 6.18's own planted totals, which the draft keeps)
    assert main(["apply", str(annex), "--to", str(V618), "-o", str(tmp_path / "ok.docx")]) == 1
    printed = capsys.readouterr().out
    assert "  Section 6.1: 1 paragraph changed" in printed and "applied to" in printed and "wrote" in printed
    assert main(["apply", str(annex), "--to", str(one_paragraph_edit), "-o", str(tmp_path / "no.docx")]) == 1
    first, *rest = capsys.readouterr().out.splitlines()
    assert " applied to " not in first and first.endswith("0 edits would be made, 1 mismatch; not applied")
    assert rest[-1] == "nothing written: 1 amendment does not match (--force writes anyway)"


def test_annex_help_says_labels_work() -> None:
    sub = build_parser()._subparsers._group_actions[0].choices["annex"]  # type: ignore[union-attr]
    assert "stored version's label" in sub.format_help()


def test_readme_stays_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme and "shared/" not in readme


def test_make_demo_handles_checks_exit_1_itself() -> None:
    """`-@cmd` makes make print "Error 1 (ignored)"; the demo says why 6.18 fails instead."""
    demo = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:")[1].split("\n\n")[0]
    assert "\t-@" not in demo and "\t-" not in demo
    assert "|| echo" in demo
