"""The diff's outputs: the ``redline.diff/1`` JSON of json-contract.md, the
text report, and the ``redline diff`` command (inputs stubbed until the
DOCX reader is on main)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from diffdata import document, duis_table, para, role_rows, section

from redline import cli
from redline.diff import diff
from redline.model import Document
from redline.writers.json import DIFF_SCHEMA, diff_to_dict
from redline.writers.text import diff_report


def _pair() -> tuple[Document, Document]:
    rows = role_rows("RSA")
    new_rows = [list(r) for r in rows]
    new_rows[5][4] = "Mandatory SMETS 2" if rows[5][4] != "Mandatory SMETS 2" else "Mandatory"
    new_rows[6][2] = rows[6][2] + " (KRP and Supplier)"
    fault = ("8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N",
             "Mandatory", *(["N/A"] * 9), "RSA")
    old = document(
        [
            section("1", "Introduction"),
            section("1.2", "Types of Testing Required", "The following types of testing are required:",
                    para("User Entry Process Tests;", 0)),
            section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", rows,
                                                              stated={("Total Tests", 0): 23})),
        ],
        source="v6.18.docx",
        version="6.18",
    )
    new = document(
        [
            section("1", "Introduction"),
            section("1.2", "Types of Testing Required", "The following types of testing are required:",
                    para("User Entry Process Tests;", 0),
                    para("For an existing User seeking to act in a new User Role, the tests for that role.", 0)),
            section("8.1.10", "DUIS Matrix – RSA",
                    duis_table("8.1.10", "RSA", [*(tuple(r) for r in new_rows), fault])),
        ],
        source="v6.19.pdf",
        version="6.19",
    )
    return old, new


def test_json_follows_the_contract() -> None:
    old, new = _pair()
    data = diff_to_dict(diff(old, new))
    assert data["schema"] == DIFF_SCHEMA == "redline.diff/1"
    assert data["old"]["source"] == "v6.18.docx" and data["new"]["source"] == "v6.19.pdf"
    assert set(data["old"]) >= {"source", "sha256"}
    [s] = data["sections"]
    assert {"number", "change", "old_title", "new_title", "edits"} <= set(s)
    assert s["change"] == "modified" and s["number"] == "1.2"
    assert s["edits"][0]["op"] == "insert" and s["edits"][0]["text"].startswith("For an existing User seeking")
    [t] = data["tables"]
    assert t["table"] == "8.1.10"
    for field in ("rows_added", "rows_removed", "rows_renamed", "cells_changed", "counts", "check"):
        assert field in t
    added = [(r["key"], r["name"]) for r in t["rows_added"]]
    assert added == [("8.14.3", "Communications Hub Status Update- Fault Return")]
    [renamed] = t["rows_renamed"]
    assert set(renamed) >= {"key", "old_name", "new_name"}
    [cell] = t["cells_changed"]
    assert set(cell) >= {"key", "name", "column", "column_index", "old", "new"}
    assert (cell["column"], cell["column_index"]) == ("CV", 4)
    for c in t["counts"]:
        assert set(c) >= {"row", "column", "column_index", "old", "new"}
        assert (c["column"] == "Total") == (c["column_index"] is None)
    assert t["check"]["old"] == [{"row": "Total Tests", "column": "Total", "column_index": None,
                                  "stated": 23, "computed": t["check"]["old"][0]["computed"]}]
    assert t["check"]["new"] == []
    summary = data["summary"]
    assert {k: summary[k] for k in ("sections_changed", "rows_added", "rows_removed", "rows_renamed",
                                    "cells_changed")} == {"sections_changed": 1, "rows_added": 1,
                                                          "rows_removed": 0, "rows_renamed": 1, "cells_changed": 1}
    json.dumps(data)  # plain JSON types only


def test_text_report_has_summary_roles_tables_sections() -> None:
    old, new = _pair()
    report = diff_report(diff(old, new))
    lines = report.splitlines()
    assert lines[0] == "v6.18.docx (SEC 6.18) -> v6.19.pdf (SEC 6.19)"
    assert lines[1].startswith("summary: 1 sections changed; 1 tables changed: 1 rows added")
    order = [lines.index(h) for h in ("Per role", "Tables", "Sections")]
    assert order == sorted(order)
    assert "    + row 8.14.3 Communications Hub Status Update- Fault Return" in lines
    assert any(line.startswith("    ~ renamed 6.2.8:") for line in lines)
    assert "    + • For an existing User seeking to act in a new User Role, the tests for that role." in lines


def test_summary_counts_footer_figures_changed_only_in_print() -> None:
    """A drafter who only corrects the printed totals (16 -> 12, 23 -> 18, the
    rows unchanged) must not read "0 footer figures changed" above a list of them."""
    rows = role_rows("RSA")
    wrong = duis_table("8.1.10", "RSA", rows, stated={("Count of Mandatory", -1): 16, ("Total Tests", 0): 23})
    fixed = duis_table("8.1.10", "RSA", rows)
    old = document([section("8.1.10", "DUIS Matrix – RSA", wrong)], source="v6.18.docx", version="6.18")
    new = document([section("8.1.10", "DUIS Matrix – RSA", fixed)], source="v6.19.docx", version="6.19")
    lines = diff_report(diff(old, new)).splitlines()
    assert "0 footer figures changed (2 more changed only as printed)" in lines[1]
    listed = [line for line in lines if line.startswith("      ") and ": printed " in line]
    assert len(listed) == 2


def test_totals_checks_of_a_draft_that_still_says_its_baselines_version_are_told_apart() -> None:
    rows = role_rows("RSA")
    fixed = duis_table("8.1.10", "RSA", rows)
    wrong = duis_table("8.1.10", "RSA", rows, stated={("Total Tests", 0): 23})
    old = document([section("8.1.10", "DUIS Matrix – RSA", fixed)], source="v6.19.docx", version="6.19")
    new = document([section("8.1.10", "DUIS Matrix – RSA", wrong)], source="draft.docx", version="6.19")
    [check_line] = [line for line in diff_report(diff(old, new)).splitlines() if line.startswith("    check ")]
    assert check_line.startswith("    check old SEC 6.19: ok | new SEC 6.19: Total Tests [Total] stated 23")


def test_text_report_of_no_change() -> None:
    old, _ = _pair()
    assert diff_report(diff(old, old)).splitlines()[1] == "no changes"


def test_cli_diff_prints_json_and_filters(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _pair()
    monkeypatch.setattr(cli, "_load_version", lambda arg, args: {"a.docx": old, "b.pdf": new}[arg])
    assert cli.main(["diff", "a.docx", "b.pdf", "--json", "--only", "tables"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sections"] == [] and [t["table"] for t in data["tables"]] == ["8.1.10"]
    assert cli.main(["diff", "a.docx", "b.pdf", "--role", "ED"]) == 0
    out = capsys.readouterr().out
    assert "Table 8.1.10" not in out and "1.2 Types of Testing Required: modified" in out


def test_cli_diff_unknown_role_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped role ("SRA" for RSA) must not read as "nothing changed for that role"."""
    old, new = _pair()
    monkeypatch.setattr(cli, "_load_version", lambda arg, args: {"a.docx": old, "b.pdf": new}[arg])
    assert cli.main(["diff", "a.docx", "b.pdf", "--role", "SRA"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "'SRA'" in captured.err and "RSA" in captured.err
    assert cli.main(["diff", "a.docx", "b.pdf", "--role", "rsa"]) == 0
    assert "Table 8.1.10" in capsys.readouterr().out


def test_cli_diff_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("not a document")
    assert cli.main(["diff", str(bad), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a DOCX or PDF" in err and str(bad) in err


def test_a_moved_section_keeps_to_the_contracts_kinds_in_json() -> None:
    sections = [section("5", "UEPT Procedure"), section("5.4", "Test Completion", "A Party completes UEPT."),
                section("7", "Test Data"), section("7.1", "Test Data Requirements", "Each User provides data.")]
    moved = [sections[0], sections[2], sections[3], section("7.2", "Test Completion", "A Party completes UEPT.")]
    data = diff_to_dict(diff(document(sections), document(moved)))
    assert [(s["change"], s["moved"], s["old_number"], s["new_number"]) for s in data["sections"]] == [
        ("renumbered", True, "5.4", "7.2")]
    assert {s["change"] for s in data["sections"]} <= {"added", "removed", "modified", "renumbered", "retitled"}


def test_cli_diff_text_ends_with_what_the_readers_doubted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stale caption or a doubled section number changes what the diff pairs,
    so the text report repeats the readers' warnings; the JSON stays the contract's."""
    import dataclasses

    old, new = _pair()
    doubt = "2 sections numbered 5.3: 'Test Witnessing', 'Test Execution'"
    new = dataclasses.replace(new, source="b.docx", warnings=(doubt,))
    monkeypatch.setattr(cli, "_load_version", lambda arg, args: {"a.docx": old, "b.docx": new}[arg])
    assert cli.main(["diff", "a.docx", "b.docx"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"warning: b.docx: {doubt}\n")
    assert cli.main(["diff", "a.docx", "b.docx", "--json"]) == 0
    assert "warning" not in capsys.readouterr().out


def test_select_refuses_a_role_that_is_no_user_role() -> None:
    """A script calling select() directly gets the same refusal as the CLI, not an
    empty result that reads as "no change for that role"."""
    from redline.diff import select
    from redline.errors import RedlineError

    old, new = _pair()
    result = diff(old, new)
    assert select(result, role=" rsa ").tables == select(result, role="RSA").tables
    with pytest.raises(RedlineError, match="'SRA': not a User Role"):
        select(result, role="SRA")
