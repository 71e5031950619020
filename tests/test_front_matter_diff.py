"""diff compares everything it read: the text before the first numbered heading
(all the text of a document without numbered headings) and unnumbered tables.
Before, such a pair diffed as "no changes" however much its text differed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_builder import cell, para, row, table, write_docx

from redline import cli
from redline.diff import diff, select
from redline.readers import read
from redline.writers.json import diff_to_dict
from redline.writers.text import diff_report


def _letter(path: Path, second: str, price: str) -> Path:
    body = [
        para(text="Dear Reviewer,"),
        para(text=second),
        table([row([cell("Item"), cell("Price")], header=True), row([cell("Meter"), cell(price)])], 2),
    ]
    write_docx(path, body)
    return path


def test_a_document_without_numbered_headings_does_not_diff_as_no_changes(tmp_path: Path) -> None:
    old = read(_letter(tmp_path / "old.docx", "The meter was installed on Monday.", "100"))
    new = read(_letter(tmp_path / "new.docx", "The meter was replaced on Monday.", "120"))
    assert not old.sections and not new.sections
    result = diff(old, new)
    assert not result.is_empty
    assert result.front is not None
    [p] = result.front.paragraphs
    assert (p.change, p.old, p.new) == ("modified", "The meter was installed on Monday.",
                                        "The meter was replaced on Monday.")
    assert [(e.op, e.text) for e in p.edits if e.op != "equal"] == [("delete", "installed"), ("insert", "replaced")]
    [t] = result.tables
    assert [(c.key, c.column, c.old, c.new) for c in t.cells_changed] == [("Meter", "Price", "100", "120")]
    data = diff_to_dict(result)
    assert data["front_matter"]["paragraphs"][0]["new"] == "The meter was replaced on Monday."
    assert data["summary"]["front_matter_paragraphs_changed"] == 1
    report = diff_report(result)
    assert "no changes" not in report
    assert "    ~ The meter was [-installed-]{+replaced+} on Monday." in report
    assert select(result, only="tables").front is None


def test_cli_diff_of_two_letters_reports_the_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _letter(tmp_path / "a.docx", "Same text.", "1")
    b = _letter(tmp_path / "b.docx", "Other text.", "1")
    assert cli.main(["diff", str(a), str(b), "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [(p["change"], p["old"], p["new"]) for p in data["front_matter"]["paragraphs"]] == [
        ("modified", "Same text.", "Other text.")
    ]


def test_annex_of_letters_differing_only_in_front_matter_does_not_say_same_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _letter(tmp_path / "a.docx", "Same text.", "1")
    b = _letter(tmp_path / "b.docx", "Other text.", "1")
    out_path = tmp_path / "annex.html"
    assert cli.main(["annex", str(a), str(b), "-o", str(out_path)]) == 0
    out = capsys.readouterr().out
    assert "same content" not in out
    assert "differ only before the first numbered heading (1 paragraph(s) of front matter)" in out
    assert not out_path.exists()
    assert cli.main(["annex", str(a), str(b), "-o", str(out_path), "--full"]) == 0
    capsys.readouterr()
    html = out_path.read_text(encoding="utf-8")
    assert "<del>Same</del><ins>Other</ins> text." in html
    assert "No changes." not in html  # a full copy whose only change is in the front matter
