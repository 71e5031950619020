"""Gaps in apply found after instruction-as-data landed (issue 18): each test is
named after what broke, on 6.19 edited as a Word user would."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

import redline
from fixtures.edit_cells import add_footnote, delete_column, insert_column
from redline.cli import main
from redline.draft import amend_docx
from redline.model import Paragraph, Run, Table
from redline.ooxml.ns import W
from redline.readers import read
from redline.readers.docx import read_docx
from redline.versions.edits import FooterRowEdit
from redline.writers import apply_report as amend_json
from tests.conftest import V619
from tests.edited_versions import annex_between, edited_docx, rename_row


def test_amended_docx_places_a_new_footer_row_before_a_row_the_annex_spells_in_other_case() -> None:
    """A hand-typed annex writing "TOTAL TESTS" under a new "Count of Mandatory SMETS1"
    row: docx_amend paired the following label with ``==`` (not diff/match.py's
    ``same_footer_row``) and put the new row after Total Tests."""
    figures = (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)
    new = FooterRowEdit("8.1.6", "insert", "Count of Mandatory SMETS1", figures, "TOTAL TESTS")
    data = amend_docx(V619.read_bytes(), str(V619), [new])
    table = read_docx(V619.with_name("amended.docx"), data, "").table("8.1.6")
    assert table is not None
    labels = [f.label for f in table.footer]
    assert labels[-2:] == ["Count of Mandatory SMETS1", "Total Tests"]


def _column_edited(tmp_path: Path, op: str) -> Path:
    """6.19 with ECV9 inserted after ECV8 in Table 8.1.10 (or ECV8 deleted), as Word does it."""
    index = [t.number for t in read(V619).tables()].index("8.1.10")
    if op == "insert":
        footer = {"Count of N/A": "20", "Count of Mandatory": "0", "Count of Mandatory SMETS 2": "0"}
        return insert_column(V619, tmp_path / "6.19-ecv9.docx", index, 12, {"": "ECV9", "SR": "ECV9", **footer}, "N/A")
    return delete_column(V619, tmp_path / "6.19-no-ecv8.docx", index, 12)


@pytest.mark.parametrize(("op", "grid"), [("insert", 16), ("delete", 14)])
def test_apply_carries_out_a_column_the_annex_inserts_or_deletes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], op: str, grid: int
) -> None:
    """``redline annex`` of 6.19 with a column inserted into (deleted from) Table 8.1.10
    redlines the column; apply refused it (22 mismatches: "row has 16 cells, table has
    15"; 1 mismatch for a deleted one). Now the baseline's DOCX gets the column (grid,
    header and every row, footer figures) and reads back as the edited version."""
    edited = _column_edited(tmp_path, op)
    annex, draft = tmp_path / "annex.docx", tmp_path / "draft.docx"
    assert main(["annex", str(V619), str(edited), "-o", str(annex)]) == 0
    capsys.readouterr()
    assert main(["apply", str(annex), "--to", str(V619), "-o", str(draft)]) == 0
    out = capsys.readouterr()
    assert f"1 column {op.rstrip('e')}ed" in out.out and "0 mismatches" in out.out
    assert "rebuilt" not in out.out + out.err  # amended in the baseline's own file
    assert redline.diff(read(draft), read(edited)).is_empty
    with zipfile.ZipFile(draft) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tbl = list(root.iter(W + "tbl"))[[t.number for t in read(V619).tables()].index("8.1.10")]
    assert len(tbl.findall(f"{W}tblGrid/{W}gridCol")) == grid


def test_apply_refuses_an_inserted_column_when_the_annex_leaves_rows_out() -> None:
    """An inserted column needs a cell in every row: an annex showing only some rows
    of the table cannot say what the others hold, so it is a mismatch, not a guess."""
    from redline.versions.apply import apply

    old = read(V619)
    annex = annex_between(old, read(_column_edited(Path(tempfile.mkdtemp()), "insert")))
    (item,) = [a for a in annex.amendments if a.target.number == "8.1.10"]
    (table,) = [b for b in item.blocks if isinstance(b, Table)]
    cut = replace(table, rows=table.rows[:5])
    cut_annex = replace(annex, amendments=(replace(item, blocks=tuple(cut if b is table else b for b in item.blocks)),))
    result = apply(old, cut_annex)
    assert [m.problem for m in result.plan.mismatches][:1] == [
        "inserted column: the annex shows 5 of the table's 20 rows and 2 of its 2 header rows; it must show them all"
    ]


def test_two_identical_annexes_agree_instead_of_conflicting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``redline conflicts A A`` listed every change as "CONFLICT … (both make the same
    change)" and exited 1; the same change made by both is one change (issue 18)."""
    edited = tmp_path / "edited.docx"
    old = read(V619)
    data, _ = edited_docx(V619, [rename_row(old, "8.1.10", "8.4", "Update Inventory (Full)")])
    edited.write_bytes(data)
    annex = tmp_path / "annex.docx"
    assert main(["annex", str(V619), str(edited), "-o", str(annex)]) == 0
    capsys.readouterr()
    assert main(["conflicts", str(annex), str(annex), "--base", str(V619)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(": 0 conflicts, 1 change both make")
    assert lines[1].startswith("same      Table 8.1.10 row 8.4 (Update Inventory (Full)): both changes row 8.4")
    assert not any(line.startswith("CONFLICT") for line in lines)


def test_apply_reads_unknown_instructions_and_writes_its_warnings_as_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """apply took the place of an unknown instruction back out of the reader's
    "paragraph 12: 'Substitute …'" string with ``partition(": ")``, and its own
    warnings were bare strings. Both are model.Notice records now (level, source,
    place, message), and apply's JSON lists them (``warning_records``, beside
    ``warnings``, whose lines now name the annex)."""
    from redline.structure import assemble
    from redline.versions.apply import plan

    lines = ("Annex A", "These changes have been drafted against SEC Version 6.17",
             "Substitute Section 5.5: Exit with the following:", "New text")
    stream = [Paragraph(x, (Run(x),)) for x in lines]
    annex = assemble("annex.docx", "0" * 64, stream)
    [unknown] = annex.unknown_instructions
    assert (unknown.place, unknown.message) == ("paragraph 3", "'Substitute Section 5.5: Exit with the following:'")
    p = plan(read(V619), annex)
    assert [(m.location, m.instruction) for m in p.mismatches] == [
        ("paragraph 3", "'Substitute Section 5.5: Exit with the following:'")]
    assert [(w.source, w.place, w.message) for w in p.warnings] == [
        ("annex.docx", "", "no 'Amend … as follows:' instructions: not an annex?"),
        ("annex.docx", "", "drafted against SEC Version 6.17; the baseline is 6.19"),
    ]
    data = amend_json.plan_to_dict("annex.docx", str(V619), p, None)
    assert data["warnings"][1] == "annex.docx: drafted against SEC Version 6.17; the baseline is 6.19"
    assert data["warning_records"][1] == {"level": "warning", "source": "annex.docx", "place": "",
                                          "message": "drafted against SEC Version 6.17; the baseline is 6.19"}


def test_apply_changes_a_footnote_the_annex_changes_in_the_notes_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An annex whose only change is a footnote's text (diff and annex show it as
    "[footnote: …]" after the citing paragraph) was refused by apply: "struck/old text
    not among its 2 paragraphs". Now the note is changed in the draft's footnotes part,
    found through the document's relationships (here at word/notes/fn.xml)."""
    section = read(V619).section("5.4")
    assert section is not None and isinstance(section.blocks[1], Paragraph)
    cited_by = section.blocks[1].text[:90]  # "… prior to the release of November 2019 SEC Release"
    old = add_footnote(V619, tmp_path / "old.docx", cited_by, "Eligibility is set by the Panel.", "word/notes/fn.xml")
    new = add_footnote(V619, tmp_path / "new.docx", cited_by, "Eligibility is set by the SEC Panel.",
                       "word/notes/fn.xml")
    annex, draft = tmp_path / "annex.docx", tmp_path / "draft.docx"
    assert main(["annex", str(old), str(new), "-o", str(annex)]) == 0
    capsys.readouterr()
    assert main(["apply", str(annex), "--to", str(old), "-o", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "1 footnote changed" in out and "0 mismatches" in out and "rebuilt" not in out
    assert redline.diff(read(draft), read(new)).is_empty
    with zipfile.ZipFile(draft) as z:
        notes = etree.fromstring(z.read("word/notes/fn.xml"))
        assert "word/footnotes.xml" not in z.namelist()
    assert "".join(t.text or "" for t in notes.iter(W + "t")).strip() == "Eligibility is set by the SEC Panel."
